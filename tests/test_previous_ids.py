"""`previous_ids`: the ids a playbook had before, checked in the file and across the library."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sales_playbooks.cli import main
from sales_playbooks.loader import load_library
from sales_playbooks.settings import read_settings
from tests.minirepo import PLAYBOOK, make_repo, without_content_rules

OTHER = PLAYBOOK.replace("id: weekly-pipeline-review", "id: monthly-forecast-call").replace(
    "title: Holding a weekly pipeline review", "title: Running a monthly forecast call"
)


def with_previous(text: str, line: str) -> str:
    return text.replace("sources: [jordan]\n", f"sources: [jordan]\n{line}\n", 1)


def problems(tmp_path: Path, playbooks: dict[str, str]) -> list[str]:
    root = make_repo(tmp_path, playbooks)
    result = CliRunner().invoke(main, ["validate", "--root", str(root)])
    return without_content_rules(line for line in result.output.splitlines() if "error[" in line or "warning[" in line)


def test_previous_ids_reach_the_playbook(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"a.md": with_previous(PLAYBOOK, "previous_ids: [pipeline-review, old-review]")})
    loaded = load_library(read_settings(root))
    assert loaded.ok, loaded.problems
    assert loaded.library.playbooks[0].previous_ids == ("pipeline-review", "old-review")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("previous_ids: old-review", "14:15: error[wrong-type]"),
        ("previous_ids: [Old Review]", "14:16: error[bad-id]"),
        ("previous_ids: [old-review, old-review]", "14:28: error[duplicate-item]"),
        ("previous_ids: [weekly-pipeline-review]", "14:16: error[previous-id-current]"),
    ],
)
def test_a_bad_previous_id_is_an_error_at_its_place(tmp_path: Path, line: str, expected: str) -> None:
    found = problems(tmp_path, {"a.md": with_previous(PLAYBOOK, line)})
    assert [re.sub(r"^.*playbooks/a\.md:(\d+:\d+: \w+\[[\w-]+\]).*$", r"\1", p) for p in found] == [expected], found


def test_a_previous_id_may_not_be_a_current_playbook_s_id(tmp_path: Path) -> None:
    found = problems(
        tmp_path, {"a.md": with_previous(PLAYBOOK, "previous_ids: [monthly-forecast-call]"), "b.md": OTHER}
    )
    assert len(found) == 1 and "playbooks/a.md:14:16: error[previous-id-in-use]" in found[0], found
    assert "playbooks/b.md" in found[0]


def test_a_previous_id_may_be_claimed_by_one_playbook_only(tmp_path: Path) -> None:
    line = "previous_ids: [old-review]"
    found = problems(tmp_path, {"a.md": with_previous(PLAYBOOK, line), "b.md": with_previous(OTHER, line)})
    assert len(found) == 1 and "playbooks/b.md:14:16: error[previous-id-claimed]" in found[0], found
    assert "playbooks/a.md" in found[0]
