"""The pull request `playbooks pull-requests` makes for each playbook `playbooks pull` changed: branch, title, body."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from sales_playbooks.cli import main
from sales_playbooks.pull_requests import branch_name, pull_requests

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
    assert "first-90-days" not in result.output
    empty = tmp_path / "none.json"
    empty.write_text(json.dumps({"playbooks": []}), encoding="utf-8")
    nothing = CliRunner().invoke(main, ["pull-requests", "--from", str(empty), "--dry-run"])
    assert nothing.exit_code == 0 and "no pull request to make" in nothing.output


def test_an_unreadable_report_is_a_usage_error(tmp_path: Path) -> None:
    broken = tmp_path / "pull.json"
    broken.write_text("{", encoding="utf-8")
    result = CliRunner().invoke(main, ["pull-requests", "--from", str(broken), "--dry-run"])
    assert result.exit_code == 2 and "cannot read" in result.output
