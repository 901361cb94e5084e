"""A cohort's private session guide for one week: the playbook's plan with the meeting, the members and the weeks
around it, for the facilitators' own category in the forum. Pure.

Only a cohort that meets (`meets:`) gets them: the plan is for its live session. Each week's guide is due one
period ahead, with the week before it (week 1's at once), so the facilitator can prepare. The call link is
never in it: it stays in the cohort's calendar file.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..forum_rules import stored_raw
from ..identity import topic_url
from ..links import page_url
from ..model import Playbook
from ..render_forum import discourse_markdown
from ..session_guide import Session, guide_markdown, guide_uri
from .model import Cohort, Release, Schedule
from .render import long_date

FACILITATORS_GROUP_PREFIX = "fac-"  # with a cohort id of at most 13 characters, within the 20 a group name allows


def facilitators_group(cohort: Cohort) -> str:
    """The forum group of the cohort's facilitators: the only group that can see their category."""
    return f"{FACILITATORS_GROUP_PREFIX}{cohort.id}"


def facilitators_category(cohort: Cohort) -> str:
    """The facilitators' private category; named by the cohort id, so it stays within the 50 characters allowed."""
    return f"Facilitators: {cohort.id}"


def guides_due(schedule: Schedule) -> tuple[Release, ...]:
    """The weeks whose guide should exist: every released week and the next one (week 1 from the start)."""
    cohort = schedule.cohort
    if cohort.meets is None:
        return ()
    releases = cohort.releases()
    return tuple(releases[: len(schedule.released) + 1])


def guide_title(cohort: Cohort, release: Release, playbook: Playbook) -> str:
    return f"Session guide, week {release.week}: {playbook.title} · {cohort.name}"


def _relative(playbook: Playbook) -> str:
    """A link to the playbook's page as written on a guide page; made absolute for the forum."""
    return f"../{playbook.page_uri}"


def guide_session(
    cohort: Cohort, release: Release, by_id: Mapping[str, Playbook], forum_url: str
) -> tuple[Session, str | None]:
    """The week's session for the plan, and the meeting in words (None without `meets`)."""
    releases = cohort.releases()
    index = release.week - 1
    before = by_id[releases[index - 1].playbook_id] if index > 0 else None
    after = by_id[releases[index + 1].playbook_id] if index + 1 < len(releases) else None
    meeting = next((s for s in cohort.sessions() if s.release.week == release.week), None)
    when = (
        f"{meeting.start:%A} {long_date(meeting.start.date())}, {meeting.start:%H:%M}–{meeting.end:%H:%M} "
        f"({cohort.timezone} time)"
        if meeting is not None
        else None
    )
    session = Session(
        minutes=cohort.meets.minutes if cohort.meets is not None else 60,
        week=release.week,
        when=when,
        members=cohort.members,
        previous=(before.title, _relative(before)) if before is not None else None,
        following=(after.title, _relative(after)) if after is not None else None,
        last=after is None,
        topic_link=topic_url(forum_url, cohort.external_id(release.playbook_id)),
    )
    return session, when


def guide_post(cohort: Cohort, release: Release, by_id: Mapping[str, Playbook], site_url: str, forum_url: str) -> str:
    """The guide's first post: who and when, then the plan, then the public version's address."""
    playbook = by_id[release.playbook_id]
    session, when = guide_session(cohort, release, by_id, forum_url)
    opens = f"{long_date(release.date)} at {cohort.release_at:%H:%M}"
    facts = [
        f"- **Session:** {when}" if when else "- **Session:** the group's meeting this week",
        f"- **Members:** {', '.join(cohort.members)}" if cohort.members else "- **Members:** none listed yet",
        f"- **The week's topic:** [Week {release.week}]({session.topic_link}), open from {opens}",
    ]
    parts = [
        f"The facilitators' plan for week {release.week} of **{cohort.name}**: "
        f"[{playbook.title}]({_relative(playbook)}). Only the cohort's facilitators (and the forum's staff) can "
        "see this category; the members cannot.",
        "\n".join(facts),
        guide_markdown(playbook, _relative(playbook), session),
        "---\nThe same plan without names or dates, to share: "
        f"[Session guide: {playbook.title}]({page_url(site_url, guide_uri(playbook.id))}). The call link is in "
        "the cohort's calendar file, never in the forum.",
    ]
    return stored_raw(discourse_markdown("\n\n".join(parts), guide_uri(playbook.id), site_url))
