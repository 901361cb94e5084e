"""What the site assembly adds around the pages: the books (print pages), when each page last changed, the feed.

Reads the hand-written pages the books draw on (docs/paths/*.md, the glossary) and takes the git history
read by history.read_history; returns plain data for site_build.Site.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from .anchors import AnchorFinder
from .history import History
from .model import Library
from .pages import ASSESSMENT_URI, INDEX_URI, skills_path
from .render_book import GLOSSARY_URI, PATHS_DIR, Book, book_pages, books
from .render_owners import PAGE_URI as OWNERS_URI
from .settings import Settings
from .whats_new import FEED_URI, Update, feed_xml, playbook_updates
from .whats_new import PAGE_URI as WHATS_NEW_URI

SOURCES_FILE = "data/sources.yml"


@dataclass(frozen=True)
class Extras:
    books: tuple[Book, ...]
    print_pages: dict[str, str]  # the books' print pages, by docs uri
    files: dict[str, str]  # other files of the site, by uri: the Atom feed
    changed: dict[str, dt.datetime]  # page uri -> when its content last changed; empty without history
    updates: list[Update] | None  # the playbooks' changes, newest first; None without history


def _rel(path: Path, root: Path) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


def docs_pages(settings: Settings) -> dict[str, str]:
    """The hand-written pages the books draw on: the reading paths and the glossary ({docs uri: markdown})."""
    docs = settings.root / settings.docs_dir
    found = {
        f"{PATHS_DIR}/{f.name}": f.read_text(encoding="utf-8")
        for f in sorted((docs / PATHS_DIR).glob("*.md"))
        if f.name != "index.md"
    }
    if (docs / GLOSSARY_URI).is_file():
        found[GLOSSARY_URI] = (docs / GLOSSARY_URI).read_text(encoding="utf-8")
    return found


def page_sources(settings: Settings, library: Library) -> dict[str, list[str]]:
    """The files (or folders, ending in '/') each page's content comes from, relative to the repository root."""
    root = settings.root
    playbooks = _rel(settings.playbooks_dir, root) + "/"
    found: dict[str, list[str]] = {uri: [playbooks] for uri in (INDEX_URI, "checklists.md", WHATS_NEW_URI, OWNERS_URI)}
    found["sources.md"] = [playbooks, SOURCES_FILE]
    found[ASSESSMENT_URI] = [_rel(skills_path(settings), root), SOURCES_FILE]
    for playbook in library.playbooks:
        found[playbook.page_uri] = [playbooks + playbook.file_name]
    docs = settings.root / settings.docs_dir
    for page in sorted(docs.rglob("*.md")):
        found.setdefault(page.relative_to(docs).as_posix(), [_rel(page, root)])
    return found


def extras(
    settings: Settings, library: Library, today: dt.date, history: History | None, print_pages: bool = True
) -> Extras:
    """The books, the page dates and the feed, from the library and the history (None: a copy without one);
    without the books' print pages when `print_pages` is False."""
    updates = playbook_updates(history, library, _rel(settings.playbooks_dir, settings.root)) if history else None
    changed: dict[str, dt.datetime] = {}
    if history is not None:
        for uri, paths in page_sources(settings, library).items():
            when = history.last_changed(*paths)
            if when is not None:
                changed[uri] = when
    docs = docs_pages(settings)
    found = tuple(books(library, {u: t for u, t in docs.items() if u.startswith(PATHS_DIR + "/")}))
    edition = max((u.day for u in updates or []), default=today)
    files = {}
    if settings.site_url:
        files[FEED_URI] = feed_xml(updates, settings.site_url, _site_name(settings), today)
    return Extras(
        books=found,
        print_pages=_print_pages(settings, found, library, today, edition, docs) if print_pages else {},
        files=files,
        changed=changed,
        updates=updates,
    )


def _print_pages(
    settings: Settings,
    found: tuple[Book, ...],
    library: Library,
    today: dt.date,
    edition: dt.date,
    docs: dict[str, str],
) -> dict[str, str]:
    """The books' print pages; a link into the glossary keeps its anchor only where the glossary has it."""
    config = settings.config.values if settings.config is not None else None
    ids = {GLOSSARY_URI: AnchorFinder(config).ids(docs[GLOSSARY_URI])} if GLOSSARY_URI in docs else {}
    return book_pages(found, library, today, edition, settings.site_url, docs, ids)


def _site_name(settings: Settings) -> str:
    values = settings.config.values if settings.config is not None else {}
    return str(values.get("site_name") or "Sales Leader Playbooks")
