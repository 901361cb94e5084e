"""`playbooks cohorts`: each cohort's release schedule as a table. Reads the repository only."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from ..cohorts.check import repository_cohorts
from ..cohorts.model import Schedule, resolve_today
from ..errors import errors_in
from ..loader import load_library
from ..model import Library
from ..settings import read_settings
from .common import (
    EXIT_INVALID,
    EXIT_OK,
    err_console,
    format_option,
    out_console,
    print_problems,
    root_option,
    today_option,
)


def status(schedule: Schedule, week: int) -> str:
    current, upcoming = schedule.current, schedule.next
    if current is not None and week == current.week:
        return "released (current)"
    if current is not None and week < current.week:
        return "released"
    return "next" if upcoming is not None and week == upcoming.week else "upcoming"


def schedule_json(schedule: Schedule, library: Library) -> dict[str, Any]:
    cohort, titles = schedule.cohort, {p.id: p.title for p in library.playbooks}
    return {
        "id": cohort.id,
        "name": cohort.name,
        "group": cohort.group_name,
        "timezone": cohort.timezone,
        "cadence_days": cohort.cadence_days,
        "track": cohort.track,
        "facilitators": list(cohort.facilitators),
        "members": len(cohort.members),
        "today": schedule.today.isoformat(),
        "weeks": [
            {
                "week": r.week,
                "date": r.date.isoformat(),
                "playbook": r.playbook_id,
                "title": titles.get(r.playbook_id, r.playbook_id),
                "external_id": cohort.external_id(r.playbook_id),
                "status": status(schedule, r.week),
            }
            for r in cohort.releases()
        ],
    }


def schedule_table(schedule: Schedule, library: Library) -> Table:
    cohort, titles = schedule.cohort, {p.id: p.title for p in library.playbooks}
    every = "weekly" if cohort.cadence_days == 7 else f"every {cohort.cadence_days} days"
    track = f", track {cohort.track}" if cohort.track else ""
    table = Table(
        title=f"{cohort.name} ({cohort.id})",
        caption=(
            f"group {cohort.group_name}: {len(cohort.facilitators)} facilitator(s), {len(cohort.members)} member(s); "
            f"{every} from {cohort.start.isoformat()}, {cohort.timezone}{track}; today is {schedule.today.isoformat()}"
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
@format_option("table", "json")
def cohorts(root: Path, today: dt.date | None, fmt: str) -> None:
    """Print each cohort's schedule: week, release date, playbook, and whether it is released.

    Release dates are start + (n - 1) x cadence, in the cohort's own time zone. Exits 1 when a
    cohort file has errors (the same ones `playbooks validate` reports).
    """
    settings = read_settings(root)
    library = load_library(settings).library
    loaded = repository_cohorts(settings, library)
    if errors_in(loaded.problems):
        print_problems(loaded.problems, err_console())
        sys.exit(EXIT_INVALID)
    day = today
    schedules = [c.schedule(resolve_today(c, day)) for c in loaded.cohorts]
    if fmt == "json":
        click.echo(json.dumps({"cohorts": [schedule_json(s, library) for s in schedules]}, indent=2))
        sys.exit(EXIT_OK)
    console = out_console()
    if not schedules:
        console.print(f"No cohorts: add one file per cohort to {settings.peer_groups_dir.name}/.", markup=False)
    for schedule in schedules:
        console.print(schedule_table(schedule, library))
        console.print()
    sys.exit(EXIT_OK)
