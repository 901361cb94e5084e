"""`playbooks report`: each cohort's engagement, week by week, and whom the facilitator should follow up.

It needs no admin key: a facilitator's key (they are in the cohort's group) or a moderator's reads the cohort's
topics. Cohorts whose topics the key cannot open are named, and the others are reported all the same.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..cohorts.check import repository_cohorts
from ..cohorts.model import Cohort, resolve_today
from ..errors import errors_in
from ..loader import load_library
from ..report import CohortReport, Posts, cohort_report, report_csv, report_json
from ..settings import read_settings
from ..sync.client import ForumClient
from ..sync.reading import Reader
from ..sync.state import STATE_FILE, SyncState, load_state
from ..sync.transport import CredentialsError
from .common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_PARTIAL,
    err_console,
    format_option,
    out_console,
    print_problems,
    root_option,
    state_file_option,
    today_option,
)
from .forum_access import forum_client, forum_config, forum_failures


def read_cohort(reader: Reader, state: SyncState, cohort: Cohort, today: dt.date | None) -> CohortReport:
    """One cohort's report: every released week's topic read in full (found by its external_id)."""
    schedule = cohort.schedule(resolve_today(cohort, today))
    topics: dict[str, Posts | None] = {}
    for release in schedule.released:
        external_id = cohort.external_id(release.playbook_id)
        record = state.topics.get(external_id)
        topic = reader.find(external_id, record.topic_id if record else None)
        topics[release.playbook_id] = (
            Posts(topic.id, tuple(p.username for p in topic.replies)) if topic is not None else None
        )
    return cohort_report(schedule, topics)


KEY_HINT = (
    "the key must be valid for that username, and the user active and unsuspended: a facilitator of the "
    "cohorts (a member of their groups), a moderator or an admin"
)


def read_cohorts(
    client: ForumClient, state: SyncState, cohorts: list[Cohort], today: dt.date | None
) -> tuple[list[CohortReport], list[Cohort]]:
    """The reports of the cohorts the API user can read, and the cohorts it cannot.

    Discourse answers a topic the user may not see with 404 when it is read by id, and with the same 403 as a
    bad key when it is looked up by its external_id. Once the key has read a cohort it is known to work; before
    that, one read every user may make (the category list) tells which.
    """
    reader, reports, unreadable, proven = Reader(client), [], [], False
    for cohort in cohorts:
        try:
            reports.append(read_cohort(reader, state, cohort, today))
            proven = True
        except CredentialsError as exc:
            if not exc.path.startswith("/t/external_id/"):
                raise  # a topic one may not see is a 404 when read by id: this refusal is the key's own
            if not proven:
                client.categories()  # raises CredentialsError again when the key itself is refused
                proven = True
            unreadable.append(cohort)
    return reports, unreadable


def unreadable_message(cohort: Cohort, username: str) -> str:
    return (
        f"playbooks report: cannot read cohort {cohort.id} ('{cohort.name}'): its topics are private to the "
        f"group {cohort.group_name} and the forum's staff, and the API user '{username}' is neither; use the key "
        "of one of its facilitators or of a moderator, or leave it out with --cohort"
    )


def print_tables(console: Console, reports: list[CohortReport]) -> None:
    for r in reports:
        table = Table(title=f"{r.name} ({r.cohort_id}), as of {r.today}", title_justify="left")
        table.add_column("Week", justify="right")
        table.add_column("Released")
        table.add_column("Playbook")
        table.add_column("Replies", justify="right")
        table.add_column("Members who posted", justify="right")
        for w in r.weeks:
            replies = str(w.replies) if w.topic_id is not None else "no topic yet"
            table.add_row(
                str(w.week), w.release_date, w.playbook_id, replies, f"{len(w.members_posted)}/{len(r.members)}"
            )
        if not r.weeks:
            table.add_row("", "", "nothing released yet", "", "")
        console.print(table)
        if r.follow_up:
            console.print(f"Follow up with (no post in the last two topics): {', '.join(r.follow_up)}", markup=False)
        elif r.weeks:
            console.print("Every member posted in at least one of the last two topics.", markup=False)
        console.print()


@click.command()
@root_option
@today_option("Report")
@click.option("--cohort", "only", multiple=True, metavar="ID", help="Only this cohort id (repeatable).")
@format_option("table", "csv", "json")
@state_file_option("The sync's state file, read for topic ids", STATE_FILE)
def report(root: Path, today: dt.date | None, only: tuple[str, ...], fmt: str, state_file: Path | None) -> None:
    """For each cohort and released playbook: replies and the members who posted; and the members who
    posted in none of the last two released topics (the facilitator's follow-up list).

    Reads the forum with the same settings as `playbooks sync`, and any key that can read the cohorts'
    topics: a facilitator's (a member of the cohort's group), a moderator's or an admin's; changes nothing.
    Exit status: 0 done, 1 invalid cohort files or unknown --cohort, 2 settings or credentials, 3 forum
    errors, or a cohort the key cannot read (named on standard error; the others are still reported).

    \b
    Examples:
      playbooks report
      playbooks report --cohort emea-nov --format csv
    """
    errors = err_console()
    settings = read_settings(root)
    loaded = repository_cohorts(settings, load_library(settings).library)
    if errors_in(loaded.problems):
        print_problems(loaded.problems, errors)
        sys.exit(EXIT_INVALID)
    chosen = [c for c in loaded.cohorts if not only or c.id in only]
    unknown = sorted(set(only) - {c.id for c in loaded.cohorts})
    if unknown:
        errors.print(f"playbooks report: no cohort has the id {', '.join(unknown)}", markup=False)
        sys.exit(EXIT_INVALID)
    config = forum_config("report", settings, errors)
    state = load_state(state_file or (settings.root / STATE_FILE), config.forum_url)
    client = forum_client(config)
    with forum_failures("report", errors, config.forum_url, key_hint=KEY_HINT):
        reports, unreadable = read_cohorts(client, state, chosen, today)
    for cohort in unreadable:
        errors.print(unreadable_message(cohort, config.api_username), markup=False)
    if fmt == "json":
        closed = [{"cohort": c.id, "name": c.name, "group": c.group_name} for c in unreadable]
        click.echo(json.dumps({"cohorts": report_json(reports), "unreadable": closed}, indent=2))
    elif fmt == "csv":
        click.echo(report_csv(reports), nl=False)
    else:
        print_tables(out_console(), reports)
    sys.exit(EXIT_PARTIAL if unreadable else EXIT_OK)
