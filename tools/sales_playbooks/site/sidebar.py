"""A long stage in the sidebar: the playbooks around the page being built and a link to the whole stage.

With the theme's `navigation.prune`, a page's sidebar lists the playbooks of its own stage only; this bounds
that list too, so a page weighs about the same with 20 playbooks or 1,000. Every playbook stays one click
away: from its neighbours in the sidebar, or from its stage's list on the playbook index.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

DEFAULT_SIZE = 25  # playbooks listed around the current one; a stage this long or shorter is listed whole


class StageWindow:
    """Trims the current page's stage section while its template renders, and puts it back afterwards."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = max(1, size)
        self.trimmed: tuple[Section, list[Any]] | None = None

    def open(self, page: Page, index_url: str) -> None:
        """Before the page renders: its stage lists the `size` playbooks around it, then 'All N playbooks'."""
        section, stage = page.parent, (page.meta.get("playbook") or {}).get("stage")
        if not isinstance(section, Section) or not stage or len(section.children) <= self.size:
            return
        children = list(section.children)
        if page not in children:
            return
        start = max(0, min(children.index(page) - self.size // 2, len(children) - self.size))
        everything = Link(f"All {len(children)} playbooks in this stage", f"{index_url}#{stage}")
        everything.parent = section
        self.trimmed = (section, section.children)
        section.children = [*children[start : start + self.size], everything]

    def close(self) -> None:
        """After the page rendered: the stage lists all its playbooks again."""
        if self.trimmed is not None:
            section, children = self.trimmed
            section.children = children
            self.trimmed = None
