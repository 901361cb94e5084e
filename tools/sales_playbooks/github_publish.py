"""Open or update the pull requests and issues `playbooks pull-requests` plans, with git and GitHub's CLI.

Every command is an argument list given to a runner (never a shell string), and titles and bodies from
the forum travel as arguments or files, so no text can become a command. The runner is injectable:
tests pass one that records the commands and answers for `gh`.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .pull_requests import Issue, PullRequest

Runner = Callable[[Sequence[str]], "subprocess.CompletedProcess[str]"]
LABEL_COLOR = "D93F0B"
LABEL_DESCRIPTION = "A forum edit to a playbook that could not come home by itself"


def system_runner(command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    """Run one command (no shell), its output captured as text."""
    return subprocess.run(list(command), check=False, capture_output=True, text=True)


class GitHubError(Exception):
    """A git or gh command that failed, or answered what it should not."""


def run(runner: Runner, command: Sequence[str]) -> str:
    """The command's output; GitHubError, with its first words and its error output, when it fails."""
    done = runner(command)
    if done.returncode != 0:
        raise GitHubError(f"{' '.join(command[:3])} failed: {(done.stderr or '').strip()}")
    return done.stdout


@contextmanager
def body_file(body: str) -> Iterator[str]:
    """The body in a temporary file, for `--body-file`; removed afterwards."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".md", delete=False) as handle:
        handle.write(body)
    try:
        yield handle.name
    finally:
        Path(handle.name).unlink(missing_ok=True)


def publish(request: PullRequest, start: str, base: str, remote: str, runner: Runner) -> str:
    """Commit the playbook's file on its branch (from `start`), push it, and open or edit its pull request."""
    run(runner, ["git", "switch", "--force-create", request.branch, start])
    run(runner, ["git", "add", "--", request.path])
    run(runner, ["git", "commit", "--message", request.title, "--", request.path])
    run(runner, ["git", "push", "--force", remote, f"HEAD:refs/heads/{request.branch}"])
    run(runner, ["git", "switch", "--detach", start])
    with body_file(request.body) as body:
        found = runner(["gh", "pr", "view", request.branch, "--json", "state", "--jq", ".state"])
        if found.returncode == 0 and found.stdout.strip() == "OPEN":
            run(runner, ["gh", "pr", "edit", request.branch, "--title", request.title, "--body-file", body])
            return "pull request updated"
        create = ["gh", "pr", "create", "--head", request.branch, "--base", base, "--title", request.title]
        run(runner, [*create, "--body-file", body])
        return "pull request opened"


def open_issue_number(issue: Issue, runner: Runner) -> int | None:
    """The number of the open issue with this title and label, if there is one."""
    listed = run(
        runner,
        [
            "gh",
            "issue",
            "list",
            "--label",
            issue.label,
            "--state",
            "open",
            "--search",
            f'"{issue.title}" in:title',
            "--json",
            "number,title",
            "--limit",
            "100",
        ],
    )
    try:
        found = json.loads(listed or "[]")
    except ValueError as exc:
        raise GitHubError(f"gh issue list answered what is not JSON: {exc}") from exc
    if not isinstance(found, list):
        raise GitHubError("gh issue list answered what is not a list")
    numbers = [
        item["number"]
        for item in found
        if isinstance(item, dict) and item.get("title") == issue.title and isinstance(item.get("number"), int)
    ]
    return min(numbers, default=None)


def publish_issue(issue: Issue, runner: Runner) -> str:
    """Edit the body of the playbook's open issue, or open one (making its label if need be)."""
    number = open_issue_number(issue, runner)
    with body_file(issue.body) as body:
        if number is not None:
            run(runner, ["gh", "issue", "edit", str(number), "--body-file", body])
            return f"issue #{number} updated"
        label = ["gh", "label", "create", issue.label, "--force"]
        run(runner, [*label, "--color", LABEL_COLOR, "--description", LABEL_DESCRIPTION])
        create = ["gh", "issue", "create", "--title", issue.title, "--label", issue.label]
        return "issue opened: " + run(runner, [*create, "--body-file", body]).strip()
