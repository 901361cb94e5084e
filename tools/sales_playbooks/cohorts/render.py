"""A cohort topic: its title and first post, for one playbook released to one cohort. Pure."""

from __future__ import annotations

import datetime as dt

from ..forum_rules import stored_raw
from ..links import page_url
from ..model import Playbook
from ..render_forum import discourse_markdown
from ..session_guide import guide_uri
from .model import NOTIFY_MENTION, Cohort, Release


def cohort_title(cohort: Cohort, release: Release, playbook: Playbook) -> str:
    """Unique in the forum: the public topic has the bare title, and each cohort has its own name."""
    return f"Week {release.week}: {playbook.title} · {cohort.name}"


def long_date(day: dt.date) -> str:
    """23 November 2026: the same in every locale's reading, unlike 11/23."""
    return f"{day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    """Tue 12 Jan 2027."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def schedule_section(cohort: Cohort) -> str:
    """The whole programme for the welcome topic: when each week opens and, with `meets`, when the group meets.

    The call link stays out of forum text: it is in the cohort's calendar file only.
    """
    sessions = {s.release.week: s for s in cohort.sessions()}
    head = "| Week | Topic opens | Meeting |\n|---:|---|---|" if sessions else "| Week | Topic opens |\n|---:|---|"
    rows = []
    for release in cohort.releases():
        opens = f"{short_date(release.date)}, {cohort.release_at:%H:%M}"
        session = sessions.get(release.week)
        meeting = f" | {short_date(session.start.date())}, {session.start:%H:%M}–{session.end:%H:%M}" if session else ""
        rows.append(f"| {release.week} | {opens}{meeting} |")
    notes = [f"All times are {cohort.timezone} time."]
    if cohort.meets is not None:
        notes.append(
            f"The group meets every {cohort.meets.day_name} at {cohort.meets.start:%H:%M} for {cohort.meets.minutes} "
            "minutes; your facilitator can send you the calendar file with every session."
        )
    if cohort.call_url:
        notes.append("The link to join the call is in that calendar file; it is never posted in the forum.")
    return "## Schedule\n\n" + head + "\n" + "\n".join(rows) + "\n\n" + " ".join(notes)


def cohort_post(
    cohort: Cohort, release: Release, playbook: Playbook, site_url: str, following: tuple[Release, Playbook] | None
) -> str:
    """A welcome line, the summary, the discussion questions, the checklist, the way to the page and to the
    facilitator's session guide; with `notify: mention`, the group's @mention that tells every member."""
    body = playbook.body
    url = page_url(site_url, playbook.page_uri)
    guide = page_url(site_url, guide_uri(playbook.id))
    parts = [
        f"Welcome to week {release.week} of **{cohort.name}**. This week's playbook is "
        f"**{playbook.title}**: read it, try the checklist with your team, and share below how it went.",
        f"> {playbook.summary}",
        "## Discussion questions\n\n" + "\n".join(f"{n}. {q}" for n, q in enumerate(body.questions, 1)),
        "## Checklist\n\n" + "\n".join(f"- [ ] {item.text}" for item in body.checklist),
    ]
    if release.week == 1:
        parts.append(schedule_section(cohort))
    closing = f"Read the full playbook on the site: [{playbook.title}]({url})."
    if following is not None:
        nxt, nxt_playbook = following
        closing += f" Next, on {long_date(nxt.date)}: **{nxt_playbook.title}**."
    parts.append(
        "---\n" + closing + f" The facilitator's plan for the session: [Session guide]({guide})."
        " This topic is private to the peer group and its facilitators."
    )
    if cohort.notify == NOTIFY_MENTION:
        parts.append(f"@{cohort.group_name}: this week's topic is open.")
    return stored_raw(discourse_markdown("\n\n".join(parts), playbook.page_uri, site_url))
