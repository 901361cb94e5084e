"""A cohort's calendar as an RFC 5545 file: one event per session, with the week's playbook and topic. Pure.

The file is for the cohort only: it carries the call link, which no public page or topic shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from urllib.parse import urlsplit

from icalendar import Calendar, Event, Timezone

from ..identity import topic_url
from ..links import page_url
from ..model import Playbook
from .model import Cohort, Release
from .render import cohort_title

PRODID = "-//Sales Leader Playbooks//playbooks cohorts//EN"
UID_HOST_FALLBACK = "sales-leader-playbooks.invalid"


def uid_host(site_url: str | None, forum_url: str | None) -> str:
    """The domain part of every event's UID: the site's host, so UIDs stay the same from run to run."""
    for url in (site_url, forum_url):
        host = urlsplit(url or "").hostname
        if host:
            return host
    return UID_HOST_FALLBACK


def event_uid(cohort: Cohort, release: Release, host: str) -> str:
    """Stable across runs and curriculum reorders: a re-import updates the event instead of adding one."""
    return f"{cohort.external_id(release.playbook_id)}@{host}"


def description(
    cohort: Cohort, release: Release, playbook: Playbook, site_url: str | None, forum_url: str | None
) -> str:
    lines = [f"Week {release.week} of {cohort.name}: {playbook.title}.", "", playbook.summary]
    if site_url:
        lines += ["", f"Read the playbook: {page_url(site_url, playbook.page_uri)}"]
    if forum_url:
        lines.append(
            f"The group's topic for this week: {topic_url(forum_url, cohort.external_id(release.playbook_id))}"
        )
    if cohort.call_url:
        lines.append(f"Join the call: {cohort.call_url}")
    return "\n".join(lines)


def _event(
    cohort: Cohort,
    release: Release,
    playbook: Playbook,
    stamp: dt.datetime,
    host: str,
    links: tuple[str | None, str | None],
) -> Event:
    site_url, forum_url = links
    event = Event()
    event.add("uid", event_uid(cohort, release, host))
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("summary", cohort_title(cohort, release, playbook))
    event.add("description", description(cohort, release, playbook, site_url, forum_url))
    topic = topic_url(forum_url, cohort.external_id(release.playbook_id)) if forum_url else None
    if cohort.call_url:
        event.add("location", cohort.call_url)
    link = cohort.call_url or topic
    if link:
        event.add("url", link)
    return event


def cohort_calendar(
    cohort: Cohort,
    playbooks: Mapping[str, Playbook],
    stamp: dt.datetime,
    site_url: str | None = None,
    forum_url: str | None = None,
) -> Calendar:
    """Every session of the cohort (its `meets` time, in its own zone, with a VTIMEZONE); without `meets`,
    an all-day event on each release date. `stamp` is the DTSTAMP of every event: when the file was made."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", cohort.name)
    calendar.add("x-wr-calname", cohort.name)
    calendar.add("x-wr-timezone", cohort.timezone)
    host = uid_host(site_url, forum_url)
    links = (site_url, forum_url)
    sessions = cohort.sessions()
    for session in sessions:
        event = _event(cohort, session.release, playbooks[session.release.playbook_id], stamp, host, links)
        event.add("dtstart", session.start)
        event.add("dtend", session.end)
        calendar.add_component(event)
    if not sessions:
        for release in cohort.releases():
            event = _event(cohort, release, playbooks[release.playbook_id], stamp, host, links)
            event.add("dtstart", release.date)
            event.add("dtend", release.date + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
    # The zone's rules over the cohort's span, so every calendar program reads the local times the same way.
    first, last = cohort.start - dt.timedelta(days=366), cohort.last_day() + dt.timedelta(days=366)
    calendar.add_component(Timezone.from_tzid(cohort.timezone, first_date=first, last_date=last))
    return calendar
