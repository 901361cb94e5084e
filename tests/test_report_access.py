"""`playbooks report` without an admin key, the weekly workflow that keeps it as an artifact, and the site that
never shows a member's name."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sales_playbooks.cli import main
from sales_playbooks.cohorts.check import repository_cohorts
from sales_playbooks.loader import load_library
from sales_playbooks.settings import read_settings
from sales_playbooks.site_build import assemble
from tests.cohort_support import FACILITATOR, MEMBERS, OUTSIDER, cohort_env, cohort_text, cohort_topics, write_cohort
from tests.sync_harness import SyncEnv, capture_http

ROOT = Path(__file__).parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "report.yml"
WEEK3 = "2026-03-16"


@dataclass
class Answer:
    code: int
    stdout: str
    stderr: str
    requests: int


def report_as(env: SyncEnv, username: str, *args: str, key: str | None = None) -> Answer:
    """`playbooks report` with one forum user's own API key (not an admin's, unless they are one)."""
    before = len(env.double.requests)
    overrides = {"DISCOURSE_API_KEY": key or env.double.api_key_for(username), "DISCOURSE_API_USERNAME": username}
    with capture_http() as exchanges:
        result = CliRunner().invoke(main, ["report", "--root", str(env.root), *args], env=env.env(**overrides))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    for exchange in exchanges:
        env.spec_problems += env.exchange_problems(exchange)
    return Answer(result.exit_code, result.stdout, result.stderr, len(env.double.requests) - before)


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[SyncEnv]:
    with cohort_env(tmp_path) as env:
        autumn = cohort_text().replace("id: spring", "id: autumn").replace("spring test cohort", "autumn test cohort")
        env.double.add_user("otto.lead")
        write_cohort(env, autumn.replace(FACILITATOR, "otto.lead"), "autumn.yml")
        assert env.run("--today", WEEK3).code == 0
        topics = cohort_topics(env)
        env.double.post_reply(MEMBERS[0], topics["managing-the-pipeline"].id, "We moved our review to Monday mornings.")
        yield env


def weeks(answer: Answer) -> dict[str, list[tuple[str, int, int]]]:
    data = json.loads(answer.stdout)
    return {
        c["cohort"]: [(w["playbook"], w["replies"], w["members_posted"]) for w in c["weeks"]] for c in data["cohorts"]
    }


def test_a_facilitators_key_reports_their_cohort_and_names_the_one_it_cannot_read(forum: SyncEnv) -> None:
    admin = report_as(forum, "sync-bot", "--today", WEEK3, "--format", "json")
    assert admin.code == 0, admin
    assert json.loads(admin.stdout)["unreadable"] == []
    mine = report_as(forum, FACILITATOR, "--today", WEEK3, "--format", "json")
    assert mine.code == 3, mine  # one cohort could not be read; the other is reported all the same
    assert weeks(mine) == {"spring": weeks(admin)["spring"]}
    assert weeks(mine)["spring"][-1] == ("managing-the-pipeline", 1, 1)
    assert json.loads(mine.stdout)["unreadable"] == [
        {"cohort": "autumn", "name": "Peer group: autumn test cohort", "group": "cohort-autumn"}
    ]
    assert "cannot read cohort autumn ('Peer group: autumn test cohort')" in mine.stderr
    assert f"the API user '{FACILITATOR}' is neither" in mine.stderr
    only = report_as(forum, FACILITATOR, "--today", WEEK3, "--cohort", "spring")
    assert only.code == 0 and "Peer group: spring test cohort (spring)" in only.stdout, only
    assert only.requests == 3, only  # one read per released topic, as with an admin's key


def test_a_members_key_and_a_moderators_key_read_what_they_may(forum: SyncEnv) -> None:
    member = report_as(forum, MEMBERS[1], "--today", WEEK3, "--cohort", "spring", "--format", "csv")
    assert member.code == 0, member
    assert member.stdout.splitlines()[-1].startswith("follow-up,spring")
    moderator = report_as(forum, "mod-maria", "--today", WEEK3, "--format", "json")
    assert moderator.code == 0 and set(weeks(moderator)) == {"spring", "autumn"}, moderator


def test_a_key_that_reads_no_cohort_names_them_all_and_a_refused_key_is_a_settings_error(forum: SyncEnv) -> None:
    outsider = report_as(forum, OUTSIDER, "--today", WEEK3)
    assert outsider.code == 3, outsider
    assert "cannot read cohort spring" in outsider.stderr and "cannot read cohort autumn" in outsider.stderr
    refused = report_as(forum, FACILITATOR, "--today", WEEK3, key="not-a-key-" + "0" * 54)
    assert refused.code == 2, refused
    assert "a facilitator of the cohorts (a member of their groups), a moderator or an admin" in refused.stderr
    assert "not-a-key" not in refused.stdout + refused.stderr
    forum.double.suspend_user(FACILITATOR)
    suspended = report_as(forum, FACILITATOR, "--today", WEEK3, "--cohort", "spring")
    assert suspended.code == 2, suspended


def test_without_the_state_file_each_topic_is_found_by_its_external_id(forum: SyncEnv) -> None:
    (forum.root / ".playbooks-sync-state.json").unlink()
    mine = report_as(forum, FACILITATOR, "--today", WEEK3, "--cohort", "spring", "--format", "json")
    assert mine.code == 0, mine
    assert weeks(mine)["spring"][-1] == ("managing-the-pipeline", 1, 1)


# The workflow ---------------------------------------------------------------------------------------


def workflow() -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def test_the_workflow_runs_weekly_and_by_hand_with_its_own_secret() -> None:
    data = workflow()
    triggers = data[True]  # YAML 1.1 reads the key `on` as true
    assert isinstance(triggers, dict) and set(triggers) == {"schedule", "workflow_dispatch"}
    assert re.fullmatch(r"\d+ \d+ \* \* [0-6]", triggers["schedule"][0]["cron"])  # once a week
    assert data["permissions"] == {}
    (job,) = data["jobs"].values()  # type: ignore[union-attr]
    assert job["environment"] == "forum" and job["permissions"] == {"contents": "read"}
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "DISCOURSE_API_KEY: ${{ secrets.DISCOURSE_REPORT_API_KEY }}" in text
    assert "secrets.DISCOURSE_API_KEY" not in text  # never the sync's admin key


def test_the_report_is_an_artifact_never_a_page() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    steps = workflow()["jobs"]["report"]["steps"]  # type: ignore[index]
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "engagement-report/" and int(upload["with"]["retention-days"]) <= 90
    assert "pages" not in text.lower().replace("github pages", "") and "deploy" not in text
    assert "docs/" not in text and "site/" not in text and "mkdocs" not in text
    pinned = re.findall(r"uses: ([\w/.-]+)@([0-9a-f]+) # v", text)
    assert pinned and all(len(sha) == 40 for _, sha in pinned)
    others = "".join(p.read_text(encoding="utf-8") for p in WORKFLOW.parent.glob("*.yml") if p != WORKFLOW)
    assert [a for a, sha in pinned if f"{a}@{sha}" not in others] == ["actions/upload-artifact"]


def test_no_member_name_reaches_the_public_site(tmp_path: Path) -> None:
    """The site never reads peer-groups/, and the pages it makes for facilitators name nobody."""
    settings = read_settings(ROOT)
    library = load_library(settings).library
    cohorts = repository_cohorts(settings, library).cohorts
    names = {name for c in cohorts for name in c.everyone}
    assert names
    built = assemble(settings, "2027-01-04")
    assert built.site is not None, built.messages()
    pages = dict(built.site.pages)
    pages.update({p.relative_to(ROOT / "docs").as_posix(): p.read_text("utf-8") for p in (ROOT / "docs").rglob("*.md")})
    leaks = [(uri, name) for uri, text in pages.items() for name in names if re.search(rf"\b{re.escape(name)}\b", text)]
    assert leaks == []
