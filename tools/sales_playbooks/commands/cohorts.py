"""`playbooks cohorts`: each cohort's schedule as a table or JSON, or its calendar file. Reads the repository only."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from ..cohorts.check import repository_cohorts
from ..cohorts.model import Schedule, schedule_for
from ..errors import errors_in
from ..identity import topic_url
from ..links import page_url
from ..loader import load_library
from ..model import Library
from ..settings import Settings, read_settings
from .calendars import ics_option, write_calendars
from .cohort_issue import from_issue
from .common import (
    EXIT_INVALID,
    EXIT_OK,
    err_console,
    format_option,
    now_option,
    out_console,
    print_problems,
    refuse_both,
    root_option,
    today_option,
)


def status(schedule: Schedule, week: int) -> str:
    """A week's state; a finished cohort has no current week, only released ones."""
    current, upcoming = schedule.current, schedule.next
    if any(r.week == week for r in schedule.released):
        return "released (current)" if current is not None and week == current.week else "released"
    return "next" if upcoming is not None and week == upcoming.week else "upcoming"


def schedule_json(schedule: Schedule, library: Library, settings: Settings) -> dict[str, Any]:
    """The schedule for other tools: no call link (it belongs in the cohort's calendar file only)."""
    cohort, by_id = schedule.cohort, library.by_id()
    sessions = {s.release.week: s for s in cohort.sessions()}
    meets = cohort.meets
    weeks = []
    for r in cohort.releases():
        playbook, session = by_id.get(r.playbook_id), sessions.get(r.week)
        external_id = cohort.external_id(r.playbook_id)
        weeks.append(
            {
                "week": r.week,
                "date": r.date.isoformat(),
                "release_at": cohort.release_moment(r).isoformat(),
                "playbook": r.playbook_id,
                "title": playbook.title if playbook else r.playbook_id,
                "external_id": external_id,
                "status": status(schedule, r.week),
                "page_url": page_url(settings.site_url, playbook.page_uri) if playbook and settings.site_url else None,
                "topic_url": topic_url(settings.forum.url, external_id) if settings.forum.url else None,
                "meeting": {"start": session.start.isoformat(), "end": session.end.isoformat()} if session else None,
            }
        )
    return {
        "id": cohort.id,
        "name": cohort.name,
        "group": cohort.group_name,
        "status": schedule.status,
        "timezone": cohort.timezone,
        "cadence_days": cohort.cadence_days,
        "release_time": cohort.release_at.strftime("%H:%M"),
        "meets": (
            {"weekday": meets.day_name, "time": meets.start.strftime("%H:%M"), "minutes": meets.minutes}
            if meets
            else None
        ),
        "track": cohort.track,
        "notify": cohort.notify,
        "facilitators": list(cohort.facilitators),
        "members": list(cohort.members),
        "today": schedule.today.isoformat(),
        "now": schedule.at.isoformat() if schedule.at else None,
        "weeks": weeks,
    }


def schedule_table(schedule: Schedule, library: Library) -> Table:
    cohort, titles = schedule.cohort, {p.id: p.title for p in library.playbooks}
    every = "weekly" if cohort.cadence_days == 7 else f"every {cohort.cadence_days} days"
    track = f", track {cohort.track}" if cohort.track else ""
    table = Table(
        title=f"{cohort.name} ({cohort.id})",
        caption=(
            f"group {cohort.group_name}: {len(cohort.facilitators)} facilitator(s), {len(cohort.members)} member(s); "
            f"{every} from {cohort.start.isoformat()}, {cohort.timezone}{track}; "
            f"today is {schedule.today.isoformat()}; {schedule.status}"
        ),
        title_justify="left",
        caption_justify="left",
    )
    table.add_column("Week", justify="right")
    table.add_column("Release date")
    table.add_column("Playbook")
    table.add_column("Status")
    styles = {"released": "dim", "released (current)": "bold green", "next": "cyan", "upcoming": ""}
    for release in cohort.releases():
        state = status(schedule, release.week)
        title = titles.get(release.playbook_id, release.playbook_id)
        table.add_row(str(release.week), release.date.strftime("%a %Y-%m-%d"), title, state, style=styles[state])
    return table


@click.command("cohorts")
@root_option
@today_option("Show the schedule")
@now_option("Show the schedule")
@format_option("table", "json")
@ics_option
@click.option(
    "--from-issue",
    "issue_body",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    metavar="FILE",
    help="Write peer-groups/<id>.yml from a new-cohort issue's body (saved in FILE), checked as `validate` "
    "checks it; print markdown for the pull request, or the problems for the issue.",
)
def cohorts(
    root: Path, today: dt.date | None, now: dt.datetime | None, fmt: str, ics: Path | None, issue_body: Path | None
) -> None:
    """Print each cohort's schedule: week, release date, playbook, and whether it is released.

    Week n is released on start + (n - 1) x cadence at its release_at time (08:00 unless the file
    says otherwise) in the cohort's own time zone; --today counts whole dates instead. --ics DIR
    writes one calendar file per cohort instead of printing. Exits 1 when a cohort file has errors
    (the same ones `playbooks validate` reports).

    \b
    Examples:
      playbooks cohorts
      playbooks cohorts --format json
      playbooks cohorts --ics calendars/
    """
    refuse_both(today, now)
    settings = read_settings(root)
    library = load_library(settings).library
    if issue_body is not None:
        sys.exit(from_issue(issue_body, settings, library))
    loaded = repository_cohorts(settings, library)
    if errors_in(loaded.problems):
        print_problems(loaded.problems, err_console())
        sys.exit(EXIT_INVALID)
    if ics is not None:
        sys.exit(write_calendars(ics, loaded.cohorts, library, settings, today, now))
    schedules = [schedule_for(c, today, now) for c in loaded.cohorts]
    if fmt == "json":
        click.echo(json.dumps({"cohorts": [schedule_json(s, library, settings) for s in schedules]}, indent=2))
        sys.exit(EXIT_OK)
    console = out_console()
    if not schedules:
        console.print(f"No cohorts: add one file per cohort to {settings.peer_groups_dir.name}/.", markup=False)
    for schedule in schedules:
        console.print(schedule_table(schedule, library))
        console.print()
    sys.exit(EXIT_OK)
