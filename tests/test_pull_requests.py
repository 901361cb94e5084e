"""The pull request `playbooks pull-requests` makes for each playbook `playbooks pull` changed (branch, title,
body), the issue it makes for a forum edit that could not come home, and the git and gh commands it runs."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from sales_playbooks import github_publish
from sales_playbooks.cli import main
from sales_playbooks.pull_requests import branch_name, issue_title, issues, pull_requests

FORUM = "https://forum.example.org"


def entry(playbook: str, written: bool, **extra: Any) -> dict[str, Any]:
    return {
        "id": playbook,
        "path": f"playbooks/{playbook}.md",
        "owner": "@sales-leader-playbooks/coaching",
        "topic_id": 12,
        "topic_url": f"{FORUM}/t/12",
        "post_version": 4,
        "revision_url": f"{FORUM}/raw/12/1?revision=4",
        "editors": [{"username": "mod-maria", "profile_url": f"{FORUM}/u/mod-maria"}],
        "applied": [{"line": 7, "before": ["old"], "after": ["new"], "file_line": 30, "reason": ""}],
        "rejected": [],
        "conflicts": [],
        "written": written,
        **extra,
    }


REPORT = {
    "dry_run": False,
    "forum": FORUM,
    "playbooks": [
        entry(
            "coaching-cadence",
            True,
            rejected=[
                {
                    "line": 90,
                    "before": ["Read the full playbook"],
                    "after": ["Read the whole playbook, @everyone ```"],
                    "file_line": None,
                    "reason": "it changes text the forum post adds to the playbook (header, footer, citations)",
                }
            ],
        ),
        entry("first-90-days", False, conflicts=[{"line": 5, "base": ["a"], "ours": ["b"], "theirs": ["c"]}]),
    ],
    "failures": [],
}


def test_one_pull_request_per_written_playbook_with_its_branch_title_and_body() -> None:
    [request] = pull_requests(REPORT)
    assert request.branch == "forum-edits/coaching-cadence" == branch_name("coaching-cadence")
    assert request.title == "Forum edits to coaching-cadence by mod-maria"
    assert request.path == "playbooks/coaching-cadence.md"
    body = request.body
    assert f"[mod-maria]({FORUM}/u/mod-maria)" in body
    assert f"[revision 4]({FORUM}/raw/12/1?revision=4)" in body
    assert "Changes applied to the file: 1" in body
    assert "### Not applied" in body and "header, footer, citations" in body
    assert "~~~~text\nRead the whole playbook, @everyone ```\n~~~~" in body  # forum text stays in a fence
    assert "@sales-leader-playbooks/coaching, as the playbook's owner (CODEOWNERS), please review" in body


def test_a_branch_name_keeps_to_safe_characters() -> None:
    assert branch_name("a b/../c") == "forum-edits/a-b-..-c"


def test_the_dry_run_prints_each_pull_request(tmp_path: Path) -> None:
    report = tmp_path / "pull.json"
    report.write_text(json.dumps(REPORT), encoding="utf-8")
    result = CliRunner().invoke(main, ["pull-requests", "--from", str(report), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("branch: forum-edits/coaching-cadence\ntitle: Forum edits to coaching-cadence")
    assert "branch: forum-edits/first-90-days" not in result.output  # its file was not written: an issue instead
    empty = tmp_path / "none.json"
    empty.write_text(json.dumps({"playbooks": []}), encoding="utf-8")
    nothing = CliRunner().invoke(main, ["pull-requests", "--from", str(empty), "--dry-run"])
    assert nothing.exit_code == 0 and "no pull request to make" in nothing.output


def test_an_unreadable_report_is_a_usage_error(tmp_path: Path) -> None:
    broken = tmp_path / "pull.json"
    broken.write_text("{", encoding="utf-8")
    result = CliRunner().invoke(main, ["pull-requests", "--from", str(broken), "--dry-run"])
    assert result.exit_code == 2 and "cannot read" in result.output


CONFLICT = {"line": 5, "base": ["a"], "ours": ["Ask what the rep @here tried"], "theirs": ["Ask ~~~ what they tried"]}
REJECTED = {
    "line": 90,
    "before": ["Read the full playbook"],
    "after": ["Read the whole playbook, @everyone <script>"],
    "file_line": None,
    "reason": "it changes text the forum post adds to the playbook (header, footer, citations)",
}


def dry_run(tmp_path: Path, *entries: dict[str, Any]) -> str:
    report = tmp_path / "pull.json"
    report.write_text(json.dumps({"dry_run": False, "forum": FORUM, "playbooks": list(entries)}), encoding="utf-8")
    result = CliRunner().invoke(main, ["pull-requests", "--from", str(report), "--dry-run"])
    assert result.exit_code == 0, result.output
    return result.output


def outside_fences(text: str) -> str:
    """The text with every ~~~ fenced block taken out."""
    kept, fence = [], ""
    for line in text.split("\n"):
        if fence:
            fence = "" if line == fence else fence
        elif line.startswith("~~~"):
            fence = line[: len(line) - len(line.lstrip("~"))]
        else:
            kept.append(line)
    return "\n".join(kept)


def test_a_conflict_only_edit_gets_an_issue_and_no_pull_request(tmp_path: Path) -> None:
    output = dry_run(tmp_path, entry("first-90-days", False, applied=[], conflicts=[CONFLICT]))
    assert output.startswith("No playbook file was changed: no pull request to make.\n")
    head = "kind: issue\ntitle: Forum edit to first-90-days needs a decision\nlabel: forum-edit\n\n"
    assert head in output
    body = output.split(head, 1)[1]
    assert "could not come home: `playbooks pull` left `playbooks/first-90-days.md` as it is" in body
    assert f"- Edited in the forum by: [mod-maria]({FORUM}/u/mod-maria)" in body
    assert f"- The forum's text: [revision 4]({FORUM}/raw/12/1?revision=4)" in body
    assert "### Conflicts" in body and "### Not applied" not in body
    assert "the repository's version:\n\n~~~text\nAsk what the rep @here tried\n~~~" in body
    assert "The forum's version:\n\n~~~~text\nAsk ~~~ what they tried\n~~~~" in body
    assert "@sales-leader-playbooks/coaching, as the playbook's owner (CODEOWNERS), please decide" in body
    assert "edit `playbooks/first-90-days.md` so it says what the forum says" in body
    assert "run `playbooks sync --force`, which puts it back" in body
    assert "@here" not in outside_fences(body)


def test_a_rejected_only_edit_gets_an_issue_with_the_reasons(tmp_path: Path) -> None:
    output = dry_run(tmp_path, entry("coaching-cadence", False, applied=[], rejected=[REJECTED]))
    assert "kind: issue\ntitle: Forum edit to coaching-cadence needs a decision\nlabel: forum-edit\n" in output
    assert "### Not applied" in output and "### Conflicts" not in output
    assert "Post line 90: it changes text the forum post adds to the playbook (header, footer, citations)" in output
    assert "~~~text\nRead the whole playbook, @everyone <script>\n~~~" in output
    assert "@everyone" not in outside_fences(output) and "<script>" not in outside_fences(output)
    assert "branch:" not in output


def test_a_mixed_edit_gets_a_pull_request_that_lists_the_rest_and_no_issue(tmp_path: Path) -> None:
    mixed = entry("coaching-cadence", True, rejected=[REJECTED], conflicts=[CONFLICT], changed=True)
    output = dry_run(tmp_path, mixed)
    assert output.startswith("branch: forum-edits/coaching-cadence\ntitle: Forum edits to coaching-cadence by")
    assert "Changes applied to the file: 1" in output
    assert "### Not applied" in output and "### Conflicts" in output
    assert "kind: issue" not in output and "No forum edit awaits a decision: no issue to make." in output


def test_which_entries_get_an_issue() -> None:
    would_write = entry("a", False, rejected=[REJECTED], changed=True)  # a `pull --dry-run` report
    clean = entry("b", False, applied=[])  # nothing came from the forum
    invalid = entry("c", False, problems=["playbooks/c.md:3:1: error[link]: no such page"])
    assert [i.playbook for i in issues({"playbooks": [would_write, clean, invalid]})] == ["c"]
    [issue] = issues({"playbooks": [invalid]})
    assert "### Does not validate" in issue.body and "~~~text\nplaybooks/c.md:3:1: error[link]" in issue.body
    assert issue_title("x; rm -rf / $(id)") == "Forum edit to x--rm--rf-----id- needs a decision"


class FakeGitHub:
    """Records each command (a --body-file as the file's text) and answers as git and gh would."""

    def __init__(self, listed: list[dict[str, Any]], failing: str = "") -> None:
        self.listed, self.failing = listed, failing
        self.commands: list[list[str]] = []

    def __call__(self, command: Sequence[str]) -> subprocess.CompletedProcess[str]:
        argv = list(command)
        if "--body-file" in argv:
            at = argv.index("--body-file") + 1
            argv[at] = "<" + Path(argv[at]).read_text(encoding="utf-8") + ">"
        self.commands.append(argv)
        answer = {
            ("git", "rev-parse"): "abc123\n",
            ("gh", "issue", "list"): json.dumps(self.listed),
            ("gh", "issue", "create"): "https://github.com/o/r/issues/42\n",
        }
        out = answer.get(tuple(argv[:2]), answer.get(tuple(argv[:3]), ""))
        failed = (argv[:2] == ["gh", "pr"] and argv[2] == "view") or " ".join(argv).startswith(self.failing or "\0")
        return subprocess.CompletedProcess(argv, 1 if failed else 0, out, "no such thing" if failed else "")


def run_for_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake: FakeGitHub) -> Result:
    monkeypatch.setattr(github_publish, "system_runner", fake)
    report = tmp_path / "pull.json"
    report.write_text(json.dumps(REPORT), encoding="utf-8")
    return CliRunner().invoke(main, ["pull-requests", "--from", str(report), "--base", "main"])


def test_the_commands_it_runs_for_a_pull_request_and_a_new_issue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeGitHub(listed=[])
    result = run_for_real(tmp_path, monkeypatch, fake)
    assert result.exit_code == 0, result.output
    [request], [issue] = pull_requests(REPORT), issues(REPORT)
    title = "Forum edit to first-90-days needs a decision"
    assert fake.commands == [
        ["git", "rev-parse", "HEAD"],
        ["git", "switch", "--force-create", "forum-edits/coaching-cadence", "abc123"],
        ["git", "add", "--", "playbooks/coaching-cadence.md"],
        ["git", "commit", "--message", request.title, "--", "playbooks/coaching-cadence.md"],
        ["git", "push", "--force", "origin", "HEAD:refs/heads/forum-edits/coaching-cadence"],
        ["git", "switch", "--detach", "abc123"],
        ["gh", "pr", "view", "forum-edits/coaching-cadence", "--json", "state", "--jq", ".state"],
        [
            "gh",
            "pr",
            "create",
            "--head",
            "forum-edits/coaching-cadence",
            "--base",
            "main",
            "--title",
            request.title,
            "--body-file",
            f"<{request.body}>",
        ],
        [
            "gh",
            "issue",
            "list",
            "--label",
            "forum-edit",
            "--state",
            "open",
            "--search",
            f'"{title}" in:title',
            "--json",
            "number,title",
            "--limit",
            "100",
        ],
        [
            "gh",
            "label",
            "create",
            "forum-edit",
            "--force",
            "--color",
            "D93F0B",
            "--description",
            github_publish.LABEL_DESCRIPTION,
        ],
        ["gh", "issue", "create", "--title", title, "--label", "forum-edit", "--body-file", f"<{issue.body}>"],
    ]
    assert f"{title}: issue opened: https://github.com/o/r/issues/42" in result.output


def test_an_open_issue_is_edited_not_duplicated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    title = "Forum edit to first-90-days needs a decision"
    listed = [{"number": 7, "title": title + " (old copy)"}, {"number": 41, "title": title}]
    fake = FakeGitHub(listed=listed)
    result = run_for_real(tmp_path, monkeypatch, fake)
    assert result.exit_code == 0, result.output
    [issue] = issues(REPORT)
    gh_issue = [c for c in fake.commands if c[:2] == ["gh", "issue"] or c[:2] == ["gh", "label"]]
    assert [c[2] for c in gh_issue] == ["list", "edit"]
    assert gh_issue[1] == ["gh", "issue", "edit", "41", "--body-file", f"<{issue.body}>"]
    assert f"{title}: issue #41 updated" in result.output


def test_a_failed_command_is_reported_and_the_rest_still_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeGitHub(listed=[], failing="git push")
    result = run_for_real(tmp_path, monkeypatch, fake)
    assert result.exit_code == 3
    assert "forum-edits/coaching-cadence: git push --force failed: no such thing" in result.output
    assert fake.commands[-1][:3] == ["gh", "issue", "create"]
