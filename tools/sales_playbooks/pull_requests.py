"""One pull request per playbook that `playbooks pull` changed: its branch, title and body. Pure.

The body names the forum editors (with links to their forum profiles) and the revision, lists the
changes that could not come home (rejected, with the reason, and conflicts, with both versions) and
asks the playbook's owner, who is its code owner, to review. Text from the forum only ever appears
inside code fences, so it cannot mention people or format the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

BRANCH_PREFIX = "forum-edits/"
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True)
class PullRequest:
    playbook: str
    path: str
    branch: str
    title: str
    body: str


def branch_name(playbook_id: str) -> str:
    return BRANCH_PREFIX + SAFE_NAME.sub("-", playbook_id)


def fenced(lines: Iterable[str]) -> str:
    """Lines in a code fence longer than any run of tildes or backticks they hold."""
    text = "\n".join(lines) or "(nothing)"
    longest = max((len(run) for run in re.findall(r"~+|`+", text)), default=0)
    fence = "~" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def editor_links(entry: Mapping[str, Any]) -> str:
    names = [
        f"[{SAFE_NAME.sub('', str(e.get('username', '')))}]({e.get('profile_url', '')})"
        for e in entry.get("editors") or []
    ]
    return ", ".join(names) or "someone the forum does not name"


def body_of(entry: Mapping[str, Any]) -> str:
    """The pull request's description for one playbook's entry in `playbooks pull --format json`."""
    path, owner = str(entry.get("path", "")), str(entry.get("owner", "")).strip()
    applied = entry.get("applied") or []
    parts = [
        f"Edits made in the forum to the first post of [this playbook's topic]({entry.get('topic_url', '')}), "
        f"brought back into `{path}` by `playbooks pull`.",
        f"- Edited in the forum by: {editor_links(entry)}",
        f"- The forum's text: [revision {entry.get('post_version', '?')}]({entry.get('revision_url', '')})",
        f"- Changes applied to the file: {len(applied)}",
    ]
    rejected = entry.get("rejected") or []
    if rejected:
        parts.append(
            "### Not applied\n\nThese changes touch text the forum post adds to the playbook, so they "
            "cannot come home by themselves. Make them in the file by hand if they should stay:"
        )
        for hunk in rejected:
            parts.append(f"Post line {hunk.get('line')}: {hunk.get('reason', '')}\n\n{fenced(hunk.get('after') or [])}")
    conflicts = entry.get("conflicts") or []
    if conflicts:
        parts.append(
            "### Conflicts\n\nThe repository changed the same lines since the last sync; the file was "
            "left as it is. Both versions:"
        )
        for conflict in conflicts:
            parts.append(
                f"Post line {conflict.get('line')}, the repository's version:\n\n{fenced(conflict.get('ours') or [])}"
                f"\n\nThe forum's version:\n\n{fenced(conflict.get('theirs') or [])}"
            )
    who = f"{owner}, as the playbook's owner (CODEOWNERS)," if owner.startswith("@") else "The playbook's owners"
    parts.append(
        f"{who} please review: merge to keep the edit (the next sync then finds the forum and the repository "
        "agree), or edit this branch first. If it is closed instead, the forum keeps its text and each sync reports "
        "it as a conflict until the file settles it or `playbooks sync --force` replaces it."
    )
    return "\n\n".join(parts) + "\n"


def pull_requests(report: Mapping[str, Any]) -> list[PullRequest]:
    """A pull request for each playbook whose file `playbooks pull` wrote."""
    found = []
    for entry in report.get("playbooks") or []:
        if not entry.get("written"):
            continue
        playbook = str(entry.get("id", ""))
        who = ", ".join(SAFE_NAME.sub("", str(e.get("username", ""))) for e in entry.get("editors") or [])
        title = f"Forum edits to {playbook}" + (f" by {who}" if who else "")
        found.append(PullRequest(playbook, str(entry.get("path", "")), branch_name(playbook), title, body_of(entry)))
    return found
