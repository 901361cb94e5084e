"""What a contributor is told about a quoted date and an unquoted colon; every command's help shows examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sales_playbooks.cli import COMMANDS, main
from tests.minirepo import PLAYBOOK, make_repo, without_content_rules

NAME = "weekly-pipeline-review.md"


def validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str) -> tuple[int, list[str]]:
    assert old in PLAYBOOK
    make_repo(tmp_path, {NAME: PLAYBOOK.replace(old, new)})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--today", "2026-11-23"])
    rows = [row for row in result.output.splitlines() if row.startswith("playbooks/")]
    return result.exit_code, without_content_rules(rows)


def test_a_quoted_review_date_names_the_same_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert validate(tmp_path, monkeypatch, "reviewed: 2026-01-10", 'reviewed: "2026-01-10"') == (0, [])


def test_a_quoted_date_that_is_no_day_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, rows = validate(tmp_path, monkeypatch, "reviewed: 2026-01-10", 'reviewed: "2026-13-05"')
    expected = (
        f"playbooks/{NAME}:11:11: error[bad-date]: 'reviewed' is '2026-13-05', which is not a day of the calendar"
    )
    assert (code, rows) == (1, [expected])


def test_a_quoted_future_date_is_still_in_the_future(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, rows = validate(tmp_path, monkeypatch, "reviewed: 2026-01-10", "reviewed: '2026-12-05'")
    expected = f"playbooks/{NAME}:11:11: error[future-date]: 'reviewed' is 2026-12-05, which is in the future"
    assert (code, rows) == (1, [expected])


def test_an_unquoted_colon_in_the_title_says_to_quote_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = "title: Holding a weekly pipeline review"
    code, rows = validate(tmp_path, monkeypatch, old, "title: Pipeline review: the weekly half hour")
    expected = (
        f"playbooks/{NAME}:3:23: error[yaml-syntax]: YAML syntax: this value holds ': ', which YAML reads as a "
        'second key; put the whole value in double quotes, such as title: "Pipeline review: the weekly half hour"'
    )
    assert (code, rows) == (1, [expected])


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_help_shows_examples_of_itself(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    after = result.output.split("Examples:\n", 1)
    assert len(after) == 2, f"`playbooks {command} --help` shows no example"
    lines = after[1].split("\n\n", 1)[0].splitlines()
    assert lines and all(line.strip().startswith(f"playbooks {command}") for line in lines), lines
