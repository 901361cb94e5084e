"""`playbooks review`: overdue playbooks, their owners and days overdue, as a table or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sales_playbooks.cli import main
from tests.minirepo import PLAYBOOK, make_repo

# The mini repository's playbook was reviewed on 2026-01-10 with review_every 90: due 2026-04-10.
SECOND = (
    PLAYBOOK.replace("id: weekly-pipeline-review", "id: monthly-forecast-call")
    .replace("title: Holding a weekly pipeline review", "title: Running the monthly forecast call")
    .replace('owner: "@example-org/pipeline"', 'owner: "@jane-doe"')
    .replace("review_every: 90", "review_every: 30")
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return make_repo(tmp_path, {"weekly-pipeline-review.md": PLAYBOOK, "monthly-forecast-call.md": SECOND})


def review(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["review", *args])
    return result.exit_code, result.stdout


def test_nothing_overdue_on_the_due_day(repo: Path) -> None:
    code, out = review("--today", "2026-02-09", "--strict")  # the 30-day one is due that day, not yet late
    assert code == 0
    assert "All 2 playbook(s) are within their review period." in out


def test_table_lists_owner_and_days_overdue_longest_first(repo: Path) -> None:
    code, out = review("--today", "2026-04-20")
    assert code == 0
    assert out.index("monthly-forecast-call.md") < out.index("weekly-pipeline-review.md")
    assert "@jane-doe" in out and "@example-org/pipeline" in out
    assert " 70 " in out and " 10 " in out  # due 2026-02-09 and 2026-04-10
    assert "2 of 2 playbook(s) overdue for review." in out


def test_json_and_strict(repo: Path) -> None:
    code, out = review("--today", "2026-03-01", "--format", "json", "--strict")
    assert code == 1
    data = json.loads(out)
    assert data["today"] == "2026-03-01" and data["checked"] == 2
    assert data["overdue"] == [
        {
            "id": "monthly-forecast-call",
            "title": "Running the monthly forecast call",
            "path": "playbooks/monthly-forecast-call.md",
            "owner": "@jane-doe",
            "reviewed": "2026-01-10",
            "review_every": 30,
            "due": "2026-02-09",
            "days_overdue": 20,
        }
    ]


def test_bad_date_is_a_usage_error(repo: Path) -> None:
    code, _ = review("--today", "soon")
    assert code == 2


def test_strict_fails_when_a_playbook_cannot_be_read(repo: Path) -> None:
    broken = repo / "playbooks" / "monthly-forecast-call.md"
    broken.write_text(SECOND.replace("review_every: 30", "review_every: banana"), encoding="utf-8")
    result = CliRunner().invoke(main, ["review", "--today", "2026-02-01", "--strict"])
    assert result.exit_code == 1
    assert "1 file(s) could not be read as playbooks" in result.stderr
    assert review("--today", "2026-02-01")[0] == 0  # without --strict it is a warning only
