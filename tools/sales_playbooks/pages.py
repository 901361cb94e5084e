"""Every page the site generates from the playbooks, as {docs-relative uri: markdown}. Pure.

The MkDocs plugin and `playbooks render` both call `generated_pages`, so the site built by
MkDocs and the pages written for another generator can never differ.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .model import Library
from .render_page import checklists_page, index_page, playbook_page, sources_page
from .settings import Settings

# Only the pure half of the site package: it builds markdown and imports nothing from MkDocs.
from .site.discussion import discussion_block

INDEX_URI = "playbooks/index.md"


def generated_pages(
    library: Library,
    settings: Settings,
    today: dt.date,
    activity: Mapping[str, dict[str, Any]] | None = None,
) -> dict[str, str]:
    """One page per playbook (in file-name order), then the index, checklist and source pages.

    `activity` holds the forum counts per playbook id (from `playbooks activity`); without it
    each page still links to its forum topic when a forum is configured.
    """
    counts = activity or {}
    pages: dict[str, str] = {}
    for playbook in library.playbooks:
        block = discussion_block(playbook, settings.forum, counts.get(playbook.id), today)
        pages[playbook.page_uri] = playbook_page(playbook, library, today, discussion=block)
    # Keep in step with model.GENERATED_PAGES, the list that links are checked against (a test checks it).
    pages[INDEX_URI] = index_page(library)
    pages["checklists.md"] = checklists_page(library)
    pages["sources.md"] = sources_page(library)
    return pages


def playbook_uris(library: Library) -> set[str]:
    """The uris of the playbook pages among the generated ones."""
    return {p.page_uri for p in library.playbooks}
