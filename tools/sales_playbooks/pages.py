"""Every page the site generates from the playbooks, as {docs-relative uri: markdown}.

The site assembly (site_build.py), which the MkDocs plugin and `playbooks render` share, calls
`generated_pages`, so the site built by MkDocs and the pages written for another generator can never
differ. A new generated page is added here (and to model.GENERATED_PAGES, the list links are checked
against), never in the plugin.

The self-assessment page is optional: it is built from playbooks/skills.yml, and a repository
without that file (a small test repository, the benchmark's) simply has no such page.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Hashable, Mapping, MutableMapping
from pathlib import Path
from typing import Any

import yaml

from .discussion import comments_meta, discussion_block
from .errors import PlaybookError, errors_in
from .model import Library, Playbook
from .render_assessment import PAGE_URI, assessment_page
from .render_guide import INDEX_URI as GUIDES_URI
from .render_guide import guides_index
from .render_owners import PAGE_URI as OWNERS_URI
from .render_owners import owners_page
from .render_page import checklists_page, index_page, playbook_page, sources_page
from .settings import Settings
from .skills import SKILLS_FILE, load_skills
from .whats_new import PAGE_URI as WHATS_NEW_URI
from .whats_new import Update, whats_new_page

HOME_URI = "index.md"  # the hand-written home page; its most-discussed list is filled in from the activity data
INDEX_URI = "playbooks/index.md"
ASSESSMENT_URI = PAGE_URI

CHECKLISTS_URI = "checklists.md"
# The self-assessment's own stylesheet and script load on its page only (overrides/main.html reads `assets`).
ASSESSMENT_META = {"assets": {"stylesheets": ["stylesheets/assessment.css"], "scripts": ["javascripts/assessment.js"]}}
# The progress script (progress.js) loads where a progress block is or a checklist is ticked: playbook pages, the
# index, the all-checklists page, and the home page and reading paths (in their own front matter); the script that
# saves and restores progress (progress-file.js) where a block offers it: the home and all-checklists pages.
PROGRESS_SCRIPT = "javascripts/progress.js"
PROGRESS_FILE_SCRIPT = "javascripts/progress-file.js"
PROGRESS_META = {"assets": {"scripts": [PROGRESS_SCRIPT]}}
# The checklists page repeats every playbook's checklist: search finds each item on its playbook's page.
CHECKLISTS_META = {"search": {"exclude": True}, "assets": {"scripts": [PROGRESS_SCRIPT, PROGRESS_FILE_SCRIPT]}}

# A playbook page, kept between builds (by `mkdocs serve`): uri -> (everything it was rendered from, its markdown).
PageMemo = MutableMapping[str, tuple[Hashable, str]]


def skills_path(settings: Settings) -> Path:
    """The skills file the self-assessment page is built from."""
    return settings.playbooks_dir / SKILLS_FILE


def absent_pages(settings: Settings) -> frozenset[str]:
    """Generated pages this repository does not have: the self-assessment page when skills.yml is absent."""
    return frozenset() if skills_path(settings).is_file() else frozenset({ASSESSMENT_URI})


def nav_without(nav: list[Any], uris: frozenset[str]) -> list[Any]:
    """The navigation (as mkdocs.yml lists it) without the entries for the given pages."""
    out: list[Any] = []
    for item in nav:
        if isinstance(item, str):
            if item not in uris:
                out.append(item)
        elif isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if isinstance(value, list):
                out.append({title: nav_without(value, uris)})
            elif value not in uris:
                out.append(item)
        else:
            out.append(item)
    return out


def with_meta(markdown: str, meta: Mapping[str, Any]) -> str:
    """A generated page (it starts with front matter) with these settings added at the top of its front matter."""
    if not markdown.startswith("---\n"):
        raise ValueError("a generated page starts with its front matter")
    return "---\n" + yaml.safe_dump(dict(meta), sort_keys=False) + markdown[len("---\n") :]


def playbook_inputs(playbook: Playbook, library: Library, by_id: Mapping[str, Playbook], today: dt.date) -> Hashable:
    """Everything of the library a playbook's page shows besides the discussion block and comment embed: the
    playbook itself, the related playbooks' titles, file names and summaries, its sources and its tag labels."""
    related = tuple(
        (r, by_id[r].title, by_id[r].file_name, by_id[r].summary) if r in by_id else r for r in playbook.related
    )
    sources = tuple(library.sources.get(s) for s in playbook.sources)
    return (playbook, related, sources, tuple(library.tag_label(t) for t in playbook.tags), today)


def generated_pages(
    library: Library,
    settings: Settings,
    today: dt.date,
    activity: Mapping[str, dict[str, Any]] | None = None,
    memo: PageMemo | None = None,
    updates: list[Update] | None = None,
) -> dict[str, str]:
    """One page per playbook (in file-name order), then the index, checklist, source, session guide index,
    what's new, owners and self-assessment pages (each playbook's session guide comes from
    render_guide.guide_pages).

    `activity` holds the forum counts per playbook id (from `playbooks activity`); without it
    each page still links to its forum topic when a forum is configured. `updates` are the playbooks' changes
    from the git history; None when there is no history, and "What's new" then says so. Without a skills file
    there is no self-assessment page; raises PlaybookError when the skills file has errors.
    With `memo`, a playbook page whose inputs are those of its last rendering is taken from there.
    """
    counts = activity or {}
    pages: dict[str, str] = {}
    by_id = library.by_id()
    for playbook in library.playbooks:
        entry = counts.get(playbook.id)
        block = discussion_block(playbook, settings.forum, entry, today)
        embed = comments_meta(playbook.id, settings.forum, entry)
        key = (playbook_inputs(playbook, library, by_id, today), block, json.dumps(embed, sort_keys=True))
        kept = memo.get(playbook.page_uri) if memo is not None else None
        if kept is not None and kept[0] == key:
            pages[playbook.page_uri] = kept[1]
            continue
        page = playbook_page(playbook, library, today, discussion=block, comments=embed)
        pages[playbook.page_uri] = with_meta(page, PROGRESS_META)
        if memo is not None:
            memo[playbook.page_uri] = (key, pages[playbook.page_uri])
    pages[INDEX_URI] = with_meta(index_page(library), PROGRESS_META)
    pages[CHECKLISTS_URI] = with_meta(checklists_page(library), CHECKLISTS_META)
    pages["sources.md"] = sources_page(library)
    pages[GUIDES_URI] = guides_index(library)
    pages[WHATS_NEW_URI] = whats_new_page(updates, feed=bool(settings.site_url))
    pages[OWNERS_URI] = owners_page(library, settings.forum.url, settings.repo_url)
    if ASSESSMENT_URI in absent_pages(settings):
        return pages
    skills, problems = load_skills(skills_path(settings), library)
    if skills is None:
        raise PlaybookError(errors_in(problems))
    pages[ASSESSMENT_URI] = with_meta(assessment_page(skills, library), ASSESSMENT_META)
    return pages
