"""A 45–60 minute peer-group session built from one playbook: the agenda, its timings and the practice exercise. Pure.

The same plan serves the public facilitator page (no cohort, no names) and a cohort's private guide in the
forum, which adds the week, the meeting time, the members and the neighbouring weeks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import SECTION_PLAYS, Playbook
from .sanitize import as_text

MIN_MINUTES, MAX_MINUTES = 45, 60
KEY_IDEA_MINUTES = 2
# The steps of a 60-minute session and their minutes; shorter sessions scale all but the key idea.
STEPS: tuple[tuple[str, int], ...] = (
    ("Check-in on last week's commitments", 10),
    ("The key idea", KEY_IDEA_MINUTES),
    ("Discussion", 18),
    ("Practice", 18),
    ("Commitments for the week", 8),
    ("What next week brings", 4),
)
PLAY_HEADING = re.compile(r"^###[ \t]+(\d+)\.[ \t]+(.+?)[ \t]*$", re.M)
# Words that show a play is about what a manager says to someone: it can be rehearsed as a role-play.
TALK = re.compile(
    r"\b(ask|asks|asked|say|says|tell|telling|conversation|conversations|one-to-one|talk|talking|call|calls|"
    r"feedback|question|questions|interview|script|listen|agree|debrief)\b|[\"“][^\"”\n]{6,}[\"”]",
    re.I,
)
ROLE_PLAY_CUES = 6  # talk cues a play needs before it is rehearsed as a role-play rather than worked as a case


def guide_uri(playbook_id: str) -> str:
    """Where a playbook's public session guide lives in the site's docs tree."""
    return f"facilitators/{playbook_id}.md"


def session_minutes(length: int | None) -> int:
    """The agenda's length: the meeting's, kept within 45 to 60 minutes (60 without a meeting)."""
    return MAX_MINUTES if length is None else max(MIN_MINUTES, min(MAX_MINUTES, length))


def timings(total: int) -> tuple[int, ...]:
    """Minutes for each step, summing to `total` (45 to 60); the key idea keeps its two minutes."""
    total = session_minutes(total)
    scalable = [(i, m) for i, (_, m) in enumerate(STEPS) if i != 1]
    room = total - KEY_IDEA_MINUTES
    base = sum(m for _, m in scalable)
    exact = {i: m * room / base for i, m in scalable}
    minutes = {i: int(v) for i, v in exact.items()}
    for i in sorted(exact, key=lambda k: (minutes[k] - exact[k], k))[: room - sum(minutes.values())]:
        minutes[i] += 1
    return tuple(KEY_IDEA_MINUTES if i == 1 else minutes[i] for i in range(len(STEPS)))


@dataclass(frozen=True)
class Play:
    number: int
    title: str
    text: str  # the play's markdown, without its heading


def plays(playbook: Playbook) -> list[Play]:
    """The numbered plays of 'The plays' section, in order."""
    section = playbook.body.section(SECTION_PLAYS)
    if section is None:
        return []
    found = list(PLAY_HEADING.finditer(section.markdown))
    out = []
    for n, match in enumerate(found):
        end = found[n + 1].start() if n + 1 < len(found) else len(section.markdown)
        text = section.markdown[match.end() : end]
        text = re.split(r"^###[ \t]", text, maxsplit=1, flags=re.M)[0]  # an unnumbered ### ends the play
        out.append(Play(int(match.group(1)), match.group(2).strip(), text.strip()))
    return out


@dataclass(frozen=True)
class Exercise:
    kind: str  # "role-play" or "worked case"
    play: Play | None


def practice_exercise(playbook: Playbook) -> Exercise:
    """A role-play on the play that is most about what a manager says, when one is; else a worked case on the
    play with the most to work through."""
    found = plays(playbook)
    if not found:
        return Exercise("worked case", None)
    talk = max(found, key=lambda p: (len(TALK.findall(p.text)), -p.number))
    if len(TALK.findall(talk.text)) >= ROLE_PLAY_CUES:
        return Exercise("role-play", talk)
    return Exercise("worked case", max(found, key=lambda p: (len(p.text), -p.number)))


@dataclass(frozen=True)
class Session:
    """What a cohort adds to the plan; the defaults give the public page's plan."""

    minutes: int = MAX_MINUTES
    week: int | None = None
    when: str | None = None  # the meeting, in words, with its time zone
    members: tuple[str, ...] = ()
    previous: tuple[str, str] | None = None  # (title, link) of last week's playbook
    following: tuple[str, str] | None = None  # (title, link) of next week's playbook, None in the last week
    last: bool = False  # the cohort's last session
    topic_link: str | None = None  # the cohort's topic for this week


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def agenda_table(session: Session) -> str:
    rows, start = [], 0
    for (title, _), minutes in zip(STEPS, timings(session.minutes), strict=True):
        rows.append(f"| {clock(start)}–{clock(start + minutes)} | {title} | {minutes} |")
        start += minutes
    return "| Time | Step | Minutes |\n|---|---|---:|\n" + "\n".join(rows)


def _check_in(session: Session) -> str:
    order = f" Go round in this order: {', '.join(session.members)}." if session.members else ""
    if session.previous is None and session.week == 1:
        return (
            "This is the group's first session. Each member says who they are, what their team sells, and one "
            f"thing they want from the group in the weeks ahead.{order}"
        )
    last = f" Last week's playbook was [{session.previous[0]}]({session.previous[1]})." if session.previous else ""
    return (
        f"Each member reports on the commitment they made last session: what they did, what happened, and what "
        f"they would do differently.{last} Keep each turn to about a minute; note anything worth picking up in "
        f"the discussion.{order}"
    )


def _key_idea(playbook: Playbook, page_link: str) -> str:
    return (
        f"Say the playbook's main point in your own words, or read it out:\n\n> {playbook.summary}\n\n"
        f"Everyone should have read [{as_text(playbook.title)}]({page_link}) before the session; this is a reminder, "
        "not a lecture."
    )


def _discussion(playbook: Playbook, minutes: int) -> str:
    questions = playbook.body.questions
    each = max(1, minutes // max(1, len(questions)))
    listed = "\n".join(f"{n}. {q}" for n, q in enumerate(questions, 1))
    return (
        f"About {each} minutes for each question. Ask it, wait, and let members answer from their own teams. "
        "Write down the words they use: those phrases, not the playbook's, are what the group will remember, "
        "and they make good prompts for next week's check-in.\n\n" + listed
    )


def _practice(exercise: Exercise, page_link: str) -> str:
    play = exercise.play
    if play is None:
        return (
            "A worked case: one member brings a real situation from their team, and the group works out, step by "
            f"step, what the playbook would have them do next ([the playbook]({page_link}))."
        )
    source = f"play {play.number} of the playbook, *{play.title}*"
    if exercise.kind == "role-play":
        return (
            f"A role-play on {source}. Work in pairs or threes: one member plays the manager, one the seller, "
            "and a third, when there is one, watches. The manager uses the play on a situation the seller "
            "describes from their own team. After a few minutes, swap roles and run it again. Close with a short "
            "debrief: what did the manager say that worked, and what would they change?"
        )
    return (
        f"A worked case on {source}. One member brings a real situation from their team that the play fits. The "
        "group works through the play step by step against that case, and the member leaves with the next step "
        "written down. If nobody has a case, take the one from the member who spoke least in the discussion."
    )


def _commitments(playbook: Playbook, session: Session) -> str:
    items = "\n".join(f"- {item.text}" for item in playbook.body.checklist)
    where = (
        f" Ask them to post it in [this week's topic]({session.topic_link}), so the group can see it."
        if session.topic_link
        else " Ask them to post it in the group's topic for the week, so everyone can see it."
    )
    return (
        "Each member says one thing they will do before the next session, small enough to finish in a week. "
        f"The playbook's checklist is a good menu.{where}\n\n{items}"
    )


def _next_week(session: Session) -> str:
    if session.last:
        return (
            "This is the group's last session. Ask what each member will keep doing, and agree how the group "
            "will stay in touch."
        )
    if session.following is not None:
        title, link = session.following
        return (
            f"Next session's playbook is [{title}]({link}). Ask everyone to read it and to try one item of its "
            "checklist before you meet."
        )
    return "Name the next session's playbook, and ask everyone to read it and try one item of its checklist first."


def guide_markdown(playbook: Playbook, page_link: str, session: Session) -> str:
    """The agenda and each step's notes, as markdown (no title); `page_link` leads to the playbook's page."""
    minutes = timings(session.minutes)
    notes = (
        _check_in(session),
        _key_idea(playbook, page_link),
        _discussion(playbook, minutes[2]),
        _practice(practice_exercise(playbook), page_link),
        _commitments(playbook, session),
        _next_week(session),
    )
    steps = [
        f"### {n}. {title} ({m} minutes)\n\n{text}"
        for n, ((title, _), m, text) in enumerate(zip(STEPS, minutes, notes, strict=True), 1)
    ]
    head = f"## Agenda ({session_minutes(session.minutes)} minutes)\n\n" + agenda_table(session)
    return "\n\n".join([head, *steps])
