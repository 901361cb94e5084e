"""Blocks the site fills in where a hand-written page has a marker: progress, PDF downloads and the forum. Pure.

- `<!-- playbooks:progress -->`: the reader's progress over the whole library, with saving and restoring it;
- `<!-- playbooks:path -->`: the progress on the reading path the page is (the playbooks it links to), and its PDF;
- `<!-- playbooks:downloads -->`: every PDF, the whole library first;
- `<!-- playbooks:community -->`: "Ask the community", when mkdocs.yml names a forum (else nothing).

A marker with nothing to show stays an HTML comment, which no reader sees.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from .links import page_path
from .model import Library
from .render_book import Book, path_playbooks
from .render_page import reading_list
from .render_progress import LIBRARY, PATH, tracker
from .templates import render

PROGRESS = "<!-- playbooks:progress -->"
PATH_MARKER = "<!-- playbooks:path -->"
DOWNLOADS = "<!-- playbooks:downloads -->"
COMMUNITY = "<!-- playbooks:community -->"


def file_href(target: str, from_uri: str) -> str:
    """The address of a file of the built site (not a page: MkDocs does not rewrite it) from the page `from_uri`."""
    return posixpath.relpath(target, page_path(from_uri).rstrip("/") or ".")


def downloads(books: Sequence[Book], from_uri: str, lead: str) -> str:
    items = [{"href": file_href(b.pdf_uri, from_uri), "label": b.label} for b in books]
    return render("downloads.html", lead=lead, items=items) if items else ""


def fill_blocks(markdown: str, uri: str, library: Library, books: Sequence[Book], forum_url: str | None) -> str:
    """The page with each marker replaced by its block."""
    blocks: dict[str, str] = {}
    if PROGRESS in markdown:
        blocks[PROGRESS] = tracker(reading_list(library), uri, LIBRARY, transfer=True)
    if PATH_MARKER in markdown:
        own = [b for b in books if b.intro_uri == uri]
        parts = [tracker(path_playbooks(markdown, uri, library), uri, PATH)]
        parts.append(downloads(own, uri, "Read this path offline, or print it:"))
        blocks[PATH_MARKER] = "\n\n".join(p for p in parts if p)
    if DOWNLOADS in markdown:
        blocks[DOWNLOADS] = downloads(books, uri, "Read offline, or print: each book is one PDF file.")
    if COMMUNITY in markdown and forum_url:
        blocks[COMMUNITY] = render("community.html", url=forum_url)
    for marker, block in blocks.items():
        if block:
            markdown = markdown.replace(marker, block)
    return markdown
