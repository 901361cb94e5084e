"""Playbook -> the markdown of its site page, and the generated index, checklist and source pages. Pure."""

from __future__ import annotations

import datetime as dt
import html
import posixpath
from collections.abc import Iterable, Mapping

import yaml

from .links import page_path
from .model import (
    AUDIENCES,
    SECTION_CHECKLIST,
    SECTION_QUESTIONS,
    SECTION_SOURCES,
    STAGES,
    Library,
    Playbook,
    Source,
    slugify,
)
from .render_progress import checklist_keys, tracker
from .sanitize import as_attribute, as_text
from .templates import render


def human_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def front_matter(meta: Mapping[str, object]) -> str:
    return "---\n" + yaml.safe_dump(dict(meta), sort_keys=False, allow_unicode=True) + "---\n\n"


OWNERS_URI = "owners.md"


def owner_anchor(owner: str) -> str:
    """The owner's anchor on the owners page: '@org/coaching' -> 'org-coaching'."""
    return slugify(owner.lstrip("@"), max_length=80)


def owner_name(owner: str) -> str:
    """How a reader would say who keeps a playbook: a team by its name, a person by their handle."""
    handle = owner.lstrip("@")
    return f"the {handle.split('/', 1)[1].replace('-', ' ')} team" if "/" in handle else owner


def owner_link(owner: str, from_uri: str) -> dict[str, str]:
    """Where a reader can find out who keeps a playbook, and how they would say who: a person's GitHub profile,
    which anyone can open; for a team (whose GitHub page only the organisation's members can open) its entry on
    the owners page, as a URL relative to the page `from_uri` (raw HTML: MkDocs does not rewrite it)."""
    handle = owner.lstrip("@")
    if "/" not in handle:
        return {"href": f"https://github.com/{handle}", "title": f"{owner} on GitHub", "name": owner_name(owner)}
    target = posixpath.relpath(page_path(OWNERS_URI), page_path(from_uri)) + "/"
    return {
        "href": f"{target}#{owner_anchor(owner)}",
        "title": f"{owner}: who keeps the playbooks",
        "name": owner_name(owner),
    }


def header(playbook: Playbook, today: dt.date) -> str:
    """Summary, then a short list of facts: audience, reading time, review date and who keeps it."""
    facts = render(
        "page_header.html",
        audience=", ".join(AUDIENCES[a] for a in playbook.audience).lower(),
        minutes=playbook.reading_minutes(),
        reviewed=playbook.reviewed,
        reviewed_text=human_date(playbook.reviewed),
        owner=owner_link(playbook.owner, playbook.page_uri),
    )
    parts = [f"{as_text(playbook.summary)}\n{{ .pb-summary }}", facts]
    if today > playbook.review_due:
        days = (today - playbook.review_due).days
        parts.append(
            '!!! warning "Due for review"\n\n'
            f"    This playbook was last reviewed on {human_date(playbook.reviewed)} and was due for a fresh "
            f"check {days} day{'s' if days != 1 else ''} ago. Its advice may still hold; read it with that in "
            "mind, and if you spot something out of date, use the edit button to propose a change."
        )
    return "\n\n".join(parts)


def checklist_block(playbook: Playbook) -> str:
    """The checklist as a task list inside a box that the site's script makes tickable."""
    items = "\n".join(f"- [ ] {item.text}" for item in playbook.body.checklist)
    return (
        f'<div class="pb-checklist" data-playbook="{html.escape(playbook.id)}" '
        f'data-keys="{html.escape(checklist_keys(playbook))}" markdown>\n\n'
        f"{items}\n\n</div>"
    )


def references(playbook: Playbook, sources: Mapping[str, Source]) -> str:
    lines = [f"- {sources[s].citation()}" for s in playbook.sources if s in sources]
    return (
        "**References**\n\n"
        + "\n".join(lines)
        + "\n\nThe [Sources](../sources.md) page sums up each article and lists every playbook that draws on it."
        + "\n{ .pb-screen-only }"
    )


def _entry(title_link: str, summary: str, note: str = "") -> str:
    """A list entry: the linked title in bold, and the summary on the next line."""
    tail = f' <span class="pb-for">{html.escape(note)}</span>' if note else ""
    return f"- **{title_link}**  \n  {summary}{tail}"


def related_block(playbook: Playbook, library: Library) -> str:
    by_id = library.by_id()
    lines = [
        _entry(f"[{as_text(by_id[r].title)}]({by_id[r].file_name})", as_text(by_id[r].summary))
        for r in playbook.related
        if r in by_id
    ]
    return "## Related playbooks\n\n" + "\n".join(lines) if lines else ""


def playbook_page(
    playbook: Playbook,
    library: Library,
    today: dt.date,
    discussion: str = "",
    comments: Mapping[str, object] | None = None,
) -> str:
    """The full page: front matter for MkDocs, header, the body with its extras, related and sources.

    `comments` is what overrides/partials/comments.html needs to embed the forum topic's replies.
    """
    body = playbook.body
    lines = body.markdown.split("\n")
    first = body.sections[0].line - body.first_line if body.sections else len(lines)
    chunks = [
        front_matter(
            {
                "title": as_text(playbook.title),  # the theme shows both unescaped
                "description": as_attribute(playbook.summary),
                "tags": [library.tag_label(t) for t in playbook.tags],
                "playbook": {"id": playbook.id, "stage": playbook.stage},
                **({"forum_comments": dict(comments)} if comments else {}),
            }
        ),
        f"# {as_text(playbook.title)}",
        header(playbook, today),
    ]
    preamble = "\n".join(lines[:first]).strip()
    if preamble:
        chunks.append(preamble)
    for section in body.sections:
        if section.title == SECTION_CHECKLIST:
            chunks.append(f"## {section.title}\n\n{checklist_block(playbook)}")
            continue
        if section.title == SECTION_SOURCES:
            related = related_block(playbook, library)
            if related:
                chunks.append(related)
            chunks.append(f"## {section.title}\n\n{section.markdown}\n\n{references(playbook, library.sources)}")
            continue
        chunks.append(f"## {section.title}\n\n{section.markdown}")
        if section.title == SECTION_QUESTIONS and discussion:
            chunks.append(discussion)
    return "\n\n".join(c for c in chunks if c) + "\n"


def by_stage(playbooks: Iterable[Playbook]) -> dict[str, list[Playbook]]:
    groups: dict[str, list[Playbook]] = {stage: [] for stage in STAGES}
    for playbook in playbooks:
        groups[playbook.stage].append(playbook)
    return {stage: sorted(items, key=reading_order) for stage, items in groups.items() if items}


def reading_order(playbook: Playbook) -> tuple[int, str]:
    """Within a stage: by `order` when given, then the rest by title."""
    return (playbook.order if playbook.order is not None else 100, playbook.title.lower())


def reading_list(library: Library) -> list[Playbook]:
    """Every playbook in the order the site lists them: by stage, then reading order."""
    return [p for items in by_stage(library.playbooks).values() for p in items]


STAGE_NOTES: dict[str, str] = {
    "deciding": "Before anyone says yes: whether to offer the job, whether to take it, and a step in between.",
    "first-90-days": "The move itself: the first three months, and what the company owes its new manager.",
    "leading": "The weekly work of running a team: coaching, pipeline, forecast, and the people around you.",
    "scaling": "Once the basics run: hiring, territories and pay, handing work off, and backing from the top.",
}


def index_page(library: Library) -> str:
    """Every playbook, grouped by stage of the journey."""
    chunks = [
        front_matter({"title": "All playbooks", "description": "Every playbook, by stage of the journey."}),
        "# All playbooks",
        f"{len(library.playbooks)} playbooks, grouped by where they fit in the move from seller to sales "
        "leader. Each one ends with a checklist and questions for your peer group. Not sure where to "
        "begin? The [reading paths](../paths/index.md) put them in order for each kind of reader.",
        tracker(reading_list(library), "playbooks/index.md"),
    ]
    for stage, items in by_stage(library.playbooks).items():
        chunks.append(f"## {STAGES[stage]} {{ #{stage} }}")
        if stage in STAGE_NOTES:
            chunks.append(STAGE_NOTES[stage])
        chunks.append(
            "\n".join(
                _entry(
                    f"[{as_text(p.title)}]({p.file_name})",
                    as_text(p.summary),
                    f"For {', '.join(AUDIENCES[a].lower() for a in p.audience)}.",
                )
                for p in items
            )
        )
    return "\n\n".join(chunks) + "\n"


def checklists_page(library: Library) -> str:
    """Every checklist on one page; ticks here and on the playbook pages are the same ticks."""
    chunks = [
        front_matter({"title": "All checklists", "description": "Every playbook's checklist on one page."}),
        "# All checklists",
        "Every playbook's checklist in one place. Tick items as you go: your progress is saved in this "
        "browser only, and it is the same progress you see on each playbook's own page.",
        tracker(reading_list(library), "checklists.md", transfer=True, badges=False),
    ]
    groups = by_stage(library.playbooks)
    chunks.append("Jump to: " + " · ".join(f"[{STAGES[stage]}](#{stage})" for stage in groups))
    for stage, items in groups.items():
        chunks.append(f"## {STAGES[stage]} {{ #{stage} }}")
        for playbook in items:
            chunks.append(f"### [{as_text(playbook.title)}](playbooks/{playbook.file_name})")
            chunks.append(checklist_block(playbook))
    return "\n\n".join(chunks) + "\n"


def sources_page(library: Library) -> str:
    """The five articles: what each argues, its full reference, and which playbooks draw on it."""
    chunks = [
        front_matter({"title": "Sources", "description": "The articles the playbooks are built from."}),
        "# Sources",
        "The playbooks build on the articles below. Facts, figures and lists taken from an article are "
        "cited where they are used, like this: ([Jordan](#jordan)). Everything else is this site's own "
        "guidance. The wording throughout is our own.",
    ]
    for source in library.sources.values():
        citing = sorted(library.citing(source.id), key=lambda p: p.title.lower())
        heading = f"{source.author}: {source.title}" if source.author else source.title
        chunks.append(f"## {heading} {{ #{source.id} }}")
        if source.about:
            chunks.append(source.about)
        chunks.append(f"Reference: {source.citation()}")
        if citing:
            count = f"{len(citing)} playbook{'s' if len(citing) != 1 else ''}"
            chunks.append(
                f"Used in {count}:\n\n" + "\n".join(f"- [{as_text(p.title)}](playbooks/{p.file_name})" for p in citing)
            )
        else:
            chunks.append("No playbook cites it yet.")
    return "\n\n".join(chunks) + "\n"
