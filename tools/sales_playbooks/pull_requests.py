"""What `playbooks pull-requests` makes of a pull report: a pull request per changed playbook, an issue per
forum edit that could not come home. Pure.

A pull request goes on its own branch for each playbook whose file `playbooks pull` wrote. A playbook whose
forum edit changed nothing in the file (every change rejected, or in conflict with the repository) gets an
issue instead, with a stable title and label so a later run updates it. Both bodies name the forum editors
(with links to their forum profiles) and the revision, list the changes that could not come home (rejected,
with the reason, and conflicts, with both versions) and ask the playbook's owner, who is its code owner, to
act. Text from the forum only ever appears inside code fences, so it cannot mention people or format the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

BRANCH_PREFIX = "forum-edits/"
ISSUE_LABEL = "forum-edit"
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True)
class PullRequest:
    playbook: str
    path: str
    branch: str
    title: str
    body: str


@dataclass(frozen=True)
class Issue:
    playbook: str
    title: str
    label: str
    body: str


def branch_name(playbook_id: str) -> str:
    return BRANCH_PREFIX + SAFE_NAME.sub("-", playbook_id)


def issue_title(playbook_id: str) -> str:
    """The title that finds a playbook's issue again: the same for every run."""
    return f"Forum edit to {SAFE_NAME.sub('-', playbook_id)} needs a decision"


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


def who_made_it(entry: Mapping[str, Any]) -> list[str]:
    """The forum editors and the revision, as list items."""
    return [
        f"- Edited in the forum by: {editor_links(entry)}",
        f"- The forum's text: [revision {entry.get('post_version', '?')}]({entry.get('revision_url', '')})",
    ]


def not_home(entry: Mapping[str, Any]) -> list[str]:
    """The rejected changes with their reasons, the conflicts with both versions, a merge that did not validate."""
    parts = []
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
    problems = entry.get("problems") or []
    if problems:
        parts.append(
            "### Does not validate\n\nThe file with the forum's changes fails `playbooks validate`, so it was "
            f"not written:\n\n{fenced(str(p) for p in problems)}"
        )
    return parts


def owners(entry: Mapping[str, Any]) -> str:
    owner = str(entry.get("owner", "")).strip()
    return f"{owner}, as the playbook's owner (CODEOWNERS)," if owner.startswith("@") else "The playbook's owners"


def body_of(entry: Mapping[str, Any]) -> str:
    """The pull request's description for one playbook's entry in `playbooks pull --format json`."""
    path = str(entry.get("path", ""))
    parts = [
        f"Edits made in the forum to the first post of [this playbook's topic]({entry.get('topic_url', '')}), "
        f"brought back into `{path}` by `playbooks pull`.",
        "\n".join([*who_made_it(entry), f"- Changes applied to the file: {len(entry.get('applied') or [])}"]),
        *not_home(entry),
        f"{owners(entry)} please review: merge to keep the edit (the next sync then finds the forum and the "
        "repository agree), or edit this branch first. If it is closed instead, the forum keeps its text and each "
        "sync reports it as a conflict until the file settles it or `playbooks sync --force` replaces it.",
    ]
    return "\n\n".join(parts) + "\n"


def issue_body_of(entry: Mapping[str, Any]) -> str:
    """The issue's description for a playbook whose forum edit changed nothing in its file."""
    path = str(entry.get("path", ""))
    parts = [
        f"An edit made in the forum to the first post of [this playbook's topic]({entry.get('topic_url', '')}) "
        f"could not come home: `playbooks pull` left `{path}` as it is, so there is no pull request for it.",
        "\n".join(who_made_it(entry)),
        *not_home(entry),
        f"{owners(entry)} please decide:\n\n"
        f"- to take the forum's change, edit `{path}` so it says what the forum says, in a pull request as "
        "any change; the next sync then finds the forum and the repository agree;\n"
        "- to keep the repository's text, run `playbooks sync --force`, which puts it back into the forum's "
        "post (the forum's edit history keeps the edit). `--force` replaces every first post edited in the "
        "forum: run `playbooks sync --dry-run --force` first to see which.",
        "Until then the forum keeps its text and each sync reports the topic as a conflict. This issue is "
        "updated while the edit stays unsettled; close it once it is settled.",
    ]
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


def needs_issue(entry: Mapping[str, Any]) -> bool:
    """A forum edit that left the file as it is (and would in a real run) though part of it did not come home."""
    if entry.get("written") or entry.get("changed"):
        return False  # the pull request lists what did not come home
    return bool(entry.get("rejected") or entry.get("conflicts") or entry.get("problems"))


def issues(report: Mapping[str, Any]) -> list[Issue]:
    """An issue for each playbook whose forum edit could not come home and changed nothing in its file."""
    found = []
    for entry in report.get("playbooks") or []:
        if needs_issue(entry):
            playbook = str(entry.get("id", ""))
            found.append(Issue(playbook, issue_title(playbook), ISSUE_LABEL, issue_body_of(entry)))
    return found
