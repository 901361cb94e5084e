"""`playbooks cohorts --ics DIR`: write each cohort's calendar file, never where the site is published from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..cohorts.calendar import cohort_calendar
from ..cohorts.model import Cohort
from ..fileio import atomic_write_bytes
from ..model import Library
from ..settings import Settings
from .common import EXIT_OK, EXIT_USAGE, err_console, out_console

F = TypeVar("F", bound=Callable[..., Any])
PUBLISHED = ("playbooks", "site", "overrides")  # with the docs folder: what the site is built from or into


def ics_option(command: F) -> F:
    return click.option(
        "--ics",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        metavar="DIR",
        help="Write one iCalendar file per cohort (<id>.ics) into DIR instead of printing the schedule. "
        "The files carry the call link: share them with the cohort only.",
    )(command)


def published_folder(folder: Path, settings: Settings) -> Path | None:
    """The published folder that `folder` is in (the docs, the playbooks, the built site), if any."""
    target = folder.resolve()
    for name in (settings.docs_dir, *PUBLISHED):
        published = (settings.root / name).resolve()
        if target == published or published in target.parents:
            return published
    return None


def stamp_for(today: dt.date | None, now: dt.datetime | None) -> dt.datetime:
    """When the files are made, as every event's DTSTAMP: --now, midnight UTC of --today, or the clock."""
    if now is not None:
        return now.astimezone(dt.UTC)
    if today is not None:
        return dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def write_calendars(
    folder: Path,
    cohorts: list[Cohort],
    library: Library,
    settings: Settings,
    today: dt.date | None,
    now: dt.datetime | None,
) -> int:
    """Write <id>.ics for every cohort; the exit status. Refuses a folder the site is published from."""
    errors = err_console()
    published = published_folder(folder, settings)
    if published is not None:
        errors.print(
            f"{folder}: refused: it is inside {published.name}/, which the site is built from or into, and a "
            "calendar file carries the cohort's call link. Write the files somewhere else, e.g. a folder outside "
            "the repository; nothing was written",
            markup=False,
        )
        return EXIT_USAGE
    if folder.exists() and not folder.is_dir():
        errors.print(f"{folder}: not a folder; nothing was written", markup=False)
        return EXIT_USAGE
    stamp = stamp_for(today, now)
    playbooks = library.by_id()
    # Every file is made before the first one is written, so a failure leaves no half-written set.
    made = [
        (cohort, cohort_calendar(cohort, playbooks, stamp, settings.site_url, settings.forum.url)) for cohort in cohorts
    ]
    folder.mkdir(parents=True, exist_ok=True)
    console = out_console()
    for cohort, calendar in made:
        path = folder / f"{cohort.id}.ics"
        atomic_write_bytes(path, calendar.to_ical())
        what = f"{len(cohort.sessions())} session(s)" if cohort.meets else f"{len(cohort.releases())} release date(s)"
        console.print(f"wrote     {path} ({what}, {cohort.timezone})", markup=False)
    if not made:
        console.print(f"No cohorts: add one file per cohort to {settings.peer_groups_dir.name}/.", markup=False)
    return EXIT_OK
