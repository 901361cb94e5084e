"""The cohort half of `playbooks sync`: each cohort's space, then its topics as they come due.

Week n's topic is created once the cohort's local date reaches its release date; a topic that is
not due does not exist. Each topic is found by its external_id before anything is created, so
re-runs and a lost state file never make a duplicate.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..cohorts.load import CohortsLoaded, load_cohorts
from ..cohorts.model import Cohort, Schedule, schedule_for
from ..cohorts.render import cohort_post, cohort_title
from ..identity import COHORT_PREFIX
from ..model import Library
from ..settings import Settings
from .apply import Applier, Result
from .client import ForumClient
from .cohort_space import Spaces
from .plan import Action, Desired, make_plan
from .remote import RemoteReader
from .state import SyncState


@dataclass
class CohortRun:
    """What the cohort sync did or would do: notes to print, topic actions and their results."""

    notes: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # cohorts whose space could not be made ready
    schedules: list[Schedule] = field(default_factory=list)


def load_for_sync(settings: Settings, library: Library) -> CohortsLoaded:
    """Every cohort in peer-groups/, checked against the library (empty when there is no folder)."""
    return load_cohorts(settings.peer_groups_dir, library.by_id(), settings.forum.category)


def topic_label(cohort: Cohort, week: int, playbook_id: str, root: Path) -> str:
    """How plans and the state file name a cohort topic: its cohort file and week."""
    try:
        shown = Path(os.path.relpath(Path(cohort.path).resolve(), root.resolve())).as_posix()
    except ValueError:
        shown = cohort.path
    return f"{shown} [week {week}: {playbook_id}]"


def due_topics(schedule: Schedule, library: Library, site_url: str, root: Path) -> list[Desired]:
    """The topics that should exist now: one per released week."""
    cohort, by_id = schedule.cohort, library.by_id()
    releases = cohort.releases()
    wanted = []
    for release in schedule.released:
        playbook = by_id[release.playbook_id]
        later = releases[release.week] if release.week < len(releases) else None
        following = (later, by_id[later.playbook_id]) if later is not None else None
        wanted.append(
            Desired(
                key=f"{cohort.id}/{release.playbook_id}",
                external_id=cohort.external_id(release.playbook_id),
                path=topic_label(cohort, release.week, release.playbook_id, root),
                title=cohort_title(cohort, release, playbook),
                tags=None,  # cohort topics carry no tags from the sync; tags added in the forum stay
                raw=cohort_post(cohort, release, playbook, site_url, following),
                category=cohort.name,
            )
        )
    return wanted


def schedule_notes(schedule: Schedule) -> list[str]:
    """The dry run's view of the calendar: what is released now and what comes next, with dates."""
    cohort = schedule.cohort
    total = len(cohort.curriculum)
    head = (
        f"cohort    {cohort.id} '{cohort.name}': {len(schedule.released)} of {total} released "
        f"(today is {schedule.today.isoformat()} in {cohort.timezone})"
    )
    lines = [head]
    for release in schedule.released:
        lines.append(f"released  {cohort.id} week {release.week:<2} {release.date.isoformat()}  {release.playbook_id}")
    upcoming = schedule.next
    if upcoming is not None:
        moment = cohort.release_moment(upcoming).strftime("%H:%M %Z")
        lines.append(
            f"next      {cohort.id} week {upcoming.week:<2} {upcoming.date.isoformat()}  {upcoming.playbook_id} "
            f"(due from {moment})"
        )
    else:
        lines.append(f"complete  {cohort.id}: every week is released")
    return lines


def sync_cohorts(
    client: ForumClient,
    state: SyncState,
    state_path: Path | None,
    settings: Settings,
    library: Library,
    cohorts: list[Cohort],
    site_url: str,
    api_username: str,
    edit_reason: str,
    today: dt.date | None = None,
    prune: bool = False,
    dry_run: bool = False,
    force: bool = False,
    verify: bool = False,
    now: dt.datetime | None = None,
) -> CohortRun:
    """Make each cohort's space ready, then plan and (unless dry_run) apply its due topics."""
    run = CohortRun()
    spaces = Spaces(client, state, dry_run, prune)
    for cohort in cohorts:
        schedule = schedule_for(cohort, today, now)
        run.schedules.append(schedule)
        run.notes += schedule_notes(schedule)
        space = spaces.ensure(cohort)
        run.notes += space.notes
        if space.error is not None:
            run.failures.append(f"cohort {cohort.id}: {space.error}")
            continue
        wanted = due_topics(schedule, library, site_url, settings.root)
        scope = f"{COHORT_PREFIX}{cohort.id}_"
        view = RemoteReader(client, state, api_username, verify=verify).read(wanted, scope)
        if space.category_id is not None:
            view.category_ids[cohort.name] = space.category_id
        in_curriculum = {cohort.external_id(p) for p in cohort.curriculum}
        for gone in view.retired:
            if gone.external_id not in in_curriculum:
                # Never closed or changed: the discussion belongs to the cohort.
                run.notes.append(
                    f"note      {gone.external_id} is no longer in the curriculum; its topic is left as it is"
                )
        actions = make_plan(wanted, view.observed, view.category_ids, view.archived, [], force=force)
        run.actions += actions
        if dry_run or not actions:
            continue
        applier = Applier(client, state, state_path, edit_reason, view.category_ids)
        run.results += [applier.apply(action) for action in actions]
    return run
