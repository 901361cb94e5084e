"""What `playbooks pull` found, for people (a line per playbook, the patch on a dry run) and as JSON."""

from __future__ import annotations

import difflib
from dataclasses import asdict
from typing import Any
from urllib.parse import quote

from rich.console import Console

from .pull import Pulled


def patch(item: Pulled) -> str:
    """The merged file against the file as read, as a unified diff; empty when nothing would change."""
    if item.merged is None or item.merged.text is None:
        return ""
    path = item.path.lstrip("./")
    lines = difflib.unified_diff(
        item.before.splitlines(keepends=True),
        item.merged.text.splitlines(keepends=True),
        f"a/{path}",
        f"b/{path}",
    )
    return "".join(lines)


def outcome(item: Pulled, dry_run: bool) -> str:
    """The playbook's result in a few words."""
    if item.failure:
        return f"not merged: {item.failure}"
    merged = item.merged
    if merged is None:
        return "nothing to merge"
    if merged.conflicts:
        return f"left as it is: {len(merged.conflicts)} conflict(s) with the file's own changes"
    if item.problems:
        return "not written: the merged playbook does not validate"
    if merged.text is None:
        return "nothing to write"
    verb = "would write" if dry_run else "written"
    return f"{verb}: {len(merged.applied)} change(s) applied"


def print_pulled(console: Console, pulled: list[Pulled], dry_run: bool) -> None:
    if not pulled:
        console.print("No playbook topic was edited in the forum since the last sync.", markup=False)
    for item in pulled:
        who = ", ".join(item.editors) or "someone"
        console.print(f"{item.path}  topic {item.topic_id} (edited by {who}): {outcome(item, dry_run)}", markup=False)
        for hunk in item.merged.rejected if item.merged else []:
            console.print(f"  rejected at post line {hunk.line}: {hunk.reason}", markup=False)
        for conflict in item.merged.conflicts if item.merged else []:
            console.print(f"  conflict at post line {conflict.line}:", markup=False)
            console.print("    the repository's version:\n" + indent(conflict.ours), markup=False)
            console.print("    the forum's version:\n" + indent(conflict.theirs), markup=False)
        if dry_run:
            shown = patch(item)
            if shown:
                console.print(shown, markup=False, end="")


def indent(lines: tuple[str, ...]) -> str:
    return "\n".join("      " + line for line in lines) if lines else "      (nothing)"


def pull_json(pulled: list[Pulled], forum: str, dry_run: bool) -> dict[str, Any]:
    playbooks: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []
    for item in pulled:
        merged = item.merged
        entry: dict[str, Any] = {
            "id": item.id,
            "path": item.path,
            "owner": item.owner,
            "topic_id": item.topic_id,
            "topic_url": item.topic_url,
            "post_version": item.post_version,
            "revision_url": item.revision_url,
            "editors": [{"username": u, "profile_url": f"{forum}/u/{quote(u)}"} for u in item.editors],
            "applied": [asdict(h) for h in merged.applied] if merged else [],
            "rejected": [asdict(h) for h in merged.rejected] if merged else [],
            "conflicts": [asdict(c) for c in merged.conflicts] if merged else [],
            "problems": item.problems,
            "written": item.written,
            "changed": bool(merged and merged.text is not None and not item.problems),
            "outcome": outcome(item, dry_run),
        }
        if dry_run:
            entry["patch"] = patch(item)
        playbooks.append(entry)
        if item.failure:
            failures.append({"id": item.id, "path": item.path, "message": item.failure})
    return {"dry_run": dry_run, "forum": forum, "playbooks": playbooks, "failures": failures}
