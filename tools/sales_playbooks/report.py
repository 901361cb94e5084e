"""The facilitator's engagement report: per cohort and released week, replies and members who posted. Pure."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .cohorts.model import Schedule

FOLLOW_UP_WEEKS = 2  # members silent in all of the latest two released topics need a nudge


@dataclass(frozen=True)
class Posts:
    """What the report needs from one topic: its id and who wrote each reply (one name per reply)."""

    topic_id: int
    reply_authors: tuple[str, ...]


@dataclass(frozen=True)
class WeekRow:
    week: int
    playbook_id: str
    release_date: str
    topic_id: int | None  # None: due, but the sync has not created it yet
    replies: int
    members_posted: tuple[str, ...]  # members (not facilitators) with at least one reply, as the file spells them


@dataclass(frozen=True)
class CohortReport:
    cohort_id: str
    name: str
    today: str
    members: tuple[str, ...]
    weeks: tuple[WeekRow, ...]
    follow_up: tuple[str, ...]  # members who posted in none of the latest two released topics


def cohort_report(schedule: Schedule, topics: Mapping[str, Posts | None]) -> CohortReport:
    """`topics` maps each released playbook id to its topic's posts (None when the topic is missing)."""
    cohort = schedule.cohort
    by_lower = {m.lower(): m for m in cohort.members}
    weeks = []
    for release in schedule.released:
        posts = topics.get(release.playbook_id)
        authors = {a.lower() for a in posts.reply_authors} if posts else set()
        weeks.append(
            WeekRow(
                week=release.week,
                playbook_id=release.playbook_id,
                release_date=release.date.isoformat(),
                topic_id=posts.topic_id if posts else None,
                replies=len(posts.reply_authors) if posts else 0,
                members_posted=tuple(by_lower[a] for a in sorted(authors) if a in by_lower),
            )
        )
    recent = weeks[-FOLLOW_UP_WEEKS:]
    posted_recently = {m.lower() for row in recent for m in row.members_posted}
    follow_up = tuple(m for m in cohort.members if m.lower() not in posted_recently) if recent else ()
    return CohortReport(
        cohort_id=cohort.id,
        name=cohort.name,
        today=schedule.today.isoformat(),
        members=cohort.members,
        weeks=tuple(weeks),
        follow_up=follow_up,
    )


def report_json(reports: list[CohortReport]) -> list[dict[str, Any]]:
    return [
        {
            "cohort": r.cohort_id,
            "name": r.name,
            "today": r.today,
            "members": len(r.members),
            "weeks": [
                {
                    "week": w.week,
                    "playbook": w.playbook_id,
                    "released": w.release_date,
                    "topic_id": w.topic_id,
                    "replies": w.replies,
                    "members_posted": len(w.members_posted),
                    "posted": list(w.members_posted),
                }
                for w in r.weeks
            ],
            "follow_up": list(r.follow_up),
        }
        for r in reports
    ]


CSV_COLUMNS = (
    "section",
    "cohort",
    "week",
    "playbook",
    "released",
    "topic_id",
    "replies",
    "members_posted",
    "members",
    "username",
)


def report_csv(reports: list[CohortReport]) -> str:
    """One table for a spreadsheet: a 'week' row per released playbook, a 'follow-up' row per quiet member."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in reports:
        for w in r.weeks:
            topic = "" if w.topic_id is None else w.topic_id
            posted = len(w.members_posted)
            row = ["week", r.cohort_id, w.week, w.playbook_id, w.release_date, topic, w.replies, posted, len(r.members)]
            writer.writerow([*row, ""])
        for name in r.follow_up:
            writer.writerow(["follow-up", r.cohort_id, "", "", "", "", "", "", len(r.members), name])
    return out.getvalue()
