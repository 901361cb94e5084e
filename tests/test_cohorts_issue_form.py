"""A cohort without git: the new-cohort issue form, its conversion to a cohort file, and its workflow."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sales_playbooks.cli import main
from sales_playbooks.cohorts.issue_form import FORM_FIELDS, NO_RESPONSE, answers, cohort_draft, entries
from sales_playbooks.cohorts.load import load_cohorts
from sales_playbooks.loader import load_library
from sales_playbooks.settings import read_settings
from tests.minirepo import copy_repo

ROOT = Path(__file__).parent.parent
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "new-cohort.yml"
WORKFLOW = ROOT / ".github" / "workflows" / "new-cohort.yml"
BIN = Path(sys.executable).parent

ANSWERS = {
    "Cohort id": "na-spring",
    "Cohort name": "Peer group: North America, spring 2027",
    "Facilitators": "@dana.whitfield",
    "Members": "- marcus_bell\n- priya.raman, jlopez\n1234\nyes",
    "Start date": "2027-04-05",
    "Cadence": "fortnightly",
    "Time zone": "America/Chicago",
    "Curriculum": "new-manager-12",
    "Meeting day": "Tuesday",
    "Meeting time": "17:00",
    "Meeting length in minutes": "",
    "Release time": "07:30",
}


def body(changes: dict[str, str] | None = None, drop: str | None = None) -> str:
    """An issue body as GitHub writes it from the form: '### label', a blank line, the answer."""
    given = {**ANSWERS, **(changes or {})}
    parts = [f"### {label}\n\n{value or NO_RESPONSE}" for label, value in given.items() if label != drop]
    return "\n\n".join(parts) + "\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "repo").mkdir()
    root = copy_repo(tmp_path / "repo")
    shutil.copytree(ROOT / "peer-groups", root / "peer-groups")
    return root


def from_issue(root: Path, text: str) -> tuple[int, str, str]:
    path = root.parent / "issue-body.md"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["cohorts", "--root", str(root), "--from-issue", str(path)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


# The form ------------------------------------------------------------------------------------


def test_the_form_asks_exactly_what_the_conversion_reads() -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    asked = [
        (item["id"], item["attributes"]["label"], bool(item.get("validations", {}).get("required")))
        for item in form["body"]
        if item["type"] != "markdown"
    ]
    assert asked == [(f.key, f.label, f.required) for f in FORM_FIELDS]
    assert "labels" not in form  # only a maintainer's label starts the workflow


def test_the_form_is_a_valid_issue_form() -> None:
    command = [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms", str(FORM)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


# The conversion ------------------------------------------------------------------------------


def test_answers_and_entries_read_the_issue_body() -> None:
    found = answers(body().replace("\n", "\r\n"))
    assert found["Cohort id"] == "na-spring" and found["Meeting length in minutes"] == ""
    assert entries(found["Members"]) == ["marcus_bell", "priya.raman", "jlopez", "1234", "yes"]
    assert entries("@dana.whitfield\n\n  * `kelsey-ward`") == ["dana.whitfield", "kelsey-ward"]


def test_an_issue_becomes_a_checked_cohort_file(repo: Path) -> None:
    code, out, err = from_issue(repo, body())
    assert code == 0, out + err
    path = repo / "peer-groups" / "na-spring.yml"
    settings = read_settings(repo)
    ids = load_library(settings).library.by_id()
    loaded = load_cohorts(settings.peer_groups_dir, ids, settings.forum.category)
    assert loaded.problems == []
    cohort = next(c for c in loaded.cohorts if c.id == "na-spring")
    assert cohort.name == "Peer group: North America, spring 2027"
    assert cohort.facilitators == ("dana.whitfield",)
    assert cohort.members == ("marcus_bell", "priya.raman", "jlopez", "1234", "yes")  # still text, not 1234 or true
    assert (cohort.track, cohort.cadence_days, cohort.timezone) == ("new-manager-12", 14, "America/Chicago")
    assert cohort.meets is not None and (cohort.meets.day_name, cohort.meets.minutes) == ("Tuesday", 60)
    assert cohort.release_at.isoformat() == "07:30:00"
    assert "`peer-groups/na-spring.yml`" in out and path.read_text(encoding="utf-8") in out


def test_a_list_of_playbooks_and_no_meeting(repo: Path) -> None:
    changes = {"Curriculum": "first-90-days\ncoaching-cadence", "Meeting day": "No regular meeting", "Meeting time": ""}
    changes["Members"] = ""
    draft = cohort_draft(body(changes), {"new-manager-12"})
    assert draft.ok
    assert "curriculum:\n  - first-90-days\n  - coaching-cadence\n" in draft.text
    assert "members: []" in draft.text and "meets" not in draft.text
    assert from_issue(repo, body(changes))[0] == 0


def test_an_email_address_is_refused_without_repeating_it(repo: Path) -> None:
    code, out, err = from_issue(repo, body({"Members": "marcus_bell\npriya.raman@example.com"}))
    assert code == 1
    assert "**Members**" in out and "email address" in out
    assert "priya.raman@example.com" not in out + err
    assert not (repo / "peer-groups" / "na-spring.yml").exists()


def test_each_problem_is_reported_under_its_question_and_nothing_is_written(repo: Path) -> None:
    changes = {"Members": "marcus_bell\ntom okonkwo", "Time zone": "America/Chicag", "Meeting time": "5pm"}
    code, out, err = from_issue(repo, body(changes))
    assert code == 1
    reported = re.findall(r"^- \*\*(.+?)\*\*: `(.+)`$", out, re.M)
    assert [label for label, _ in reported] == ["Members", "Time zone", "Meeting time"]
    assert "'tom okonkwo' is not a forum username" in reported[0][1]
    assert "peer-groups/na-spring.yml:" in err and "error[bad-timezone]" in err  # compiler-style, for the log
    assert sorted(p.name for p in (repo / "peer-groups").iterdir()) == ["emea-nov.yml", "na-winter.yml", "tracks.yml"]


@pytest.mark.parametrize(
    ("changes", "drop", "label"),
    [
        ({"Cohort id": "../../docs/x"}, None, "Cohort id"),
        ({"Cohort id": "na-winter"}, None, "Cohort id"),  # exists already
        ({"Cohort name": "Peer group: North America, winter 2027"}, None, "Cohort name"),  # another cohort's
        ({}, "Time zone", "Time zone"),  # not from the form
        ({"Start date": ""}, None, "Start date"),
        ({"Meeting day": "No regular meeting", "Meeting time": "17:00"}, None, "Meeting time"),
        ({"Meeting time": ""}, None, "Meeting time"),
    ],
)
def test_refusals(repo: Path, changes: dict[str, str], drop: str | None, label: str) -> None:
    code, out, _ = from_issue(repo, body(changes, drop))
    assert code == 1
    assert re.findall(r"^- \*\*(.+?)\*\*", out, re.M) == [label]
    assert not (repo / "peer-groups" / "na-spring.yml").exists() and not list(repo.rglob("x.yml"))


def test_issue_text_cannot_break_out_of_the_markdown(repo: Path) -> None:
    draft = cohort_draft(body({"Cohort name": "Peer group ```` @everyone"}), set())
    assert draft.ok
    code, out, _ = from_issue(repo, body({"Cohort name": "Peer group ```` @everyone"}))
    assert code == 0
    assert "`````yaml" in out  # the fence is longer than any run of backticks in the file
    hostile = {"Cohort id": "na-summer", "Members": "marcus_bell\nx` [link](https://example.org) `y"}
    code, bad, _ = from_issue(repo, body(hostile))
    assert code == 1
    (line,) = [line for line in bad.splitlines() if line.startswith("- ")]
    assert re.fullmatch(r"- \*\*Members\*\*: `[^`]+`", line), line  # one code span: shown literally


# The workflow --------------------------------------------------------------------------------


def workflow() -> dict[str, object]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # PyYAML 1.1 reads the key `on` as true
    return data


def test_the_workflow_starts_with_no_permissions_and_gives_only_its_job_what_it_needs() -> None:
    data = workflow()
    assert data["permissions"] == {}
    assert data["on"] == {"issues": {"types": ["labeled", "edited"]}}
    (job,) = data["jobs"].values()  # type: ignore[attr-defined]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert "'new-cohort'" in job["if"] and "github.event.issue.state == 'open'" in job["if"]


def test_issue_text_never_reaches_a_script_directly() -> None:
    (job,) = workflow()["jobs"].values()  # type: ignore[attr-defined]
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")
    convert = next(s for s in job["steps"] if s.get("id") == "convert")
    assert convert["env"]["BODY"] == "${{ github.event.issue.body }}"
    assert "--from-issue" in convert["run"]


def test_every_action_is_pinned_by_commit() -> None:
    (job,) = workflow()["jobs"].values()  # type: ignore[attr-defined]
    used = [s["uses"] for s in job["steps"] if "uses" in s]
    assert any(u.startswith("peter-evans/create-pull-request@") for u in used)
    assert all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u) for u in used), used
