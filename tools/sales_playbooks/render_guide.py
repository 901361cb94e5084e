"""The public facilitator pages: a session guide per playbook and their index. Pure.

They come from the playbooks alone (session_guide.py): no cohort, no member, no meeting, no call link. The
site lists them from the facilitators' reading path, not in the main navigation.
"""

from __future__ import annotations

import posixpath

from .model import STAGES, Library, Playbook
from .render_page import by_stage, front_matter
from .sanitize import as_attribute, as_text
from .session_guide import STEPS, Session, guide_markdown, guide_uri, practice_exercise, timings

INDEX_URI = "facilitators/index.md"


def guide_pages(library: Library) -> dict[str, str]:
    """One session guide per playbook, by its docs uri."""
    return {guide_uri(p.id): guide_page(p) for p in library.playbooks}


def _to_playbook(playbook: Playbook) -> str:
    """The link from a guide page to its playbook's page."""
    return posixpath.relpath(playbook.page_uri, posixpath.dirname(guide_uri(playbook.id)))


def guide_page(playbook: Playbook) -> str:
    exercise = practice_exercise(playbook)
    short = timings(45)
    rows = "\n".join(f"| {title} | {m} |" for (title, _), m in zip(STEPS, short, strict=True))
    chunks = [
        front_matter(
            {
                "title": f"Session guide: {as_text(playbook.title)}",  # the theme shows it unescaped
                "description": as_attribute(
                    f"A 60-minute peer-group session on '{playbook.title}', with a {exercise.kind}."
                ),
                "search": {"exclude": True},  # it repeats its playbook, which search finds
            }
        ),
        f"# Session guide: {as_text(playbook.title)}",
        f"For the facilitator of a peer group whose week is [{as_text(playbook.title)}]({_to_playbook(playbook)}): a "
        "60-minute session plan, which members may read ahead too. A peer group that meets on a regular call "
        "also gets its own copy of each week's guide in the forum, with the meeting time, the members' names "
        "and the weeks before and after.",
        guide_markdown(playbook, _to_playbook(playbook), Session()),
        "## In 45 minutes\n\nKeep every step and shorten them:\n\n| Step | Minutes |\n|---|---:|\n" + rows,
        "All session guides: [Session guides](index.md).",
    ]
    return "\n\n".join(chunks) + "\n"


def guides_index(library: Library) -> str:
    """Every session guide, by stage, as the playbook index groups the playbooks."""
    chunks = [
        front_matter(
            {
                "title": "Session guides",
                "description": "A peer-group session plan for every playbook.",
                "search": {"exclude": True},
            }
        ),
        "# Session guides",
        "One plan for a 45 to 60 minute peer-group session per playbook: a check-in on last week's commitments, "
        "the key idea, the discussion questions, a practice exercise from the plays, each member's commitment, "
        "and what comes next. The facilitators' reading path puts the playbooks in order for a cohort.",
    ]
    for stage, items in by_stage(library.playbooks).items():
        chunks.append(f"## {STAGES[stage]}")
        chunks.append("\n".join(f"- [{as_text(p.title)}]({p.id}.md)" for p in items))
    return "\n\n".join(chunks) + "\n"
