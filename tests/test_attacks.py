"""The attack corpus against `playbooks validate`: every attack fails the run, reported at its own line."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from sales_playbooks.cli import main
from tests.attack_corpus import Attack, attack_repo, load_attacks
from tests.minirepo import without_content_rules

ATTACKS = load_attacks()
HTML_CODES = {"unsafe-html", "unsafe-url", "html-in-field"}


def test_the_corpus_is_large_and_covers_every_kind() -> None:
    assert len(ATTACKS) >= 30
    assert len({a.id for a in ATTACKS}) == len(ATTACKS), "ids must be unique"
    assert {a.kind for a in ATTACKS} == {"body", "title", "summary", "cohort-name"}


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, list[dict[str, object]]]]:
    """One `playbooks validate --format json` over a repository holding every attack: (exit code, problems by file)."""
    repo = attack_repo(tmp_path_factory.mktemp("attacks"), ATTACKS)
    result = CliRunner().invoke(main, ["validate", "--root", str(repo), "--today", "2026-11-23", "--format", "json"])
    by_file: dict[str, list[dict[str, object]]] = defaultdict(list)
    for problem in without_content_rules(json.loads(result.output)["problems"]):  # the short base cannot meet them
        path = Path(str(problem["path"]))
        by_file[f"{path.parent.name}/{path.name}"].append(problem)
    return result.exit_code, by_file


def test_validate_fails_on_the_corpus(reported: tuple[int, dict[str, list[dict[str, object]]]]) -> None:
    code, by_file = reported
    assert code == 1
    assert "playbooks/weekly-pipeline-review.md" not in by_file, "the base playbook is valid"


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.id for a in ATTACKS])
def test_each_attack_is_reported_at_its_line_and_nothing_else(
    attack: Attack, reported: tuple[int, dict[str, list[dict[str, object]]]]
) -> None:
    problems = reported[1].get(attack.path, [])
    line, col = attack.where
    assert problems, f"{attack.id} passed validate"
    assert {p["code"] for p in problems} <= HTML_CODES, problems
    assert all(p["severity"] == "error" for p in problems)
    assert any(p["code"] == attack.code and p["line"] == line and col in (None, p["col"]) for p in problems), (
        f"{attack.id}: expected {attack.code} at line {line}" + (f", col {col}" if col else "") + f"; got {problems}"
    )
