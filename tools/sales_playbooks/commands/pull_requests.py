"""`playbooks pull-requests`: one pull request per playbook that `playbooks pull` changed, and one issue per
forum edit that could not come home, opened or updated with git and GitHub's CLI (`gh`), or printed with
--dry-run."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .. import github_publish
from ..github_publish import GitHubError, publish, publish_issue
from ..pull_requests import issues as planned_issues
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
@click.option("--dry-run", is_flag=True, help="Print each pull request and issue it would make; run nothing.")
@click.option("--base", default="main", show_default=True, help="The branch the pull requests go into.")
@click.option("--remote", default="origin", show_default=True, help="The git remote to push the branches to.")
def pull_requests(source: Path, dry_run: bool, base: str, remote: str) -> None:
    """Open or update one pull request per playbook that `playbooks pull` changed, and one issue per
    playbook whose forum edit could not come home.

    Each pull request goes on its own branch, forum-edits/<playbook id>, made from the current commit
    with that playbook's file as `playbooks pull` wrote it in the working tree, and is pushed with
    --force, so a later pull replaces the branch's change. The description names the forum editors with
    links to their profiles and to the revision, lists the changes that could not come home, and asks
    the playbook's owner to review. A playbook whose file was left as it is (every change rejected, in
    conflict with the repository, or failing validation) gets an issue instead, labelled forum-edit and
    titled "Forum edit to <id> needs a decision", with the same details; a later run edits that issue
    while it is open rather than open a second one. Needs git and an authenticated `gh` (GH_TOKEN); runs
    nothing with --dry-run. Exit status: 0 done, 2 an unreadable report, 3 a pull request or issue that
    could not be made. The report comes from `playbooks pull --format json > pull.json`.

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
    report = report if isinstance(report, dict) else {}
    wanted, asked = planned(report), planned_issues(report)
    console = out_console()
    if dry_run:
        for request in wanted:
            console.print(f"branch: {request.branch}\ntitle: {request.title}\n\n{request.body}", markup=False)
        if not wanted:
            console.print("No playbook file was changed: no pull request to make.", markup=False)
        for issue in asked:
            console.print(f"kind: issue\ntitle: {issue.title}\nlabel: {issue.label}\n\n{issue.body}", markup=False)
        if not asked:
            console.print("No forum edit awaits a decision: no issue to make.", markup=False)
        sys.exit(EXIT_OK)
    runner = github_publish.system_runner  # looked up here, so a test can put a fake in its place
    failed = 0
    try:
        start = github_publish.run(runner, ["git", "rev-parse", "HEAD"]).strip() if wanted else ""
    except GitHubError as exc:
        errors.print(f"playbooks pull-requests: {exc}", markup=False)
        sys.exit(EXIT_PARTIAL)
    for request in wanted:
        try:
            console.print(f"{request.branch}: {publish(request, start, base, remote, runner)}", markup=False)
        except GitHubError as exc:
            failed += 1
            errors.print(f"{request.branch}: {exc}", markup=False)
    for issue in asked:
        try:
            console.print(f"{issue.title}: {publish_issue(issue, runner)}", markup=False)
        except GitHubError as exc:
            failed += 1
            errors.print(f"{issue.title}: {exc}", markup=False)
    sys.exit(EXIT_PARTIAL if failed else EXIT_OK)
