"""The cohort model without a forum: release dates, time zones, topic text, and the rules' edge cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from sales_playbooks.cohorts import rules
from sales_playbooks.cohorts.model import Cohort, resolve_today
from sales_playbooks.cohorts.render import cohort_post, cohort_title
from sales_playbooks.identity import is_valid_external_id
from sales_playbooks.loader import load_library
from sales_playbooks.settings import read_settings

ROOT = Path(__file__).parent.parent
SITE = "https://example.org/playbooks/"


def cohort(timezone: str = "Europe/Berlin", cadence: int = 7, start: dt.date = dt.date(2026, 3, 2)) -> Cohort:
    return Cohort(
        id="spring",
        name="Peer group: spring",
        path="peer-groups/spring.yml",
        facilitators=("dana.whitfield",),
        members=("marcus_bell", "Dana.Whitfield", "priya.raman"),
        start=start,
        cadence_days=cadence,
        timezone=timezone,
        curriculum=("first-90-days", "coaching-cadence", "managing-the-pipeline"),
    )


def test_week_n_is_released_on_start_plus_n_minus_one_cadences() -> None:
    dates = [(r.week, r.playbook_id, r.date.isoformat()) for r in cohort(cadence=14).releases()]
    assert dates == [
        (1, "first-90-days", "2026-03-02"),
        (2, "coaching-cadence", "2026-03-16"),
        (3, "managing-the-pipeline", "2026-03-30"),
    ]


@pytest.mark.parametrize(
    ("day", "released", "following"),
    [
        ("2026-03-01", [], 1),
        ("2026-03-02", [1], 2),
        ("2026-03-08", [1], 2),
        ("2026-03-09", [1, 2], 3),
        ("2026-04-30", [1, 2, 3], None),
    ],
)
def test_schedule_splits_at_the_day(day: str, released: list[int], following: int | None) -> None:
    schedule = cohort().schedule(dt.date.fromisoformat(day))
    assert [r.week for r in schedule.released] == released
    assert (schedule.next.week if schedule.next else None) == following


def test_the_cohorts_time_zone_decides_when_a_week_is_due() -> None:
    # 23:30 UTC on Sunday 8 March: already Monday in Berlin, still Sunday in Chicago.
    now = dt.datetime(2026, 3, 8, 23, 30, tzinfo=dt.UTC)
    berlin, chicago = cohort("Europe/Berlin"), cohort("America/Chicago")
    assert [r.week for r in berlin.schedule(resolve_today(berlin, None, now)).released] == [1, 2]
    assert [r.week for r in chicago.schedule(resolve_today(chicago, None, now)).released] == [1]
    assert resolve_today(chicago, dt.date(2026, 3, 9), now) == dt.date(2026, 3, 9)  # --today wins
    midnight = replace(berlin, release_at=dt.time(0, 0))  # release_at is 08:00 unless the file says otherwise
    moment = midnight.release_moment(berlin.releases()[1])
    assert moment.isoformat() == "2026-03-09T00:00:00+01:00"
    assert berlin.release_moment(berlin.releases()[1]).isoformat() == "2026-03-09T08:00:00+01:00"


def test_group_members_are_facilitators_then_members_without_repeats() -> None:
    assert cohort().everyone == ("dana.whitfield", "marcus_bell", "priya.raman")
    assert cohort().group_name == "cohort-spring"


def test_cohort_topic_has_welcome_summary_questions_checklist_and_link() -> None:
    library = load_library(read_settings(ROOT)).library
    playbook = library.by_id()["coaching-cadence"]
    group = cohort()
    week2, week3 = group.releases()[1], group.releases()[2]
    raw = cohort_post(group, week2, playbook, SITE, (week3, library.by_id()["managing-the-pipeline"]))
    assert raw.startswith("Welcome to week 2 of **Peer group: spring**.")
    assert f"> {playbook.summary}" in raw
    for question in playbook.body.questions[:1]:
        assert f"1. {question.split('](')[0]}" in raw
    assert raw.count("- [ ] ") == len(playbook.body.checklist)
    assert f"]({SITE}playbooks/coaching-cadence/)" in raw
    assert "Next, on 16 March 2026: **Managing the pipeline with your sellers**." in raw
    assert ".md)" not in raw and "{:" not in raw
    assert (
        cohort_title(group, week2, playbook) == "Week 2: Coaching your team: cadence and structure · Peer group: spring"
    )
    assert all(is_valid_external_id(group.external_id(p)) for p in group.curriculum)


@pytest.mark.parametrize(
    ("text", "days"),
    [("weekly", 7), ("Fortnightly", 14), ("daily", 1), ("3 weeks", 21), ("10 days", 10), (5, 5)],
)
def test_cadence_forms(text: object, days: int) -> None:
    assert rules.cadence_days(text) == days


@pytest.mark.parametrize("text", ["monthly", "0 days", "9 weeks", True, 61, "weekly-ish", None])
def test_bad_cadences(text: object) -> None:
    assert rules.cadence_days(text) is None


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("marcus_bell", True),
        ("dana.whitfield", True),
        ("jo", False),
        ("@marcus", False),
        ("a..b", False),
        ("name-", False),
        ("x" * 21, False),
        ("tom okonkwo", False),
    ],
)
def test_usernames_follow_discourse_rules(name: str, ok: bool) -> None:
    assert (rules.username_problem(name) is None) is ok


@pytest.mark.parametrize("text", ["a@b.co", "First.Last+tag@mail.example.org", "x@sub-domain.example"])
def test_email_addresses_are_found(text: str) -> None:
    assert [found for *_, found in rules.email_addresses(f"see {text} now")] == [text]


def test_handles_and_usernames_are_not_email_addresses() -> None:
    assert list(rules.email_addresses("owner: '@example-org/coaching'\n  - dana.whitfield\n")) == []


def test_time_zones() -> None:
    assert rules.timezone_problem("America/Chicago") is None
    assert rules.timezone_problem("UTC") is None
    for bad in ("Mars/Olympus", "", "../etc/passwd", " Europe/Berlin"):
        assert rules.timezone_problem(bad) is not None
