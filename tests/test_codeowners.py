"""CODEOWNERS follows the playbooks' `owner` fields: the command, and the repository's own file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sales_playbooks.cli import main
from sales_playbooks.commands.codeowners import MARKER, codeowners_text
from tests.minirepo import PLAYBOOK, make_repo

ROOT = Path(__file__).parent.parent


def test_the_repository_codeowners_is_up_to_date() -> None:
    path = ROOT / ".github" / "CODEOWNERS"
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    assert current == codeowners_text(ROOT, current), (
        ".github/CODEOWNERS is out of date with the playbooks' owner fields: run `playbooks codeowners --write`"
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return make_repo(tmp_path)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["codeowners", *args])
    return result.exit_code, result.stdout, result.stderr


def test_print_write_and_check(repo: Path) -> None:
    code, out, _ = invoke()
    assert code == 0 and "/playbooks/weekly-pipeline-review.md @example-org/pipeline\n" in out
    assert not (repo / ".github").exists(), "printing writes nothing"
    assert invoke("--check")[0] == 1
    assert invoke("--write")[0] == 0
    assert (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8") == out
    assert invoke("--check")[0] == 0


def test_check_fails_when_an_owner_changes_and_hand_written_rules_are_kept(repo: Path) -> None:
    path = repo / ".github" / "CODEOWNERS"
    invoke("--write")
    text = path.read_text(encoding="utf-8")
    path.write_text("* @example-org/maintainers\n" + text, encoding="utf-8")
    assert invoke("--check")[0] == 0, "rules above the marker are the maintainers' own"
    playbook = repo / "playbooks" / "weekly-pipeline-review.md"
    playbook.write_text(PLAYBOOK.replace("@example-org/pipeline", "@jane-doe"), encoding="utf-8")
    code, _, err = invoke("--check")
    assert code == 1 and "out of date" in err
    invoke("--write")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("* @example-org/maintainers\n")
    assert text.split(MARKER)[1] == "\n/playbooks/weekly-pipeline-review.md @jane-doe\n"
