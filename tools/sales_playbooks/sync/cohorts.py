"""The cohort half of `playbooks sync`: each cohort's space, then its topics as they come due.

Week n's topic is created once the cohort's local date reaches its release date; a topic that is
not due does not exist. Each topic is found by its external_id before anything is created, so
re-runs and a lost state file never make a duplicate.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from ..cohorts.guide import facilitators_category, guide_post, guide_title, guides_due
from ..cohorts.load import CohortsLoaded, load_cohorts
from ..cohorts.model import FINISHED, Cohort, Schedule, schedule_for
from ..cohorts.render import cohort_post, cohort_title
from ..identity import guide_external_id
from ..model import Library
from ..settings import Settings
from .actions import Desired
from .facilitators import facilitator_scopes
from .notify import cohort_notify
from .scopes import CohortSpace, CohortTopics, Scope


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
                previous=tuple(cohort.external_id(old) for old in playbook.previous_ids),
            )
        )
    return wanted


def due_guides(schedule: Schedule, library: Library, site_url: str, forum_url: str, root: Path) -> list[Desired]:
    """The session guides that should exist now, in the facilitators' category (cohorts that meet only)."""
    cohort, by_id = schedule.cohort, library.by_id()
    return [
        Desired(
            key=f"{cohort.id}/guide/{release.playbook_id}",
            external_id=guide_external_id(cohort.id, release.playbook_id),
            path=topic_label(cohort, release.week, release.playbook_id, root).replace("[week", "[guide, week"),
            title=guide_title(cohort, release, by_id[release.playbook_id]),
            tags=None,
            raw=guide_post(cohort, release, by_id, site_url, forum_url),
            category=facilitators_category(cohort),
        )
        for release in guides_due(schedule)
    ]


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


def cohort_scopes(
    cohorts: list[Cohort],
    library: Library,
    site_url: str,
    root: Path,
    today: dt.date | None,
    prune: bool,
    force: bool,
    now: dt.datetime | None = None,
    forum_url: str = "",
) -> list[Scope[Any]]:
    """For each cohort: its space (group, members, private category), how members hear of new weeks, its topics
    due today, and for a cohort that meets, its facilitators' space and session guides."""
    scopes: list[Scope[Any]] = []
    for cohort in cohorts:
        schedule = schedule_for(cohort, today, now)
        scopes.append(CohortSpace(cohort, schedule_notes(schedule), prune))
        scopes.append(cohort_notify(cohort))
        scopes.append(CohortTopics(schedule, due_topics(schedule, library, site_url, root), force))
        guides = due_guides(schedule, library, site_url, forum_url, root) if cohort.meets is not None else []
        scopes += facilitator_scopes(cohort, guides, prune, force, schedule.status == FINISHED)
    return scopes
