"""`playbooks validate` reports cohort problems compiler-style; `playbooks cohorts` prints the schedule."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from sales_playbooks.cli import main
from tests.minirepo import copy_repo

CORPUS = Path(__file__).parent / "corpus" / "cohorts"
ROOT = Path(__file__).parent.parent


def repo_with_cohorts(tmp_path: Path) -> Path:
    """The real playbooks (so the real tracks resolve) and the real peer-groups folder."""
    root = copy_repo(tmp_path)
    shutil.copytree(ROOT / "peer-groups", root / "peer-groups")
    return root


def test_validate_reports_a_cohort_error_with_its_place_and_fails(tmp_path: Path) -> None:
    root = repo_with_cohorts(tmp_path)
    shutil.copy(CORPUS / "bad" / "email-member.yml", root / "peer-groups" / "email-member.yml")
    result = CliRunner().invoke(main, ["validate", "--root", str(root), "--format", "json"])
    assert result.exit_code == 1, result.output
    problems = json.loads(result.output)["problems"]
    assert [(Path(p["path"]).name, p["line"], p["col"], p["code"]) for p in problems] == [
        ("email-member.yml", 7, 5, "email-address")
    ]
    text = CliRunner().invoke(main, ["validate", "--root", str(root)])
    assert "email-member.yml:7:5: error[email-address]: 'priya.raman@example.com' looks like an email" in text.output


def test_validate_checks_only_the_cohort_files_named(tmp_path: Path) -> None:
    root = repo_with_cohorts(tmp_path)
    shutil.copy(CORPUS / "bad" / "bad-tz.yml", root / "peer-groups" / "bad-tz.yml")
    good = root / "peer-groups" / "emea-nov.yml"
    assert CliRunner().invoke(main, ["validate", "--root", str(root), str(good)]).exit_code == 0
    bad = CliRunner().invoke(main, ["validate", "--root", str(root), str(root / "peer-groups" / "bad-tz.yml")])
    assert bad.exit_code == 1 and "bad-tz.yml:10:11: error[bad-timezone]" in bad.output


def test_cohorts_prints_each_schedule(tmp_path: Path) -> None:
    root = repo_with_cohorts(tmp_path)
    result = CliRunner().invoke(main, ["cohorts", "--root", str(root), "--today", "2026-11-23", "--format", "json"])
    assert result.exit_code == 0, result.output
    cohorts = {c["id"]: c for c in json.loads(result.output)["cohorts"]}
    assert sorted(cohorts) == ["emea-nov", "na-winter"]
    emea = cohorts["emea-nov"]
    assert [(w["week"], w["date"], w["status"]) for w in emea["weeks"][2:5]] == [
        (3, "2026-11-16", "released"),
        (4, "2026-11-23", "released (current)"),
        (5, "2026-11-30", "next"),
    ]
    assert emea["weeks"][0]["external_id"] == "cg_emea-nov_first-90-days"
    assert cohorts["na-winter"]["track"] == "new-manager-12" and len(cohorts["na-winter"]["weeks"]) == 12
    table = CliRunner().invoke(main, ["cohorts", "--root", str(root), "--today", "2026-11-23"], terminal_width=160)
    assert table.exit_code == 0
    assert "Peer group: EMEA, November 2026 (emea-nov)" in table.output
    assert "Mon 2026-11-30" in table.output and "next" in table.output
    assert "group cohort-na-winter: 1 facilitator(s), 6 member(s); weekly from 2027-01-11, America/Chicago" in (
        table.output
    )


def test_cohorts_stops_on_an_invalid_file(tmp_path: Path) -> None:
    root = repo_with_cohorts(tmp_path)
    shutil.copy(CORPUS / "bad" / "unknown-pb.yml", root / "peer-groups" / "unknown-pb.yml")
    result = CliRunner().invoke(main, ["cohorts", "--root", str(root)])
    assert result.exit_code == 1
    assert "unknown-pb.yml:13:5: error[unknown-playbook]" in result.output
