"""The optional meeting fields of a cohort file: meets, call_url and release_at, each checked at its place."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from sales_playbooks.cohorts.load import load_cohorts
from sales_playbooks.cohorts.meeting_fields import call_url_problem, duration_minutes, weekday
from sales_playbooks.cohorts.model import Meeting
from sales_playbooks.errors import Severity

CORPUS = Path(__file__).parent / "corpus" / "cohorts"
IDS = frozenset({"first-90-days", "coaching-cadence"})
HEAD = """\
id: spring
name: "Peer group: spring"
facilitators: [dana.whitfield]
members: [marcus_bell]
start: 2027-03-01
timezone: Europe/Berlin
curriculum: [first-90-days, coaching-cadence]
"""


def load(tmp_path: Path, extra: str) -> tuple[list[tuple[str, int, int, Severity]], list[object]]:
    shutil.copy(CORPUS / "tracks.yml", tmp_path / "tracks.yml")
    (tmp_path / "spring.yml").write_text(HEAD + extra, encoding="utf-8")
    out = load_cohorts(tmp_path, IDS, "Playbooks")
    return [(p.code, p.line, p.col, p.severity) for p in out.problems], list(out.cohorts)


def test_a_cohort_with_every_meeting_field(tmp_path: Path) -> None:
    extra = 'meets:\n  weekday: Wednesdays\n  time: "9:30"\n  duration: 90 minutes\n'
    extra += 'call_url: https://meet.example.com/abc-defg-hij\nrelease_at: "07:15"\n'
    problems, cohorts = load(tmp_path, extra)
    assert problems == []
    (cohort,) = cohorts
    assert cohort.meets == Meeting(2, dt.time(9, 30), 90)  # type: ignore[attr-defined]
    assert cohort.call_url == "https://meet.example.com/abc-defg-hij"  # type: ignore[attr-defined]
    assert cohort.release_at == dt.time(7, 15)  # type: ignore[attr-defined]
    assert "meet.example.com" not in repr(cohort)


def test_without_them_a_week_opens_at_eight_and_there_are_no_sessions(tmp_path: Path) -> None:
    problems, cohorts = load(tmp_path, "")
    assert problems == []
    (cohort,) = cohorts
    assert cohort.release_at == dt.time(8, 0) and cohort.meets is None and cohort.sessions() == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("extra", "code", "line", "col"),
    [
        ("meets:\n  weekday: Funday\n  time: '17:00'\n", "bad-weekday", 9, 12),
        ("meets:\n  weekday: Tuesday\n  time: 17:00\n", "bad-time", 10, 9),  # YAML reads it as 1020
        ("meets:\n  weekday: Tuesday\n  time: '24:00'\n", "bad-time", 10, 9),
        ("meets:\n  weekday: Tuesday\n  time: '17:00'\n  duration: 5\n", "bad-duration", 11, 13),
        ("meets:\n  weekday: Tuesday\n  time: '17:00'\n  length: 60\n", "unknown-field", 11, 3),
        ("meets:\n  weekday: Tuesday\n", "missing-field", 9, 3),
        ("meets: Tuesdays at five\n", "wrong-type", 8, 8),
        ("call_url: http://meet.example.com/abc\n", "bad-call-url", 8, 11),
        ("call_url: meet.example.com/abc\n", "bad-call-url", 8, 11),
        ("call_url: 42\n", "wrong-type", 8, 11),
        ("release_at: 8\n", "bad-time", 8, 13),
        ("release_at: '8 am'\n", "bad-time", 8, 13),
        ("relase_at: '08:00'\n", "unknown-field", 8, 1),
    ],
)
def test_each_bad_value_gives_one_error_at_its_place(
    tmp_path: Path, extra: str, code: str, line: int, col: int
) -> None:
    problems, cohorts = load(tmp_path, extra)
    assert problems == [(code, line, col, Severity.ERROR)]
    assert cohorts == []


def test_a_call_link_with_a_password_is_refused_twice(tmp_path: Path) -> None:
    problems, cohorts = load(tmp_path, "call_url: https://dana:secret@meet.example.com/abc\n")
    assert problems == [("bad-call-url", 8, 11, Severity.ERROR), ("email-address", 8, 24, Severity.ERROR)]
    assert cohorts == []


def test_a_meeting_before_its_topic_opens_is_a_warning(tmp_path: Path) -> None:
    # Start on Monday 1 March; the group meets on Mondays at 07:00, before the 08:00 release.
    problems, cohorts = load(tmp_path, "meets:\n  weekday: Monday\n  time: '07:00'\n")
    assert problems == [("meeting-before-release", 9, 3, Severity.WARNING)]
    assert len(cohorts) == 1
    later, _ = load(tmp_path, "meets:\n  weekday: Monday\n  time: '07:00'\nrelease_at: '06:30'\n")
    assert later == []


@pytest.mark.parametrize(
    ("text", "day"), [("Tuesday", 1), ("tuesdays", 1), ("Tue", 1), ("Tues", 1), ("SUNDAY", 6), ("Tu", None)]
)
def test_weekdays(text: str, day: int | None) -> None:
    assert weekday(text) == day


@pytest.mark.parametrize(
    ("value", "minutes"), [(60, 60), ("90 minutes", 90), ("1 hour", 60), ("2h", 120), (10, None), ("5 hours", None)]
)
def test_durations(value: object, minutes: int | None) -> None:
    assert duration_minutes(value) == minutes


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://meet.example.com/abc-defg-hij", True),
        ("https://example.zoom.us/j/123?pwd=abc", True),
        ("https://localhost/x", False),
        ("https://meet.example.com:notaport/x", False),
        ("https://meet.example.com/a b", False),
        ("javascript:alert(1)", False),
    ],
)
def test_call_links(url: str, ok: bool) -> None:
    assert (call_url_problem(url) is None) is ok
