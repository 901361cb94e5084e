"""When each file last changed, from the repository's git history: one `git log`, read once per build.

A copy without usable history has none, and callers then show no dates rather than wrong ones: no
`git` command, a folder that is not a repository, or a shallow clone (its one commit would claim to
have changed every file on the day it was cloned from).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

RECORD = "\x1e"
FIELD = "\x1f"
ADDED = "added"
CHANGED = "changed"
_STATUS = {"A": ADDED, "C": ADDED}  # everything else (modified, renamed, type change) is a change


@dataclass(frozen=True)
class FileChange:
    """One file touched by one commit."""

    path: str  # relative to the repository root the history was read for, with '/'
    status: str  # ADDED or CHANGED
    when: dt.datetime  # the commit's date, with its time zone
    commit: str


@dataclass(frozen=True)
class History:
    """Every change to a file, newest first."""

    changes: tuple[FileChange, ...]

    def last_changed(self, *paths: str) -> dt.datetime | None:
        """The newest change to any of the files or folders (a folder ends with '/')."""
        dates = [c.when for c in self.changes if any(_within(c.path, p) for p in paths)]
        return max(dates) if dates else None

    def under(self, folder: str) -> list[FileChange]:
        """Changes to files in a folder, newest first."""
        return [c for c in self.changes if _within(c.path, folder.rstrip("/") + "/")]


def _within(path: str, target: str) -> bool:
    return path.startswith(target) if target.endswith("/") else path == target


def _git(root: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        result = subprocess.run(
            [git, "-C", str(root), *args], capture_output=True, text=True, encoding="utf-8", check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def parse_log(text: str) -> tuple[FileChange, ...]:
    """The output of `git log --format=<RECORD>%H<FIELD>%cI --name-status`, as changes newest first."""
    found: list[FileChange] = []
    for record in text.split(RECORD):
        lines = [line for line in record.splitlines() if line.strip()]
        if not lines or FIELD not in lines[0]:
            continue
        commit, stamp = lines[0].split(FIELD, 1)
        when = dt.datetime.fromisoformat(stamp.strip())
        for line in lines[1:]:
            parts = line.split("\t")
            code = parts[0][:1]
            if code == "D" or len(parts) < 2:
                continue  # a deleted file has no page left to date
            found.append(FileChange(parts[-1], _STATUS.get(code, CHANGED), when, commit))
    return tuple(found)


def read_history(root: Path) -> History | None:
    """The history of the files under `root`, or None when there is none to trust (see the module's docstring)."""
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.strip() != "false":
        return None
    log = _git(root, "log", "--no-merges", "--relative", f"--format={RECORD}%H{FIELD}%cI", "--name-status")
    if log is None:
        return None
    return History(parse_log(log))
