"""`playbooks pull-requests`: one pull request per playbook that `playbooks pull` changed, opened or updated
with git and GitHub's CLI (`gh`), or printed with --dry-run."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import click

from ..pull_requests import PullRequest
from ..pull_requests import pull_requests as planned
from .common import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, err_console, out_console


@click.command(name="pull-requests")
@click.option(
    "--from",
    "source",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The report of `playbooks pull --format json`.",
)
@click.option("--dry-run", is_flag=True, help="Print each pull request's branch, title and body; run nothing.")
@click.option("--base", default="main", show_default=True, help="The branch the pull requests go into.")
@click.option("--remote", default="origin", show_default=True, help="The git remote to push the branches to.")
def pull_requests(source: Path, dry_run: bool, base: str, remote: str) -> None:
    """Open or update one pull request per playbook that `playbooks pull` changed.

    Each goes on its own branch, forum-edits/<playbook id>, made from the current commit with that
    playbook's file as `playbooks pull` wrote it in the working tree, and is pushed with --force, so
    a later pull replaces the branch's change. The description names the forum editors with links
    to their profiles and to the revision, lists the changes that could not come home, and asks the
    playbook's owner to review. Needs git and an authenticated `gh` (GH_TOKEN); runs nothing with
    --dry-run. Exit status: 0 done, 2 an unreadable report, 3 a pull request that could not be made.
    The report comes from `playbooks pull --format json > pull.json`.

    \b
    Examples:
      playbooks pull-requests --from pull.json --dry-run
      playbooks pull-requests --from pull.json --base main
    """
    errors = err_console()
    try:
        report = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        errors.print(f"playbooks pull-requests: cannot read {source}: {exc}", markup=False)
        sys.exit(EXIT_USAGE)
    wanted = planned(report if isinstance(report, dict) else {})
    console = out_console()
    if dry_run:
        for request in wanted:
            console.print(f"branch: {request.branch}\ntitle: {request.title}\n\n{request.body}", markup=False)
        if not wanted:
            console.print("No playbook file was changed: no pull request to make.", markup=False)
        sys.exit(EXIT_OK)
    failed = 0
    start = run(["git", "rev-parse", "HEAD"]).strip()
    for request in wanted:
        try:
            publish(request, start, base, remote)
            console.print(f"{request.branch}: pull request opened or updated", markup=False)
        except subprocess.CalledProcessError as exc:
            failed += 1
            errors.print(
                f"{request.branch}: {' '.join(exc.cmd[:3])} failed: {(exc.stderr or '').strip()}", markup=False
            )
    sys.exit(EXIT_PARTIAL if failed else EXIT_OK)


def run(command: list[str]) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def publish(request: PullRequest, start: str, base: str, remote: str) -> None:
    """Commit the playbook's file on its branch (from `start`), push it, and open or edit its pull request."""
    run(["git", "switch", "--force-create", request.branch, start])
    run(["git", "add", "--", request.path])
    run(["git", "commit", "--message", request.title, "--", request.path])
    run(["git", "push", "--force", remote, f"HEAD:refs/heads/{request.branch}"])
    run(["git", "switch", "--detach", start])
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".md", delete=False) as handle:
        handle.write(request.body)
    body = handle.name
    try:
        found = subprocess.run(
            ["gh", "pr", "view", request.branch, "--json", "state", "--jq", ".state"],
            capture_output=True,
            text=True,
            check=False,
        )
        if found.returncode == 0 and found.stdout.strip() == "OPEN":
            run(["gh", "pr", "edit", request.branch, "--title", request.title, "--body-file", body])
        else:
            run(
                [
                    "gh",
                    "pr",
                    "create",
                    "--head",
                    request.branch,
                    "--base",
                    base,
                    "--title",
                    request.title,
                    "--body-file",
                    body,
                ]
            )
    finally:
        Path(body).unlink(missing_ok=True)
