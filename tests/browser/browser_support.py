"""Helpers shared by the browser tests: the page log, and where each playbook lives on the site."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sales_playbooks.model import Library, Playbook
from sales_playbooks.render_page import by_stage

LOCAL_HOST = "127.0.0.1"


@dataclass
class PageLog:
    """What a page did that a test may want to check: errors it logged and every URL it requested."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests to any host other than the local test server (data: and blob: URLs are local)."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).hostname != LOCAL_HOST
        ]

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"request to another host: {u}" for u in self.foreign_requests()]
        )


def page_path(playbook: Playbook) -> str:
    """The playbook's page, relative to the site root."""
    return f"playbooks/{playbook.file_name.removesuffix('.md')}/"


def at_page(playbook: Playbook) -> re.Pattern[str]:
    """The playbook's page URL; the theme's anchor tracking may add the heading in view as a fragment."""
    return re.compile(re.escape(page_path(playbook)) + r"(#[\w-]*)?$")


def nav_order(library: Library) -> list[Playbook]:
    """Playbooks in the order the navigation lists them."""
    return [p for items in by_stage(library.playbooks).values() for p in items]


def with_checklist(library: Library) -> Playbook:
    """The first playbook in navigation order with a checklist of at least three items."""
    return next(p for p in nav_order(library) if len(p.body.checklist) >= 3)
