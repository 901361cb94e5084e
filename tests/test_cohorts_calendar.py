"""`playbooks cohorts --ics DIR`: calendar files parsed back with icalendar, across a daylight-saving change.

The North American cohort meets on Tuesdays at 17:00 Chicago time from January to March 2027; the
clocks there go forward on 14 March, so its sessions move from 23:00 to 22:00 UTC while staying
at 17:00 local time. The call link is in the calendar file and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import grimp
import pytest
from click.testing import CliRunner
from icalendar import Calendar, Event

from sales_playbooks.cli import main
from sales_playbooks.cohorts.check import repository_cohorts
from sales_playbooks.cohorts.render import cohort_post
from sales_playbooks.loader import load_library
from sales_playbooks.settings import read_settings
from tests.cohort_support import OUTSIDER, cohort_env, cohort_text, cohort_topics, get_as, write_cohort
from tests.minirepo import copy_repo

ROOT = Path(__file__).parent.parent
CALL = "https://meet.example.com/j/8675309"
SITE = "https://sales-leader-playbooks.github.io/playbooks/"
FORUM = "https://forum.sales-leader-playbooks.org"
CHICAGO = ZoneInfo("America/Chicago")
NOW = "2027-01-04T12:00:00Z"
MEETS = f"""\
meets:
  weekday: Tuesday
  time: "17:00"
  duration: 75
call_url: {CALL}
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, with the winter cohort given a Tuesday meeting and a call link."""
    root = copy_repo(tmp_path_factory.mktemp("ics"))
    shutil.copytree(ROOT / "peer-groups", root / "peer-groups")
    winter = root / "peer-groups" / "na-winter.yml"
    winter.write_text(winter.read_text(encoding="utf-8") + MEETS, encoding="utf-8")
    return root


def write_ics(root: Path, folder: Path, now: str = NOW) -> dict[str, Calendar]:
    result = CliRunner().invoke(main, ["cohorts", "--root", str(root), "--ics", str(folder), "--now", now])
    assert result.exit_code == 0, result.output
    return {p.stem: Calendar.from_ical(p.read_bytes()) for p in sorted(folder.glob("*.ics"))}


def events(calendar: Calendar) -> list[Event]:
    return sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))


def test_one_event_per_session_in_the_cohorts_zone_across_the_dst_change(repo: Path, tmp_path: Path) -> None:
    calendars = write_ics(repo, tmp_path / "out")
    assert sorted(calendars) == ["emea-nov", "na-winter"]
    winter = calendars["na-winter"]
    winter.validate()
    assert [str(tz["TZID"]) for tz in winter.walk("VTIMEZONE")] == ["America/Chicago"]
    assert str(winter["X-WR-CALNAME"]) == "Peer group: North America, winter 2027"
    sessions = events(winter)
    assert len(sessions) == 12
    library = load_library(read_settings(repo)).library.by_id()
    tracks = (repo / "peer-groups" / "tracks.yml").read_text(encoding="utf-8")
    first_day = dt.date(2027, 1, 12)  # the first Tuesday on or after the start, Monday 11 January
    for week, event in enumerate(sessions, 1):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert start.tzinfo is not None and start.tzinfo.utcoffset(start) == start.astimezone(CHICAGO).utcoffset()
        local = start.astimezone(CHICAGO)
        assert (local.date(), local.time()) == (first_day + dt.timedelta(weeks=week - 1), dt.time(17, 0))
        assert end - start == dt.timedelta(minutes=75)
        assert event["DTSTART"].params["TZID"] == "America/Chicago"
        playbook_id = str(event["UID"]).split("@")[0].removeprefix("cg_na-winter_")
        assert f"  - {playbook_id}" in tracks
        title = library[playbook_id].title
        assert str(event["SUMMARY"]) == f"Week {week}: {title} · Peer group: North America, winter 2027"
        text = str(event["DESCRIPTION"])
        assert f"{SITE}playbooks/{playbook_id}/" in text
        assert f"{FORUM}/t/external_id/cg_na-winter_{playbook_id}" in text
        assert str(event["LOCATION"]) == CALL and str(event["URL"]) == CALL and CALL in text
    utc_hours = [e.decoded("dtstart").astimezone(dt.UTC).hour for e in sessions]
    assert utc_hours[:9] == [23] * 9 and utc_hours[9:] == [22] * 3  # clocks go forward on 14 March 2027
    assert len({str(e["UID"]) for e in sessions}) == 12


def test_uids_are_stable_so_a_new_import_updates_the_events(repo: Path, tmp_path: Path) -> None:
    first = write_ics(repo, tmp_path / "a")["na-winter"]
    later = write_ics(repo, tmp_path / "b", now="2027-02-01T09:30:00Z")["na-winter"]
    assert [str(e["UID"]) for e in events(first)] == [str(e["UID"]) for e in events(later)]
    assert {e.decoded("dtstamp") for e in events(later)} == {dt.datetime(2027, 2, 1, 9, 30, tzinfo=dt.UTC)}
    again = tmp_path / "c"
    write_ics(repo, again)
    assert (again / "na-winter.ics").read_bytes() == (tmp_path / "a" / "na-winter.ics").read_bytes()


def test_a_cohort_without_meetings_gets_its_release_dates(repo: Path, tmp_path: Path) -> None:
    emea = write_ics(repo, tmp_path / "out")["emea-nov"]
    days = [e.decoded("dtstart") for e in events(emea)]
    assert days == [dt.date(2026, 11, 2) + dt.timedelta(weeks=n) for n in range(6)]
    assert all(e.decoded("dtend") - e.decoded("dtstart") == dt.timedelta(days=1) for e in events(emea))
    assert [str(tz["TZID"]) for tz in emea.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert all("LOCATION" not in e for e in events(emea))


def test_calendar_files_are_never_written_where_the_site_is_published_from(repo: Path) -> None:
    for inside in ("docs/calendars", "playbooks", "site/cohorts"):
        result = CliRunner().invoke(main, ["cohorts", "--root", str(repo), "--ics", str(repo / inside)])
        assert result.exit_code == 2, result.output
        assert "refused" in result.output and "nothing was written" in result.output
        assert not list((repo / inside.split("/")[0]).rglob("*.ics"))


def test_the_call_link_stays_out_of_the_schedule_json_and_every_forum_post(repo: Path) -> None:
    result = CliRunner().invoke(main, ["cohorts", "--root", str(repo), "--now", NOW, "--format", "json"])
    assert result.exit_code == 0 and CALL not in result.output
    winter = {c["id"]: c for c in json.loads(result.output)["cohorts"]}["na-winter"]
    assert winter["meets"] == {"weekday": "Tuesday", "time": "17:00", "minutes": 75}
    assert winter["weeks"][9]["meeting"] == {"start": "2027-03-16T17:00:00-05:00", "end": "2027-03-16T18:15:00-05:00"}
    settings = read_settings(repo)
    library = load_library(settings).library
    cohort = next(c for c in repository_cohorts(settings, library).cohorts if c.id == "na-winter")
    assert cohort.call_url == CALL
    by_id, releases = library.by_id(), cohort.releases()
    for release in releases:
        raw = cohort_post(cohort, release, by_id[release.playbook_id], SITE, None)
        assert CALL not in raw and "meet.example.com" not in raw


def test_the_welcome_topic_carries_the_schedule(repo: Path) -> None:
    settings = read_settings(repo)
    library = load_library(settings).library
    cohort = next(c for c in repository_cohorts(settings, library).cohorts if c.id == "na-winter")
    week1, week2 = cohort.releases()[:2]
    by_id = library.by_id()
    raw = cohort_post(cohort, week1, by_id[week1.playbook_id], SITE, (week2, by_id[week2.playbook_id]))
    assert "## Schedule" in raw
    assert "| 1 | Mon 11 Jan 2027, 08:00 | Tue 12 Jan 2027, 17:00–18:15 |" in raw
    assert "| 12 | Mon 29 Mar 2027, 08:00 | Tue 30 Mar 2027, 17:00–18:15 |" in raw
    assert "All times are America/Chicago time." in raw
    assert "The link to join the call is in that calendar file; it is never posted in the forum." in raw
    later = cohort_post(cohort, week2, by_id[week2.playbook_id], SITE, None)
    assert "## Schedule" not in later


def test_the_site_never_reads_cohort_files() -> None:
    """The call link lives in peer-groups/; no module that builds the site imports the cohort code."""
    graph = grimp.build_graph("sales_playbooks")
    site_side = [m for m in graph.modules if m.startswith("sales_playbooks.site")]
    site_side += ["sales_playbooks.pages", "sales_playbooks.render_page"]
    reached = [m for m in site_side if graph.chain_exists(m, "sales_playbooks.cohorts", as_packages=True)]
    assert reached == []


def test_no_forum_post_carries_the_call_link_and_week_one_has_the_schedule(tmp_path: Path) -> None:
    with cohort_env(tmp_path) as forum:
        write_cohort(forum, cohort_text() + MEETS)
        run = forum.run("--now", "2026-03-10T07:17:00Z")  # weeks 1 and 2 are out (Berlin, from 2 March)
        assert run.code == 0, run
        topics = cohort_topics(forum)
        assert sorted(topics) == ["coaching-cadence", "first-90-days"]
        for topic in forum.double.topics(include_deleted=False):
            for post in forum.double.posts_of(topic.id):
                assert "meet.example.com" not in post.raw, topic.title
        welcome = forum.first_raw(topics["first-90-days"].id)
        assert "| 1 | Mon 2 Mar 2026, 08:00 | Tue 3 Mar 2026, 17:00–18:15 |" in welcome
        assert "All times are Europe/Berlin time." in welcome and "calendar file" in welcome
        assert "## Schedule" not in forum.first_raw(topics["coaching-cadence"].id)
        assert get_as(forum, OUTSIDER, f"/t/{topics['first-90-days'].id}.json").status_code == 404
