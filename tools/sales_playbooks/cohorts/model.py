"""A cohort of new managers and its drip schedule: one playbook released per period. No I/O here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from ..identity import cohort_external_id

GROUP_PREFIX = "cohort-"
DEFAULT_CADENCE_DAYS = 7
DEFAULT_RELEASE_AT = dt.time(8, 0)  # a week's topic is due at 08:00 on its release date, local time
DEFAULT_MEETING_MINUTES = 60
# How members hear of each new week: the group watches its category (told of every new topic and post), the
# week's topic @mentions the group, or neither.
NOTIFY_WATCHING, NOTIFY_MENTION, NOTIFY_NONE = "watching", "mention", "none"
NOTIFY_MODES = (NOTIFY_WATCHING, NOTIFY_MENTION, NOTIFY_NONE)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Meeting:
    """When the group meets each period: a weekday and a local time, for so many minutes."""

    weekday: int  # Monday is 0, as in datetime.date.weekday()
    start: dt.time
    minutes: int = DEFAULT_MEETING_MINUTES

    @property
    def day_name(self) -> str:
        return WEEKDAYS[self.weekday]


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
    meets: Meeting | None = None
    call_url: str | None = field(default=None, repr=False)  # for the cohort's calendar only, never a public page
    release_at: dt.time = DEFAULT_RELEASE_AT
    notify: str = NOTIFY_WATCHING

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
        """What is released by `today` (the cohort's local date, taken whole) and what comes later."""
        released: list[Release] = []
        upcoming: list[Release] = []
        for release in self.releases():
            (released if release.date <= today else upcoming).append(release)
        return Schedule(self, today, tuple(released), tuple(upcoming))

    def schedule_at(self, instant: dt.datetime) -> Schedule:
        """What is released at `instant` (timezone-aware): each week from its release moment on."""
        if instant.tzinfo is None or instant.utcoffset() is None:
            raise ValueError("the instant must carry its UTC offset")
        moment = instant.astimezone(dt.UTC)
        released: list[Release] = []
        upcoming: list[Release] = []
        for release in self.releases():
            (released if self.release_moment(release).astimezone(dt.UTC) <= moment else upcoming).append(release)
        return Schedule(self, self.local_today(moment), tuple(released), tuple(upcoming), at=moment)

    def release_moment(self, release: Release) -> dt.datetime:
        """The moment a topic becomes due: its release date at `release_at`, in the cohort's time zone.

        A local time that a daylight-saving change skips is read with the offset in force before the
        change (zoneinfo's fold=0), so 02:30 on a spring-forward night is 03:30 after the change.
        """
        return dt.datetime.combine(release.date, self.release_at, tzinfo=self.zone)

    def sessions(self) -> list[Session]:
        """One meeting per release, on the first `meets` weekday on or after its release date; none without `meets`."""
        if self.meets is None:
            return []
        meets, found = self.meets, []
        for release in self.releases():
            day = release.date + dt.timedelta(days=(meets.weekday - release.date.weekday()) % 7)
            start = dt.datetime.combine(day, meets.start, tzinfo=self.zone)
            found.append(Session(release, start, meets.minutes))
        return found

    def last_day(self) -> dt.date:
        """The cohort's last local day: the end of its last period, or its last meeting if that is later."""
        releases = self.releases()
        if not releases:
            return self.start
        last = releases[-1].date + dt.timedelta(days=self.cadence_days - 1)
        meetings = self.sessions()
        return max(last, meetings[-1].start.date()) if meetings else last


def group_name(cohort_id: str) -> str:
    return f"{GROUP_PREFIX}{cohort_id}"


@dataclass(frozen=True)
class Release:
    week: int
    playbook_id: str
    date: dt.date


@dataclass(frozen=True)
class Session:
    """One meeting of the group, in the cohort's time zone."""

    release: Release
    start: dt.datetime
    minutes: int

    @property
    def end(self) -> dt.datetime:
        """Wall-clock end: a 60-minute meeting at 17:00 ends at 18:00 local time, whatever the offset does."""
        return self.start + dt.timedelta(minutes=self.minutes)


UPCOMING, RUNNING, FINISHED = "upcoming", "running", "finished"


@dataclass(frozen=True)
class Schedule:
    """A cohort's releases split at one day (or, with `at`, at one instant)."""

    cohort: Cohort
    today: dt.date
    released: tuple[Release, ...]
    upcoming: tuple[Release, ...]
    at: dt.datetime | None = None  # the instant the split was made at, in UTC; None for a whole day

    @property
    def status(self) -> str:
        """upcoming (nothing released yet), running, or finished (past the cohort's last day)."""
        if not self.released:
            return UPCOMING
        if not self.upcoming and self.today > self.cohort.last_day():
            return FINISHED
        return RUNNING

    @property
    def next(self) -> Release | None:
        return self.upcoming[0] if self.upcoming else None

    @property
    def current(self) -> Release | None:
        """The most recent release, this period's playbook; None once the cohort is finished."""
        return self.released[-1] if self.released and self.status != FINISHED else None

    @property
    def latest(self) -> Release | None:
        """The most recent release, also after the cohort finished."""
        return self.released[-1] if self.released else None


def resolve_today(cohort: Cohort, today: dt.date | None, now: dt.datetime | None = None) -> dt.date:
    """A pinned day (--today) counts as that date in every cohort's time zone; else the local date now."""
    return today if today is not None else cohort.local_today(now)


def schedule_for(cohort: Cohort, today: dt.date | None = None, now: dt.datetime | None = None) -> Schedule:
    """The schedule a command works from: a pinned day (--today) releases every week dated up to it, in
    every time zone; otherwise the instant (--now, else the clock) releases each week from its release moment."""
    if today is not None:
        return cohort.schedule(today)
    return cohort.schedule_at(now or dt.datetime.now(dt.UTC))
