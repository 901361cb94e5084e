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
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .discussion import comments_meta, discussion_block
from .errors import PlaybookError, errors_in
from .model import Library
from .render_assessment import PAGE_URI, assessment_page
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


def generated_pages(
    library: Library,
    settings: Settings,
    today: dt.date,
    activity: Mapping[str, dict[str, Any]] | None = None,
    updates: list[Update] | None = None,
) -> dict[str, str]:
    """One page per playbook (in file-name order), then the index, checklist, source, what's new, owners and
    self-assessment pages.

    `activity` holds the forum counts per playbook id (from `playbooks activity`); without it
    each page still links to its forum topic when a forum is configured. `updates` are the playbooks' changes
    from the git history; None when there is no history, and "What's new" then says so. Without a skills file
    there is no self-assessment page; raises PlaybookError when the skills file has errors.
    """
    counts = activity or {}
    pages: dict[str, str] = {}
    for playbook in library.playbooks:
        entry = counts.get(playbook.id)
        block = discussion_block(playbook, settings.forum, entry, today)
        embed = comments_meta(playbook.id, settings.forum, entry)
        pages[playbook.page_uri] = playbook_page(playbook, library, today, discussion=block, comments=embed)
    pages[INDEX_URI] = index_page(library)
    pages["checklists.md"] = checklists_page(library)
    pages["sources.md"] = sources_page(library)
    pages[WHATS_NEW_URI] = whats_new_page(updates, feed=bool(settings.site_url))
    pages[OWNERS_URI] = owners_page(library, settings.forum.url, settings.repo_url)
    if ASSESSMENT_URI in absent_pages(settings):
        return pages
    skills, problems = load_skills(skills_path(settings), library)
    if skills is None:
        raise PlaybookError(errors_in(problems))
    pages[ASSESSMENT_URI] = assessment_page(skills, library)
    return pages
