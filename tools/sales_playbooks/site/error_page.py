"""While serving, a site that cannot be built is shown as an error page at every page's address, until a good save.

`mkdocs build` stops on the playbooks' problems; `mkdocs serve` would stop too, and its browser tabs would wait for
a site that never comes. Instead the preview's build goes on with every page replaced by one page, in the theme,
that lists the problems as `playbooks validate` prints them; MkDocs' live reload then shows it, and shows the site
again once a save fixes them. Before the next good build, the error pages go (none stays) and, under --dirty, the
good pages they stood in for come back, so that the good build rebuilds only what changed.
"""

from __future__ import annotations

import contextlib
import html
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ..errors import Problem, sort_problems
from ..pages import HOME_URI

TITLE = "The preview has problems to fix"
# The title comes from the front matter: the theme makes the heading, and the page has no table of contents.
PAGE = f"---\ntitle: {TITLE}\n---\n"
MARKER = "pb-build-error"  # the error page's class: says a built page is an error page


def error_html(problems: Iterable[Problem]) -> str:
    """The error page's content: each problem on its own line, as `playbooks validate` prints it, escaped."""
    found = sort_problems(problems)
    items = "\n".join(f'<li><code class="pb-build-error__line">{html.escape(p.format())}</code></li>' for p in found)
    count = f"{len(found)} problem{'s' if len(found) != 1 else ''}"
    return (
        f'<div class="admonition failure {MARKER}">\n'
        f'<p class="admonition-title">The site cannot be built: {count}</p>\n'
        "<p>Fix each line below in its file and save. This page refreshes by itself after the next good save, "
        "and the page you were reading comes back.</p>\n"
        f'<ul class="pb-build-error__problems">\n{items}\n</ul>\n'
        "<p>The same report in a terminal: <code>playbooks validate</code>.</p>\n"
        "</div>"
    )


class ErrorSite:
    """The error pages of one `mkdocs serve`: which pages show the problems now, and which built files are theirs.

    With `keep` (`mkdocs serve --dirty`), the good pages they replace are set aside with their time stamps and put
    back before the next good build, which then rebuilds only what changed since the last good build."""

    def __init__(self, keep: bool = False) -> None:
        self.keep = keep
        self.problems: list[Problem] = []
        self.written: set[str] = set()  # built error pages, removed before the next good build
        self.folder = Path(tempfile.mkdtemp(prefix="playbooks-good-pages-"))
        self.kept: dict[str, Path] = {}  # built good page -> where it waits while an error page is in its place

    @property
    def showing(self) -> bool:
        """True while the current build is an error build."""
        return bool(self.problems)

    def replace(self, problems: Iterable[Problem], files: Files, config: MkDocsConfig, uris: Iterable[str]) -> None:
        """Put an error page in place of every page of `files` and at each of `uris` (the site's other pages, even
        those it cannot make now); the nav lists the home page only."""
        self.problems = sort_problems(problems)
        pages = {f.src_uri for f in files.documentation_pages()} | set(uris) | {HOME_URI}
        for file in list(files.documentation_pages()):
            files.remove(file)
        for uri in sorted(pages):
            inclusion = InclusionLevel.UNDEFINED if uri == HOME_URI else InclusionLevel.NOT_IN_NAV
            page = File.generated(config, uri, content=PAGE, inclusion=inclusion)
            files.append(page)
            built = page.abs_dest_path
            if self.keep and built not in self.written and os.path.isfile(built):
                self.kept[built] = self.folder / f"{len(self.kept)}.html"
                shutil.move(built, self.kept[built])  # keeps its time stamp
            self.written.add(built)
        config.nav = [HOME_URI]

    def content(self) -> str | None:
        """Every page's content in an error build; None in a good build."""
        return error_html(self.problems) if self.showing else None

    def clear(self) -> None:
        """Before a good build: each error page built so far gives way to the good page it replaced, or goes."""
        self.problems = []
        for built in sorted(self.written):
            path = Path(built)
            path.unlink(missing_ok=True)
            if built in self.kept:
                path.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(self.kept.pop(built), path)
                continue
            with contextlib.suppress(OSError):  # its folder, when nothing else is in it
                path.parent.rmdir()
        self.written = set()

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
