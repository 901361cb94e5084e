"""On-time release in every time zone: each week opens within the hour after its local release time.

The instants come from the real schedule of `.github/workflows/sync.yml`: for cohorts in Chicago,
Berlin, Sydney and Kolkata (a half-hour offset), on daylight-saving days too, the first scheduled run
at or after the release moment releases the week, the run before it does not, and the wait is under
an hour. `playbooks cohorts --now` and `playbooks sync --now` show the same thing end to end.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from click.testing import CliRunner

from sales_playbooks.cli import main
from sales_playbooks.cohorts.model import Cohort
from tests.cohort_support import cohort_env, cohort_topics
from tests.minirepo import copy_repo
from tests.sync_harness import SyncEnv

ROOT = Path(__file__).parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "sync.yml"
UTC = dt.UTC


@functools.cache
def cron_lines() -> tuple[str, ...]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = data[True] if True in data else data["on"]  # PyYAML 1.1 reads the key `on` as true
    return tuple(entry["cron"] for entry in triggers["schedule"])


def field_values(text: str, low: int, high: int) -> set[int]:
    """One cron field: '*', a number, a range 'a-b', or a list of them."""
    if text == "*":
        return set(range(low, high + 1))
    values: set[int] = set()
    for part in text.split(","):
        first, _, last = part.partition("-")
        values |= set(range(int(first), int(last or first) + 1))
    return values


@functools.cache
def daily_slots() -> frozenset[tuple[int, int]]:
    """(hour, minute) of every run in a day, UTC."""
    slots: set[tuple[int, int]] = set()
    for line in cron_lines():
        minute, hour, day, month, weekday = line.split()
        assert (day, month, weekday) == ("*", "*", "*"), f"{line}: the sync runs every day"
        slots |= {(h, m) for h in field_values(hour, 0, 23) for m in field_values(minute, 0, 59)}
    return frozenset(slots)


def scheduled_runs(start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """Every instant the workflow's schedule starts a run between start and end (UTC)."""
    slots = daily_slots()
    runs = []
    day = start.date() - dt.timedelta(days=1)
    while day <= end.date():
        runs += [dt.datetime.combine(day, dt.time(h, m), tzinfo=UTC) for h, m in slots]
        day += dt.timedelta(days=1)
    return sorted(r for r in runs if start <= r <= end)


def first_run_after(moment: dt.datetime) -> dt.datetime:
    return scheduled_runs(moment, moment + dt.timedelta(days=1))[0]


def cohort(zone: str, start: dt.date, release_at: dt.time = dt.time(8, 0)) -> Cohort:
    return Cohort(
        id="tz",
        name="Peer group: time zones",
        path="peer-groups/tz.yml",
        facilitators=("dana.whitfield",),
        members=("marcus_bell",),
        start=start,
        cadence_days=7,
        timezone=zone,
        curriculum=("first-90-days", "coaching-cadence"),
        release_at=release_at,
    )


# (cohort id, zone, week 1's date, release_at, the release moment in UTC, the run that releases it)
CASES = [
    ("chi-spring", "America/Chicago", "2027-03-14", "08:00", "2027-03-14T13:00:00Z", "2027-03-14T13:17:00Z"),
    ("chi-fall", "America/Chicago", "2026-11-01", "08:00", "2026-11-01T14:00:00Z", "2026-11-01T14:17:00Z"),
    ("ber-spring", "Europe/Berlin", "2027-03-28", "08:00", "2027-03-28T06:00:00Z", "2027-03-28T06:17:00Z"),
    ("ber-fall", "Europe/Berlin", "2026-10-25", "08:00", "2026-10-25T07:00:00Z", "2026-10-25T07:17:00Z"),
    ("syd-spring", "Australia/Sydney", "2026-10-04", "08:00", "2026-10-03T21:00:00Z", "2026-10-03T21:17:00Z"),
    ("syd-fall", "Australia/Sydney", "2027-04-04", "08:00", "2027-04-03T22:00:00Z", "2027-04-03T22:17:00Z"),
    ("kolkata", "Asia/Kolkata", "2027-03-28", "08:00", "2027-03-28T02:30:00Z", "2027-03-28T03:17:00Z"),
    ("kolkata-late", "Asia/Kolkata", "2027-03-29", "08:45", "2027-03-29T03:15:00Z", "2027-03-29T03:17:00Z"),
    # 02:30 does not exist in Chicago on 14 March 2027: it is read with the offset before the change.
    ("chi-gap", "America/Chicago", "2027-03-14", "02:30", "2027-03-14T08:30:00Z", "2027-03-14T09:17:00Z"),
    # 01:30 happens twice in Chicago on 1 November 2026: the first one (still daylight time) counts.
    ("chi-fold", "America/Chicago", "2026-11-01", "01:30", "2026-11-01T06:30:00Z", "2026-11-01T07:17:00Z"),
]


def instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(UTC)


def test_the_schedule_starts_a_run_every_hour_and_verifies_once_a_day() -> None:
    day = dt.datetime(2027, 3, 14, tzinfo=UTC)
    runs = scheduled_runs(day, day + dt.timedelta(days=1) - dt.timedelta(seconds=1))
    assert sorted(r.hour for r in runs) == list(range(24))
    workflow = WORKFLOW.read_text(encoding="utf-8")
    daily = [line for line in cron_lines() if line.split()[1].isdigit()]
    assert len(daily) == 1 and f"github.event.schedule == '{daily[0]}' && '--verify'" in workflow


@pytest.mark.parametrize(("cid", "zone", "date", "release_at", "moment", "run"), CASES, ids=[c[0] for c in CASES])
def test_a_week_opens_at_the_first_run_after_its_local_release_time(
    cid: str, zone: str, date: str, release_at: str, moment: str, run: str
) -> None:
    group = cohort(zone, dt.date.fromisoformat(date), dt.time.fromisoformat(release_at))
    week1 = group.releases()[0]
    released_at = group.release_moment(week1)
    assert released_at.astimezone(UTC) == instant(moment)
    assert released_at.astimezone(ZoneInfo(zone)).date() == week1.date
    second = dt.timedelta(seconds=1)
    assert [r.week for r in group.schedule_at(instant(moment) - second).released] == []
    assert [r.week for r in group.schedule_at(instant(moment)).released] == [1]
    found = first_run_after(instant(moment))
    assert found == instant(run)
    assert dt.timedelta(0) <= found - instant(moment) < dt.timedelta(hours=1)
    before = found - dt.timedelta(hours=1)
    assert group.schedule_at(before).released == () and group.schedule_at(found).released[0] == week1


@pytest.mark.parametrize("zone", ["America/Chicago", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata"])
@pytest.mark.parametrize("date", ["2026-10-04", "2026-10-25", "2026-11-01", "2027-03-14", "2027-03-28", "2027-04-04"])
def test_every_release_time_of_the_day_is_met_within_the_hour(zone: str, date: str) -> None:
    for quarter in range(96):
        release_at = dt.time(quarter // 4, 15 * (quarter % 4))
        group = cohort(zone, dt.date.fromisoformat(date), release_at)
        moment = group.release_moment(group.releases()[0]).astimezone(UTC)
        run = first_run_after(moment)
        assert run - moment < dt.timedelta(hours=1), (release_at, moment, run)
        assert [r.week for r in group.schedule_at(run).released] == [1]


COHORT_FILE = """\
id: {cid}
name: "Peer group: {cid}"
facilitators: [dana.whitfield]
members: [marcus_bell, priya.raman]
start: {date}
timezone: {zone}
release_at: "{release_at}"
curriculum: [first-90-days, coaching-cadence]
"""


@pytest.fixture(scope="module")
def zones_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repo(tmp_path_factory.mktemp("zones"))
    folder = root / "peer-groups"
    folder.mkdir()
    shutil.copy(ROOT / "peer-groups" / "tracks.yml", folder / "tracks.yml")
    for cid, zone, date, release_at, _, _ in CASES:
        text = COHORT_FILE.format(cid=cid, zone=zone, date=date, release_at=release_at)
        (folder / f"{cid}.yml").write_text(text, encoding="utf-8")
    return root


def week_one(root: Path, cid: str, now: dt.datetime) -> tuple[str, str]:
    """(the cohort's status, week 1's status) that `playbooks cohorts --now` prints."""
    stamp = now.isoformat().replace("+00:00", "Z")
    result = CliRunner().invoke(main, ["cohorts", "--root", str(root), "--now", stamp, "--format", "json"])
    assert result.exit_code == 0, result.output
    found = {c["id"]: c for c in json.loads(result.output)["cohorts"]}[cid]
    return found["status"], found["weeks"][0]["status"]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_playbooks_cohorts_now_releases_at_that_run_and_not_the_one_before(
    zones_repo: Path, case: tuple[str, ...]
) -> None:
    cid, run = case[0], instant(case[5])
    assert week_one(zones_repo, cid, run - dt.timedelta(hours=1)) == ("upcoming", "next")
    assert week_one(zones_repo, cid, run) == ("running", "released (current)")


def test_now_must_carry_an_offset_and_excludes_today(zones_repo: Path) -> None:
    runner = CliRunner()
    naive = runner.invoke(main, ["cohorts", "--root", str(zones_repo), "--now", "2027-03-14T13:17:00"])
    assert naive.exit_code == 2 and "has no UTC offset" in naive.output
    both = ["cohorts", "--root", str(zones_repo), "--now", "2027-03-14T13:17:00Z", "--today", "2027-03-14"]
    clash = runner.invoke(main, both)
    assert clash.exit_code == 2 and "give --today or --now, not both" in clash.output
    offset = runner.invoke(main, ["cohorts", "--root", str(zones_repo), "--now", "2027-03-14T08:17:00-05:00"])
    assert offset.exit_code == 0


# The sync against the Discourse double ----------------------------------------------------------

# The test cohort (tests/cohort_support.py) is in Europe/Berlin, week 1 on Monday 2 March 2026:
# 08:00 CET is 07:00 UTC.


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[SyncEnv]:
    with cohort_env(tmp_path) as env:
        yield env


def test_the_sync_releases_week_one_at_the_first_hourly_run_after_eight_local(forum: SyncEnv) -> None:
    early = forum.run("--now", "2026-03-02T06:17:00Z")
    assert early.code == 0, early
    assert cohort_topics(forum) == {}
    assert "next      spring week 1  2026-03-02  first-90-days (due from 08:00 CET)" in early.stdout
    on_time = forum.run("--now", "2026-03-02T07:17:00Z")
    assert on_time.code == 0, on_time
    assert sorted(cohort_topics(forum)) == ["first-90-days"]
    again = forum.run("--now", "2026-03-02T08:17:00Z")
    assert again.code == 0 and again.writes == [], again


def test_an_hourly_run_with_nothing_due_only_reads(forum: SyncEnv) -> None:
    """The README's figure: three reads for the public category and the category list, four per cohort."""
    base = forum.run("--now", "2026-03-03T07:17:00Z")  # week 1 exists from here on
    assert base.code == 0, base
    folder = forum.root / "peer-groups"
    text = (folder / "spring.yml").read_text(encoding="utf-8")
    for n in range(2, 6):  # five cohorts in all, each with its own group and category
        more = text.replace("id: spring", f"id: spring{n}").replace("spring test cohort", f"test cohort {n}")
        (folder / f"spring{n}.yml").write_text(more, encoding="utf-8")
    assert forum.run("--now", "2026-03-03T08:17:00Z").code == 0
    for cohorts in (5, 1):
        if cohorts == 1:
            for n in range(2, 6):
                (folder / f"spring{n}.yml").unlink()
        quiet = forum.run("--now", "2026-03-03T09:17:00Z", "--format", "json")
        assert quiet.code == 0, quiet
        assert quiet.writes == [], quiet
        assert len(quiet.requests) <= 3 + 4 * cohorts, quiet
        assert json.loads(quiet.stdout)["requests"]["total"] == len(quiet.requests)
