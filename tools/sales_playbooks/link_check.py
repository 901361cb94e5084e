"""Playbook links checked as `mkdocs build --strict` checks them: pages, files, folders, absolute paths, anchors."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable, Mapping
from urllib.parse import unquote, urlsplit

from .anchors import AnchorFinder
from .errors import PlaybookError, Problem
from .links import page_path
from .model import GENERATED_PAGES, Library
from .render_page import playbook_page
from .settings import Settings
from .validate import Checked, suggest

CODE = "broken-link"


class LinkChecker:
    """Knows the site's files and pages, and each page's anchors (rendered only when a link asks for one)."""

    def __init__(self, files: Iterable[str], pages: Mapping[str, str | None], finder: AnchorFinder) -> None:
        self.files = frozenset(files)  # every file of the site, pages included, docs-relative
        self.pages = pages  # page uri -> its markdown; None when its anchors cannot be known before the build
        self.finder = finder
        self._ids: dict[str, frozenset[str] | None] = {}

    def ids(self, uri: str) -> frozenset[str] | None:
        if uri not in self._ids:
            text = self.pages.get(uri)
            self._ids[uri] = None if text is None else self.finder.ids(text)
        return self._ids[uri]

    def problem(self, target: str, from_uri: str) -> str | None:
        """What is wrong with a link written in page `from_uri`, as a sentence; None when MkDocs accepts it."""
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or ":" in parts.path.split("/")[0]:
            return None  # a web address, or a scheme in disguise (reported as unsafe-url)
        path, fragment = unquote(parts.path), unquote(parts.fragment)
        here = posixpath.dirname(from_uri)
        if path.startswith("/"):
            return self._absolute(target, path, here)
        if not path:
            return self._anchor(from_uri, fragment, "this page") if fragment else None
        uri = posixpath.normpath(posixpath.join(here, path))
        if path.endswith(".md"):
            if uri not in self.pages:
                pages = [posixpath.relpath(p, here) for p in self.pages]
                return f"links to '{path}', which is not a page of the site{suggest(path, pages)}"
            return self._anchor(uri, fragment, f"'{path}'") if fragment else None
        if uri in self.files:
            return None
        as_page = uri.rstrip("/") + ".md"
        if as_page in self.pages or posixpath.join(uri, "index.md") in self.pages:
            page = as_page if as_page in self.pages else posixpath.join(uri, "index.md")
            link = posixpath.relpath(page, here) + (f"#{fragment}" if fragment else "")
            return f"links to the folder '{path}'; link to the page's file instead: '{link}'"
        files = [posixpath.relpath(f, here) for f in self.files]
        return f"links to '{path}', which is not a file of the site{suggest(path, files)}"

    def _absolute(self, target: str, path: str, here: str) -> str:
        wanted = path.strip("/") + "/" if path.strip("/") else ""
        for uri in self.pages:
            if page_path(uri) == wanted or uri == path.lstrip("/"):
                fragment = urlsplit(target).fragment
                link = posixpath.relpath(uri, here) + (f"#{fragment}" if fragment else "")
                return f"'{target}' is an absolute link, which the site cannot resolve; write '{link}' instead"
        return f"'{target}' is an absolute link, which the site cannot resolve; link to a page's .md file relatively"

    def _anchor(self, uri: str, fragment: str, named: str) -> str | None:
        ids = self.ids(uri)
        if ids is None or fragment in ids:
            return None
        return f"{named} has no anchor '#{fragment}'{suggest(fragment, sorted(ids), '#')}"


def link_problems(checked: list[Checked], checker: LinkChecker) -> list[Problem]:
    """A broken-link problem at each link's line:col that the strict build would refuse."""
    problems: list[Problem] = []
    for item in checked:
        if item.playbook is None:
            continue
        from_uri = item.playbook.page_uri
        for link in item.playbook.body.links:
            message = checker.problem(link.target, from_uri)
            if message:
                problems.append(Problem(item.path, link.line, link.col, CODE, message))
    return problems


def site_link_problems(settings: Settings, library: Library, checked: list[Checked], today: dt.date) -> list[Problem]:
    """Every playbook's links checked against the site this repository builds."""
    from .pages import absent_pages, generated_pages  # the renderers; imported late to keep this light

    docs = settings.root / settings.docs_dir
    files = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()} if docs.is_dir() else set()
    pages: dict[str, str | None] = {
        uri: (docs / uri).read_text(encoding="utf-8", errors="replace") for uri in files if uri.endswith(".md")
    }
    pages.update({uri: None for uri in set(GENERATED_PAGES) - absent_pages(settings)})
    pages.update({f"playbooks/{item.file_name}": None for item in checked})
    try:
        pages.update(generated_pages(library, settings, today))
    except PlaybookError:  # the skills file has errors (reported on their own): its page's anchors stay unknown
        pages.update({p.page_uri: playbook_page(p, library, today) for p in library.playbooks})
    config = settings.config.values if settings.config is not None else None
    checker = LinkChecker(files | set(pages), pages, AnchorFinder(config))
    return link_problems(checked, checker)
