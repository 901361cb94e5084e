"""The one site assembly: from the settings and the library, everything the site needs, for the MkDocs plugin and
`playbooks render` alike (generated pages, the nav by stage, edit paths, the blocks filled into hand-written pages,
the books' print pages, each page's last change and the feed, the settings gate).

Both callers are glue around `assemble`: the plugin hands the result to MkDocs, `render` writes it to a folder.
Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .activity import ACTIVITY_FILE
from .discussion import comments_meta, fill_home, load_activity, most_discussed_markdown
from .errors import PlaybookError, Problem, display_path, errors_in
from .history import History, read_history
from .loader import CheckMemo, check_skills, load_library, setting_problems
from .model import STAGES, Library
from .page_blocks import fill_blocks
from .pages import (
    ASSESSMENT_URI,
    HOME_URI,
    INDEX_URI,
    PageMemo,
    absent_pages,
    generated_pages,
    nav_without,
    skills_path,
)
from .render_book import Book
from .render_guide import INDEX_URI as GUIDES_URI
from .render_guide import guide_pages
from .render_owners import PAGE_URI as OWNERS_URI
from .render_page import by_stage, human_date
from .settings import Settings
from .site_extras import extras
from .whats_new import PAGE_URI as WHATS_NEW_URI

TODAY_VARIABLE = "PLAYBOOKS_TODAY"


def pick_today(option: str | None, settings: Settings) -> dt.date:
    """The day review notices are computed for: the option (--today), the plugin's `today` in mkdocs.yml, the
    PLAYBOOKS_TODAY variable, else today. Raises ValueError, naming where the day came from, when it is not one."""
    for where, pinned in (
        ("--today", option),
        ("the playbooks plugin's `today` in mkdocs.yml", settings.plugin.get("today")),
        (TODAY_VARIABLE, os.environ.get(TODAY_VARIABLE)),
    ):
        if pinned:
            try:
                return dt.date.fromisoformat(str(pinned))
            except ValueError:
                raise ValueError(f"{where} must be a day such as 2026-11-23 (got {str(pinned)!r})") from None
    return dt.date.today()


def playbooks_nav(title: str, library: Library) -> dict[str, Any]:
    """The Playbooks section: the index, then one sub-section per stage."""
    entries: list[Any] = [INDEX_URI]
    for stage, playbooks in by_stage(library.playbooks).items():
        entries.append({STAGES[stage]: [p.page_uri for p in playbooks]})
    return {title: entries}


def with_playbooks_nav(nav: list[Any], library: Library) -> list[Any]:
    """The nav (as mkdocs.yml lists it) with its entry for the playbook index replaced by the Playbooks section."""
    out: list[Any] = []
    for item in nav:
        if item == INDEX_URI:
            out.append(playbooks_nav("Playbooks", library))
        elif isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if value == INDEX_URI:
                out.append(playbooks_nav(str(title), library))
            elif isinstance(value, list):
                out.append({title: with_playbooks_nav(value, library)})
            else:
                out.append(item)
        else:
            out.append(item)
    return out


def site_nav(nav: list[Any] | None, library: Library, absent: frozenset[str] = frozenset()) -> list[Any] | None:
    """The site's nav: mkdocs.yml's, without pages this repository lacks, with the playbooks by stage; None when
    mkdocs.yml has no nav (MkDocs then makes one from the files)."""
    return with_playbooks_nav(nav_without(nav, absent), library) if nav is not None else None


def nav_uris(nav: Any) -> frozenset[str]:
    """Every page a nav structure lists."""
    if isinstance(nav, str):
        return frozenset({nav})
    if isinstance(nav, dict):
        return frozenset().union(*(nav_uris(v) for v in nav.values()))
    if isinstance(nav, list):
        return frozenset().union(*(nav_uris(v) for v in nav))
    return frozenset()


@dataclass
class SiteCache:
    """What one assembly keeps for the next (`mkdocs serve`): each file's check and each playbook page, with
    what they were made from; a file or page whose inputs are unchanged is not checked or rendered again."""

    checks: CheckMemo = field(default_factory=dict)
    pages: PageMemo = field(default_factory=dict)


@dataclass(frozen=True)
class Site:
    """Everything the site is built from, besides the hand-written pages in docs/."""

    library: Library
    today: dt.date
    pages: dict[str, str]  # generated page uri -> its markdown
    edit_paths: dict[str, str]  # generated page uri -> its source file, relative to docs_dir (MkDocs' edit_uri)
    nav: list[Any] | None  # mkdocs.yml's nav with the playbooks by stage; None when mkdocs.yml has none
    absent: frozenset[str]  # generated pages this repository does not have (no skills file: no self-assessment)
    most_discussed: str = ""  # the home page's most-discussed list; empty when nobody has replied yet
    comments: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # page uri -> the comment embed
    listed: frozenset[str] = frozenset()  # the pages the nav lists
    # Generated pages published outside the nav on purpose: the session guides, the books' print pages, what's new
    # and the owners page.
    unlisted: frozenset[str] = frozenset()
    files: Mapping[str, str] = field(default_factory=dict)  # other generated files, by uri: the Atom feed
    changed: Mapping[str, dt.datetime] = field(default_factory=dict)  # page uri -> last change; {} without history
    books: tuple[Book, ...] = ()  # the PDFs `playbooks pdf` prints, from their print pages
    forum_url: str | None = None

    def home(self, markdown: str) -> str:
        """The hand-written home page with its most-discussed list filled in."""
        return fill_home(markdown, self.most_discussed)

    def page_markdown(self, uri: str, markdown: str) -> str:
        """A page's markdown with its markers filled in (page_blocks), and the home page's most-discussed list."""
        filled = fill_blocks(markdown, uri, self.library, self.books, self.forum_url)
        return self.home(filled) if uri == HOME_URI else filled

    def page_meta(self, uri: str) -> dict[str, Any]:
        """What the theme shows of the page besides its content: when it last changed, when that is known."""
        when = self.changed.get(uri)
        if when is None:
            return {}
        return {"last_changed": {"date": when.date().isoformat(), "text": human_date(when.date())}}


def build_site(
    settings: Settings,
    library: Library,
    today: dt.date,
    activity: Mapping[str, dict[str, Any]] | None = None,
    cache: SiteCache | None = None,
    history: History | None = None,
    books: bool = True,
) -> Site:
    """The site from a loaded library and its git history (None: none to trust); raises PlaybookError when the
    skills file has errors. `books`: False leaves out the books' print pages (the preview has no PDFs to print)."""
    counts = activity or {}
    more = extras(settings, library, today, history, books)
    docs = settings.root / settings.docs_dir
    edit_paths = {p.page_uri: os.path.relpath(settings.playbooks_dir / p.file_name, docs) for p in library.playbooks}
    absent = absent_pages(settings)
    nav = site_nav(settings.nav, library, absent)
    if ASSESSMENT_URI not in absent:
        edit_paths[ASSESSMENT_URI] = os.path.relpath(skills_path(settings), docs)
    embeds = {p.page_uri: comments_meta(p.id, settings.forum, counts.get(p.id)) for p in library.playbooks}
    guides = guide_pages(library)
    return Site(
        library=library,
        today=today,
        pages={
            **generated_pages(library, settings, today, counts, cache.pages if cache else None, more.updates),
            **guides,
            **more.print_pages,
        },
        edit_paths={uri: path.replace(os.sep, "/") for uri, path in edit_paths.items()},
        nav=nav,
        absent=absent,
        most_discussed=most_discussed_markdown(library, counts, today),
        comments={uri: meta for uri, meta in embeds.items() if meta is not None},
        listed=nav_uris(nav),
        unlisted=frozenset({*guides, GUIDES_URI, *more.print_pages, WHATS_NEW_URI, OWNERS_URI}),
        files=more.files,
        changed=more.changed,
        books=more.books,
        forum_url=settings.forum.url,
    )


@dataclass(frozen=True)
class Assembly:
    """The site, or the problems that stop it from being built (and a line saying what to do)."""

    site: Site | None
    problems: list[Problem] = field(default_factory=list)
    hint: str = ""

    def messages(self) -> list[str]:
        return [p.format() for p in self.problems] + ([self.hint] if self.hint else [])


def assemble(
    settings: Settings,
    today: str | None = None,
    note: Callable[[str], None] | None = None,
    cache: SiteCache | None = None,
    books: bool = True,
) -> Assembly:
    """Check the settings, load the library and the activity file, and build the site (without the books' print
    pages when `books` is False).

    Every error found in the settings, the playbooks and the skills file stops it; `note` is told about
    what is left out on purpose (an activity file read from another forum). `cache` carries the checks and
    pages of the previous assembly over (the result is the same as without it).
    """
    if settings.forum.issues:
        return Assembly(None, setting_problems(settings))
    try:
        day = pick_today(today, settings)
    except ValueError as exc:
        pos = settings.config.where(("plugins",)) if settings.config else None
        line, col = (pos.line, pos.col) if pos else (1, 1)
        return Assembly(None, [Problem(display_path(settings.config_path), line, col, "bad-setting", str(exc))])
    loaded = load_library(settings, today=day, memo=cache.checks if cache else None)
    errors = errors_in([*loaded.problems, *check_skills(settings, loaded)])
    if errors:
        hint = f"{len(errors)} error(s) in the playbooks or the skills file; run 'playbooks validate' for the report"
        return Assembly(None, errors, hint)
    activity_file = settings.root / str(settings.plugin.get("activity_file") or ACTIVITY_FILE)
    activity = load_activity(activity_file, settings.forum.url or "", note)
    try:
        history = read_history(settings.root)
        return Assembly(build_site(settings, loaded.library, day, activity, cache, history, books))
    except PlaybookError as exc:  # the skills file was checked above; kept so that no error goes unsaid
        return Assembly(None, list(exc.problems), "the skills file has errors; run 'playbooks validate'")
