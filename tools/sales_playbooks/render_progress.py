"""The progress blocks (overrides/partials/playbooks/progress.html) that docs/javascripts/progress.js fills in. Pure.

A block names the playbooks it counts, in reading order, with each one's checklist keys (the keys
checklist.js stores ticks under), so the script needs nothing but the page it runs on.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from .model import Playbook
from .templates import render

LIBRARY = "library"  # the whole library: the home page, the playbook index, the all-checklists page
PATH = "path"  # the playbooks a reading path links to, in its order

INTROS = {
    LIBRARY: "Your checklist progress is kept in this browser only. Tick items in any playbook's checklist and "
    "it shows here.",
    PATH: "Your progress on this path is kept in this browser only. Tick items in the checklists of its "
    "playbooks and it shows here.",
}


def checklist_keys(playbook: Playbook) -> str:
    """The playbook's checklist keys, space-separated, as the checklist block and the progress blocks carry them."""
    return " ".join(item.key for item in playbook.body.checklist)


def relative(target_uri: str, from_uri: str) -> str:
    """A markdown link target from the page `from_uri` to the docs page `target_uri`."""
    return posixpath.relpath(target_uri, posixpath.dirname(from_uri) or ".")


def tracker(
    playbooks: Iterable[Playbook], from_uri: str, scope: str = LIBRARY, *, transfer: bool = False, badges: bool = True
) -> str:
    """A progress block for the page `from_uri`.

    `transfer` adds the buttons that save progress to a file and restore it (the script adds them); `badges`
    marks each counted playbook's progress next to the page's links to it.
    """
    items = [
        {"id": p.id, "title": p.title, "href": relative(p.page_uri, from_uri), "checklist": checklist_keys(p)}
        for p in playbooks
        if p.body.checklist
    ]
    return render(
        "progress.html",
        scope=scope,
        badges=int(badges),
        transfer=int(transfer),
        intro=INTROS[scope],
        items=items,
    )
