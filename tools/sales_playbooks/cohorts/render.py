"""A cohort topic: its title and first post, for one playbook released to one cohort. Pure."""

from __future__ import annotations

import datetime as dt

from ..forum_rules import stored_raw
from ..links import page_url
from ..model import Playbook
from ..render_forum import discourse_markdown
from .model import Cohort, Release


def cohort_title(cohort: Cohort, release: Release, playbook: Playbook) -> str:
    """Unique in the forum: the public topic has the bare title, and each cohort has its own name."""
    return f"Week {release.week}: {playbook.title} · {cohort.name}"


def long_date(day: dt.date) -> str:
    """23 November 2026: the same in every locale's reading, unlike 11/23."""
    return f"{day.day} {day:%B %Y}"


def cohort_post(
    cohort: Cohort, release: Release, playbook: Playbook, site_url: str, following: tuple[Release, Playbook] | None
) -> str:
    """A welcome line, the summary, the discussion questions, the checklist and the way to the page."""
    body = playbook.body
    url = page_url(site_url, playbook.page_uri)
    parts = [
        f"Welcome to week {release.week} of **{cohort.name}**. This week's playbook is "
        f"**{playbook.title}**: read it, try the checklist with your team, and share below how it went.",
        f"> {playbook.summary}",
        "## Discussion questions\n\n" + "\n".join(f"{n}. {q}" for n, q in enumerate(body.questions, 1)),
        "## Checklist\n\n" + "\n".join(f"- [ ] {item.text}" for item in body.checklist),
    ]
    closing = f"Read the full playbook on the site: [{playbook.title}]({url})."
    if following is not None:
        nxt, nxt_playbook = following
        closing += f" Next, on {long_date(nxt.date)}: **{nxt_playbook.title}**."
    parts.append("---\n" + closing + " This topic is private to the peer group and its facilitators.")
    return stored_raw(discourse_markdown("\n\n".join(parts), playbook.page_uri, site_url))
