"""The books as PDF files: `playbooks pdf` prints the whole library and each reading path from the built site's print
pages, and the site links to them. Checked in the files' own text (pypdf) and through the links readers follow."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM
from playwright.sync_api import Page

from sales_playbooks.model import Library, Playbook
from sales_playbooks.render_book import LIBRARY_BOOK, path_playbooks

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
MOST_PAGES_PER_PLAYBOOK = 12  # the longest playbook prints on about 8 A4 pages


def pages_text(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def outline_titles(path: Path) -> list[str]:
    from pypdf import PdfReader

    def flat(items: list[Any]) -> list[str]:
        found: list[str] = []
        for item in items:
            found += flat(item) if isinstance(item, list) else [str(item.title)]
        return found

    return [" ".join(t.split()) for t in flat(PdfReader(path).outline)]


def contents_lines(path: Path, pages: range = range(1, 2)) -> dict[str, int]:
    """The contents pages (from the second) as laid out: each entry's title and the page number at the end of its
    line."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    text = "\n".join(reader.pages[n].extract_text(extraction_mode="layout") for n in pages)
    found: dict[str, int] = {}
    title = ""  # the lines of an entry whose title wraps, until the line with its page number
    for line in text.splitlines():
        entry = re.fullmatch(r"\s*(.+?)\s{2,}(\d+)\s*", line)
        if entry:
            found[" ".join(f"{title} {entry.group(1)}".split())] = int(entry.group(2))
        title = "" if entry or not line.strip() else f"{title} {line}"
    return found


def contents_links(path: Path, pages: range = range(1, 2)) -> dict[str, int]:
    """The links on the contents pages (from the second): how many places within the file they lead to, how many
    lead to the web. A title that wraps is one link in two pieces, one per line, with the same destination."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    annotations = [a.get_object() for n in pages for a in reader.pages[n].get("/Annots", [])]
    links = [a for a in annotations if a.get("/Subtype") == "/Link"]
    web = [a for a in links if "/URI" in (a.get("/A") or {})]
    internal = {str(a.get("/Dest") or (a.get("/A") or {}).get("/D")) for a in links if a not in web}
    return {"internal": len(internal), "web": len(web)}


def starts(texts: list[str], title: str) -> list[int]:
    """The pages whose text begins with the title: where a part of the book starts. Spaces are left out of the
    comparison, as the text of a PDF may break a line inside a word ("90-day")."""
    bare = "".join(title.split())
    return [n for n, text in enumerate(texts) if "".join(text.split()).startswith(bare)]


def opening(playbook: Playbook) -> str:
    """How a playbook's first page begins: its title, its summary, then the facts line (which a related-playbooks
    list at the top of a page does not have)."""
    return f"{playbook.title} {playbook.summary} For "


def test_the_library_and_each_path_print_to_pdfs_the_site_links_to(
    page: Page, site_url: str, built_site: Path, library: Library
) -> None:
    command = [sys.executable, "-c", "from sales_playbooks.cli import main; main()", "pdf", str(built_site)]
    result = subprocess.run(
        [*command, "--root", str(ROOT)],
        env=dict(os.environ, CHROMIUM=CHROMIUM, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    folder = built_site / "pdf"
    whole = folder / f"{LIBRARY_BOOK}.pdf"
    texts = pages_text(whole)
    count = len(library.playbooks)
    assert count + 2 <= len(texts) <= MOST_PAGES_PER_PLAYBOOK * count, "a cover, the contents, then every playbook"
    assert texts[0].startswith("Sales Leader Playbooks The whole library")
    assert "Contents" in texts[1]
    outline = {"".join(t.split()) for t in outline_titles(whole)}  # a title that wraps may lose a space in its bookmark
    for playbook in library.playbooks:
        assert len(starts(texts, opening(playbook))) == 1, f"{playbook.title} starts one page of the library"
        assert "".join(playbook.title.split()) in outline, "a bookmark for each playbook"
    for part in ("All checklists", "Glossary", "Sources"):
        assert starts(texts, part), f"the library ends with {part}"
    # The contents run from the second page to the first playbook's (a long library's take more than one page).
    listed = range(1, min(starts(texts, opening(p))[0] for p in library.playbooks))
    contents = contents_lines(whole, listed)
    for playbook in library.playbooks:
        number = starts(texts, opening(playbook))[0] + 1
        assert contents.get(" ".join(playbook.title.split())) == number, f"the contents give {playbook.title}'s page"
    assert contents_links(whole, listed) == {"internal": count + 3, "web": 0}, "the contents link within the file"
    assert f"page 1 of {len(texts)}" in texts[0] and f"page {len(texts)} of {len(texts)}" in texts[-1]
    assert f"{whole.relative_to(built_site)}: {len(texts)} pages" in result.stdout.replace(str(built_site) + "/", "")

    for path in sorted((ROOT / "docs" / "paths").glob("*.md")):
        if path.name == "index.md":
            continue
        chosen = path_playbooks(path.read_text(encoding="utf-8"), f"paths/{path.name}", library)
        book = pages_text(folder / f"{path.stem}.pdf")
        assert len(chosen) + 2 <= len(book) < len(texts), path.stem
        assert starts(book, "About this path"), "a path's book opens with its page's own words"
        firsts = [starts(book, opening(p)) for p in chosen]
        assert all(len(found) == 1 for found in firsts), f"each of {path.stem}'s playbooks starts one page"
        assert [found[0] for found in firsts] == sorted(found[0] for found in firsts), "in the path's order"
        others = [p for p in library.playbooks if p not in chosen]
        assert not [p.title for p in others if starts(book, opening(p))], "and no other playbook"

    links = {
        "": "The whole library",
        "paths/": "Reading path: new sales managers",
        "paths/new-manager/": "Reading path: new sales managers",
    }
    for at, name in links.items():
        page.goto(site_url + at)
        link = page.locator("article .pb-downloads a", has_text=re.compile(f"^{name}$"))
        href = link.evaluate("a => a.href")
        response = page.request.get(href)
        expected = whole if name == "The whole library" else folder / "new-manager.pdf"
        assert response.ok and response.body() == expected.read_bytes(), f"{name} on /{at}"
        assert response.headers["content-type"] == "application/pdf"
    footer = page.get_by_role("navigation", name="More from the site").get_by_role("link", name=re.compile("PDF"))
    assert page.request.get(footer.evaluate("a => a.href")).body() == whole.read_bytes()
