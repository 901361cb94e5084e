"""A cohort of new managers and its drip schedule: one playbook released per period. No I/O here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..identity import cohort_external_id

GROUP_PREFIX = "cohort-"
DEFAULT_CADENCE_DAYS = 7


@dataclass(frozen=True)
class Cohort:
    """One peer group, as its file in peer-groups/ describes it."""

    id: str
    name: str  # also the name of its private forum category
    path: str  # the file, for messages
    facilitators: tuple[str, ...]
    members: tuple[str, ...]
    start: dt.date
    cadence_days: int
    timezone: str
    curriculum: tuple[str, ...]  # playbook ids, in release order
    track: str | None = None  # the named track the curriculum came from, if any

    @property
    def group_name(self) -> str:
        """The forum group that holds the cohort: members and facilitators."""
        return group_name(self.id)

    @property
    def everyone(self) -> tuple[str, ...]:
        """Facilitators, then members: every username the group should hold."""
        leads = {f.lower() for f in self.facilitators}  # forum usernames are case-insensitive
        return self.facilitators + tuple(m for m in self.members if m.lower() not in leads)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def external_id(self, playbook_id: str) -> str:
        return cohort_external_id(self.id, playbook_id)

    def releases(self) -> list[Release]:
        """Week n holds the n-th playbook, released on start + (n - 1) x cadence."""
        return [
            Release(
                week=n,
                playbook_id=playbook_id,
                date=self.start + dt.timedelta(days=(n - 1) * self.cadence_days),
            )
            for n, playbook_id in enumerate(self.curriculum, 1)
        ]

    def local_today(self, now: dt.datetime | None = None) -> dt.date:
        """The date it is now where the cohort meets (`now` must be timezone-aware)."""
        moment = now or dt.datetime.now(dt.UTC)
        return moment.astimezone(self.zone).date()

    def schedule(self, today: dt.date) -> Schedule:
        """What is released by `today` (the cohort's local date) and what comes later."""
        released: list[Release] = []
        upcoming: list[Release] = []
        for release in self.releases():
            (released if release.date <= today else upcoming).append(release)
        return Schedule(self, today, tuple(released), tuple(upcoming))

    def release_moment(self, release: Release) -> dt.datetime:
        """The moment a topic becomes due: the start of its release date in the cohort's time zone."""
        return dt.datetime.combine(release.date, dt.time(0, 0), tzinfo=self.zone)


def group_name(cohort_id: str) -> str:
    return f"{GROUP_PREFIX}{cohort_id}"


@dataclass(frozen=True)
class Release:
    week: int
    playbook_id: str
    date: dt.date


@dataclass(frozen=True)
class Schedule:
    """A cohort's releases split at one day."""

    cohort: Cohort
    today: dt.date
    released: tuple[Release, ...]
    upcoming: tuple[Release, ...]

    @property
    def next(self) -> Release | None:
        return self.upcoming[0] if self.upcoming else None

    @property
    def current(self) -> Release | None:
        """The most recent release: this period's playbook."""
        return self.released[-1] if self.released else None


def resolve_today(cohort: Cohort, today: dt.date | None, now: dt.datetime | None = None) -> dt.date:
    """A pinned day (--today) counts as that date in every cohort's time zone; else the local date now."""
    return today if today is not None else cohort.local_today(now)
