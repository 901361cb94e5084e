"""The print pages the PDFs are printed from: the whole library, and one book per reading path. Pure.

A book is one page of the site (print/<id>.md, kept out of the nav and the search) made of the same
markdown as the pages it gathers: a cover, the contents, (a reading path's own text,) every playbook,
and for the whole library the checklists, the glossary and the sources. Links between parts of the
book become links within it; links to pages outside it point to the published site, so they still
work on paper and in the PDF file.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import yaml

from .links import page_url, resolve
from .model import STAGES, Library, Playbook
from .render_page import by_stage, checklist_block, front_matter, human_date, playbook_page, sources_page
from .sanitize import as_text

PRINT_DIR = "print"
# An inline markdown link (not an image): its text and its target, as a print page rewrites it.
LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
PDF_DIR = "pdf"
LIBRARY_BOOK = "sales-leader-playbooks"
PATHS_DIR = "paths"
GLOSSARY_URI = "glossary.md"
SOURCES_URI = "sources.md"
CHECKLISTS_ANCHOR = "all-checklists"
FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
H1 = re.compile(r"^# .*$", re.M)


@dataclass(frozen=True)
class Book:
    """One PDF: its print page, and what goes in it."""

    id: str  # the print page is print/<id>.md, the file pdf/<id>.pdf
    title: str
    subtitle: str
    playbooks: tuple[Playbook, ...]
    intro_uri: str | None = None  # the reading path page whose text opens the book
    whole: bool = False  # the whole library: the checklists, the glossary and the sources too

    @property
    def label(self) -> str:
        """How a link to the PDF names it: 'The whole library', 'Reading path: new sales managers'."""
        return "The whole library" if self.whole else self.subtitle

    @property
    def page_uri(self) -> str:
        return f"{PRINT_DIR}/{self.id}.md"

    @property
    def pdf_uri(self) -> str:
        return f"{PDF_DIR}/{self.id}.pdf"


def split_page(markdown: str) -> tuple[dict[str, object], str]:
    """A hand-written page's front matter and its body without the first level-1 heading."""
    found = FRONT.match(markdown)
    meta: object = yaml.safe_load(found.group(0).strip("-\n")) if found else {}
    body = markdown[found.end() :] if found else markdown
    return (meta if isinstance(meta, dict) else {}), H1.sub("", body, count=1).strip()


def path_playbooks(markdown: str, uri: str, library: Library) -> list[Playbook]:
    """The playbooks a page links to, in the order it first links to each."""
    by_uri = {p.page_uri: p for p in library.playbooks}
    found: dict[str, Playbook] = {}
    for match in LINK.finditer(markdown):
        target = resolve(match.group(2), uri)
        if target and target[0] in by_uri:
            found.setdefault(target[0], by_uri[target[0]])
    return list(found.values())


def books(library: Library, paths: Mapping[str, str]) -> list[Book]:
    """The whole library, then one book per reading path page ({docs uri: markdown}) that links to a playbook."""
    found = [
        Book(
            LIBRARY_BOOK,
            "Sales Leader Playbooks",
            "The whole library: every playbook, the checklists, the glossary and the sources",
            tuple(p for items in by_stage(library.playbooks).values() for p in items),
            whole=True,
        )
    ]
    for uri, markdown in sorted(paths.items()):
        meta, _ = split_page(markdown)
        chosen = path_playbooks(markdown, uri, library)
        if chosen:
            name = str(meta.get("title") or posixpath.basename(uri)[:-3]).removeprefix("Reading path: ")
            found.append(
                Book(
                    posixpath.basename(uri)[:-3], "Sales Leader Playbooks", f"Reading path: {name}", tuple(chosen), uri
                )
            )
    return found


class _Relinker:
    """Rewrites the links of markdown written for one page so that they work in the book's print page."""

    def __init__(
        self,
        book: Book,
        site_url: str | None,
        extras: Mapping[str, str],
        ids: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        self.page = book.page_uri
        self.site_url = site_url
        self.anchors = {p.page_uri: f"pb-{p.id}" for p in book.playbooks}
        self.kept = dict(extras)  # parts whose own anchors stay valid in the book: uri -> the part's anchor
        self.ids = dict(ids or {})  # a kept part's anchors, where known: a link to another goes to the part

    def target(self, uri: str, fragment: str) -> str:
        if uri in self.anchors:
            return "#" + self.anchors[uri]  # a playbook's heading ids change in the book: its start will do
        if uri in self.kept:
            known = self.ids.get(uri)
            return fragment if fragment and (known is None or fragment[1:] in known) else "#" + self.kept[uri]
        if self.site_url:
            return page_url(self.site_url, uri) + fragment
        return posixpath.relpath(uri, PRINT_DIR) + fragment

    def __call__(self, markdown: str, from_uri: str) -> str:
        def repl(match: re.Match[str]) -> str:
            href = match.group(2)
            found = resolve(href, from_uri)
            if found is not None:
                return f"[{match.group(1)}]({self.target(*found)})"
            if href.startswith("#") and from_uri in self.anchors:
                return f"[{match.group(1)}](#{self.anchors[from_uri]})"  # the part's own headings are renamed
            if urlsplit(href).scheme or href.startswith("#"):
                return match.group(0)
            return match.group(1)  # a folder or a site path: no page of the book or the site to point to

        return LINK.sub(repl, markdown)


def _contents(book: Book, intro: bool, glossary: bool) -> str:
    lines = ["# Contents { #contents .pb-book-part }"]
    if intro:
        lines.append("- [About this path](#about)")
    if book.whole:
        for stage, items in by_stage(book.playbooks).items():
            lines.append(f"- **{STAGES[stage]}**")
            lines.extend(f"    - [{as_text(p.title)}](#pb-{p.id})" for p in items)
        lines.append(f"- [All checklists](#{CHECKLISTS_ANCHOR})")
        lines.extend(["- [Glossary](#glossary)"] if glossary else [])
        lines.append("- [Sources](#sources)")
    else:
        lines.extend(f"- [{as_text(p.title)}](#pb-{p.id})" for p in book.playbooks)
    return "\n".join(lines)


def _checklists(book: Book) -> str:
    chunks = [f"# All checklists {{ #{CHECKLISTS_ANCHOR} .pb-book-part }}"]
    for stage, items in by_stage(book.playbooks).items():
        chunks.append(f"## {STAGES[stage]}")
        for playbook in items:
            chunks.append(f"### [{as_text(playbook.title)}](#pb-{playbook.id})")
            chunks.append(checklist_block(playbook))
    return "\n\n".join(chunks)


def book_page(
    book: Book,
    library: Library,
    today: dt.date,
    edition: dt.date,
    site_url: str | None,
    docs: Mapping[str, str],
    rendered: Mapping[str, str] | None = None,
    ids: Mapping[str, frozenset[str]] | None = None,
) -> str:
    """The print page of a book; `docs` holds the hand-written pages it may draw on ({uri: markdown}), `rendered`
    the playbooks' pages already rendered, by id, and `ids` the anchors of those pages, where known."""
    pages = rendered or {}
    glossary = docs.get(GLOSSARY_URI) if book.whole else None
    extras = {SOURCES_URI: "sources"} if book.whole else {}
    if glossary is not None:
        extras[GLOSSARY_URI] = "glossary"
    relink = _Relinker(book, site_url, extras, ids)
    where = f" The latest version is on the web at <{site_url}>." if site_url else ""
    chunks = [
        front_matter(
            {
                "title": f"{book.title}: {book.subtitle}" if not book.whole else book.title,
                "description": book.subtitle + ".",
                "search": {"exclude": True},
                "hide": ["navigation", "toc", "footer"],
            }
        ),
        '<div class="pb-cover" markdown>',
        f"# {book.title} {{ #cover }}",
        f"{book.subtitle}\n{{ .pb-cover__subtitle }}",
        f"Edition of {human_date(edition)}.{where}\n{{ .pb-cover__edition }}",
        "Playbooks and pages: CC BY 4.0. Share and adapt them with credit to Sales Leader Playbooks.\n"
        "{ .pb-cover__licence }",
        "</div>",
    ]
    intro = docs.get(book.intro_uri) if book.intro_uri else None
    chunks.append(_contents(book, intro is not None, glossary is not None))
    if intro is not None and book.intro_uri:
        _, text = split_page(intro)
        chunks.append("# About this path { #about .pb-book-part }\n\n" + relink(_no_markers(text), book.intro_uri))
    for playbook in book.playbooks:
        page = pages.get(playbook.id) or playbook_page(playbook, library, today)
        chunks.append(_playbook_part(playbook, page, relink))
    if book.whole:
        chunks.append(_checklists(book))
        if glossary is not None:
            _, text = split_page(glossary)
            chunks.append("# Glossary { #glossary .pb-book-part }\n\n" + relink(_no_markers(text), GLOSSARY_URI))
        _, text = split_page(sources_page(library))
        chunks.append("# Sources { #sources .pb-book-part }\n\n" + relink(text, SOURCES_URI))
    return "\n\n".join(chunks) + "\n"


def _no_markers(markdown: str) -> str:
    return re.sub(r"<!-- playbooks:[a-z-]+ -->\n?", "", markdown)


def _playbook_part(playbook: Playbook, page: str, relink: _Relinker) -> str:
    body = FRONT.sub("", page, count=1).lstrip()
    heading = f"# {as_text(playbook.title)} {{ #pb-{playbook.id} .pb-book-part }}"
    body = H1.sub(lambda _: heading, body, count=1)
    return relink(body, playbook.page_uri)


def book_pages(
    found: Sequence[Book],
    library: Library,
    today: dt.date,
    edition: dt.date,
    site_url: str | None,
    docs: Mapping[str, str],
    ids: Mapping[str, frozenset[str]] | None = None,
) -> dict[str, str]:
    """Every book's print page, by docs uri; each playbook's page is rendered once for all the books it is in."""
    rendered = {p.id: playbook_page(p, library, today) for p in {p.id: p for b in found for p in b.playbooks}.values()}
    return {b.page_uri: book_page(b, library, today, edition, site_url, docs, rendered, ids) for b in found}
