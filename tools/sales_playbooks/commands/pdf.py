"""`playbooks pdf [SITE]`: print each book (the whole library, each reading path) from the built site to a PDF file.

The books' print pages are part of the site (print/<book>/, kept out of the nav and the search; see
render_book.py), so the PDFs are made from the same pages readers see. This command serves SITE on a
local port, opens each print page in Chromium (Debian's, through Playwright) and prints it, with page
numbers, bookmarks from the headings and tags for screen readers, into SITE/pdf/<book>.pdf. The contents
get each part's page number from the bookmarks of a first printing, and the book is printed again until the
numbers hold. Links within the book lead within the file; links that leave it point to the published site
(site_url). Every book is printed before any file is put in place: a failure writes nothing.
"""

from __future__ import annotations

import functools
import html
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import click

from ..errors import display_path
from ..links import page_path
from ..render_book import PDF_DIR, Book
from ..settings import read_settings
from ..site_build import assemble
from .common import EXIT_INVALID, EXIT_USAGE, err_console, root_option

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
FOOTER = (
    '<div style="width:100%;font-family:sans-serif;font-size:8px;color:#444;text-align:center">'
    '{title} · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
)
# Links within the book stay within it (the theme's script has made them full addresses); links that leave it
# go from the local server's address to the published site's.
PUBLIC_LINKS = """([local, published]) => {
  const here = window.location.href.split("#")[0];
  for (const a of document.querySelectorAll("a[href]")) {
    const target = new URL(a.getAttribute("href"), window.location.href);
    if (target.href.split("#")[0] === here) { a.setAttribute("href", target.hash || "#"); continue; }
    if (target.href.startsWith(local)) { a.setAttribute("href", published + target.href.slice(local.length)); }
  }
  return document.fonts.ready.then(() => true);
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """The folder served on a free local port, for as long as the block runs; yields its address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# The contents' page numbers: each entry's page, as the bookmarks of the last printing give it.
NUMBER_CONTENTS = """pages => {
  for (const a of document.querySelectorAll("#contents + ul a")) {
    let number = a.parentElement.querySelector(":scope > .pb-page");
    const page = pages[a.textContent.replace(/\\s+/g, "")];
    if (page === undefined) { if (number) { number.remove(); } continue; }
    if (!number) { number = document.createElement("span"); number.className = "pb-page"; a.after(number); }
    number.textContent = String(page);
  }
}"""
PRINTINGS = 3  # numbering the contents may move a page; printing stops once the numbers hold


def page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def bookmark_pages(path: Path) -> dict[str, int]:
    """The page (from 1) each top-level bookmark (a part of the book: a level-1 heading) points to, by its title
    without spaces (a title that wraps may lose one in the bookmark)."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    found: dict[str, int] = {}
    for item in reader.outline:
        number = None if isinstance(item, list) else reader.get_destination_page_number(item)
        if number is not None and not isinstance(item, list):
            found.setdefault("".join(str(item.title).replace("\u00b6", "").split()), number + 1)
    return found


def print_books(site: Path, books: list[Book], out: Path, chromium: str, published: str | None) -> None:
    """Each book's print page in SITE printed to OUT/<book>.pdf, with the page numbers in its contents."""
    from playwright.sync_api import sync_playwright

    with serving(site) as local, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for book in books:
                response = page.goto(local + page_path(book.page_uri), wait_until="load")
                if response is None or not response.ok:
                    raise click.ClickException(f"the print page of {book.id} answered {response and response.status}")
                page.evaluate(PUBLIC_LINKS, [local, published or local])
                title = html.escape(f"{book.title}: {book.subtitle}" if not book.whole else book.title)
                target = out / f"{book.id}.pdf"
                numbers: dict[str, int] = {}
                for _ in range(PRINTINGS):
                    page.pdf(
                        path=str(target),
                        format="A4",
                        margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
                        print_background=True,
                        display_header_footer=True,
                        header_template="<span></span>",
                        footer_template=FOOTER.format(title=title),
                        outline=True,
                        tagged=True,
                    )
                    printed = bookmark_pages(target)
                    if numbers and all(printed.get(k) == v for k, v in numbers.items()):
                        break
                    numbers = printed
                    page.evaluate(NUMBER_CONTENTS, numbers)
                else:
                    raise click.ClickException(f"the page numbers of {book.id}'s contents did not settle")
        finally:
            browser.close()


@click.command("pdf")
@click.argument("site", type=click.Path(file_okay=False, path_type=Path), default="site")
@root_option
@click.option(
    "--chromium",
    envvar="CHROMIUM",
    default="/usr/bin/chromium",
    show_default=True,
    metavar="PATH",
    help="The Chromium to print with (also read from CHROMIUM).",
)
def pdf(site: Path, root: Path, chromium: str) -> None:
    """Print the whole library and each reading path to PDF files in SITE/pdf/ (SITE: the site built by
    `mkdocs build --strict`).

    Build the site first: `mkdocs build --strict` writes it with its print pages.

    \b
    Examples:
      playbooks pdf site
      playbooks pdf /tmp/site --chromium /usr/bin/chromium
    """
    console = err_console()
    settings = read_settings(root)
    built = assemble(settings)
    if built.site is None:
        for line in built.messages():
            console.print(line, markup=False, style="red")
        sys.exit(EXIT_INVALID)
    books = list(built.site.books)
    missing = [b for b in books if not (site / page_path(b.page_uri) / "index.html").is_file()]
    if missing:
        names = ", ".join(page_path(b.page_uri) for b in missing)
        console.print(
            f"error: {display_path(site)} has no print page for {names}; build the site first (mkdocs build)",
            markup=False,
            style="red",
        )
        sys.exit(EXIT_USAGE)
    if not Path(chromium).is_file():
        console.print(f"error: no Chromium at {chromium}; install Debian's chromium or pass --chromium", style="red")
        sys.exit(EXIT_USAGE)
    target = site / PDF_DIR
    with tempfile.TemporaryDirectory(prefix=".pdf-", dir=site) as tmp:
        print_books(site, books, Path(tmp), chromium, settings.site_url)
        target.mkdir(exist_ok=True)
        for book in books:
            os.replace(Path(tmp) / f"{book.id}.pdf", target / f"{book.id}.pdf")
    for book in books:
        path = target / f"{book.id}.pdf"
        size = path.stat().st_size / 1_000_000
        click.echo(f"{display_path(path)}: {page_count(path)} pages, {size:.1f} MB ({book.subtitle})")
