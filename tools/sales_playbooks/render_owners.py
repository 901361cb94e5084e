"""The page listing who keeps the playbooks, from their `owner` fields: each owner, what they keep, how to reach them.

A playbook's owner line links here, not to a GitHub team page, which only the organisation's members can open.
"""

from __future__ import annotations

from collections import defaultdict

from .model import Library, Playbook
from .render_page import OWNERS_URI, front_matter, human_date, owner_anchor, owner_name
from .sanitize import as_text

PAGE_URI = OWNERS_URI


def _heading(owner: str) -> str:
    name = owner_name(owner)
    return name[0].upper() + name[1:]


def owners_page(library: Library, forum_url: str | None, repo_url: str | None) -> str:
    """Every owner with the playbooks they keep, by title, and the ways to reach them that anyone can use."""
    kept: dict[str, list[Playbook]] = defaultdict(list)
    for playbook in library.playbooks:
        kept[playbook.owner].append(playbook)
    ways = ["use the edit button at the top of any of their playbooks to propose a change"]
    if repo_url:
        ways.append(f"open an issue in the [playbooks repository]({repo_url.rstrip('/')}/issues)")
    if forum_url:
        ways.append(f"ask in the [community forum]({forum_url}), where owners read the discussions of their playbooks")
    chunks = [
        front_matter(
            {"title": "Who keeps the playbooks", "description": "The owners of the playbooks and what each keeps."}
        ),
        "# Who keeps the playbooks",
        "Every playbook has an owner: a small group of volunteers, or one person, who reviews it on a "
        "schedule, checks suggested changes and keeps its advice current. To reach an owner, "
        + (", ".join(ways[:-1]) + ", or " + ways[-1] if len(ways) > 1 else ways[0])
        + ".",
    ]
    for owner in sorted(kept, key=lambda o: owner_name(o).lower()):
        items = sorted(kept[owner], key=lambda p: p.title.lower())
        chunks.append(f"## {_heading(owner)} {{ #{owner_anchor(owner)} }}")
        handle = owner.lstrip("@")
        who = (
            f"[{owner} on GitHub](https://github.com/{handle})"
            if "/" not in handle
            else f"Known on GitHub as `{owner}`."
        )
        chunks.append(f"{who} Keeps {len(items)} playbook{'s' if len(items) != 1 else ''}:")
        chunks.append(
            "\n".join(f"- [{as_text(p.title)}]({p.page_uri}), reviewed {human_date(p.reviewed)}" for p in items)
        )
    return "\n\n".join(chunks) + "\n"
