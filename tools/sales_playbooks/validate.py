"""Every rule a playbook must pass, within one file and across files. Returns problems; raises none."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .body import parse_body
from .checklist_keys import key_problems
from .errors import Problem
from .fields import REQUIRED, FieldCheck
from .forum_rules import ForumLimits, body_problems, clean_title
from .model import BODY_SECTIONS, SECTION_CHECKLIST, SECTION_QUESTIONS, Playbook
from .placeholders import PLACEHOLDER, placeholder_problems
from .unsafe import unsafe_in
from .yamlsource import FrontMatterDoc, Marked, Pos


def suggest(wrong: str, choices: Iterable[str], prefix: str = "") -> str:
    """'; did you mean 'x'?' for the closest choice, or nothing when none is close."""
    found = difflib.get_close_matches(wrong, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{prefix}{found[0]}'?" if found else ""


@dataclass(frozen=True)
class Context:
    """What the rules need to know beyond the file itself."""

    sources: frozenset[str]
    docs_pages: frozenset[str]  # docs-relative paths of pages that exist on the site (hand-written or generated)
    limits: ForumLimits
    today: dt.date
    forum_body: Callable[[Playbook], str]  # renders the first forum post, to check the forum's length limits


@dataclass
class Checked:
    """One file after checking: the playbook if it is sound enough to use, and where its fields stand."""

    path: str
    file_name: str
    playbook: Playbook | None
    id: str | None
    title: str | None
    positions: dict[str, Pos]
    related_positions: list[Pos]
    problems: list[Problem]
    previous_positions: list[Pos] = field(default_factory=list)
    meta: Marked | None = None  # the front matter with where each key and item stands, for the content rules


def check_file(path: str, file_name: str, doc: FrontMatterDoc, ctx: Context) -> Checked:
    """Check one playbook file on its own."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    positions: dict[str, Pos] = {}
    related_positions: list[Pos] = []
    previous_positions: list[Pos] = []
    if doc.meta is not None:
        fields = FieldCheck(path, doc.meta, set(ctx.sources), ctx.limits, ctx.today)
        values = fields.run()
        problems += fields.problems
        positions = {key: doc.meta.value_pos(key) for key in doc.meta.data}
        related_positions = doc.meta.items.get("related", [])
        previous_positions = doc.meta.items.get("previous_ids", [])
    body = parse_body(doc.body, doc.body_line)
    problems += _structure(path, body, doc.body_line)
    problems += unsafe_in(path, body.parsed) if body.parsed is not None else []
    problems += placeholder_problems(path, doc)
    playbook = None
    if doc.meta is not None and set(values) >= set(REQUIRED):
        playbook = Playbook(
            id=values["id"],
            path=path,
            file_name=file_name,
            title=values["title"],
            summary=values["summary"],
            audience=tuple(values["audience"]),
            stage=values["stage"],
            tags=tuple(values["tags"]),
            owner=values["owner"],
            reviewed=values["reviewed"],
            review_every=values["review_every"],
            sources=tuple(values["sources"]),
            related=tuple(values.get("related", ())),
            body=body,
            order=values.get("order"),
            previous_ids=tuple(values.get("previous_ids", ())),
        )
        for code, message in body_problems(ctx.forum_body(playbook), ctx.limits):
            problems.append(Problem(path, doc.body_line, 1, code, message))
    return Checked(
        path=path,
        file_name=file_name,
        playbook=playbook,
        id=values.get("id") if isinstance(values.get("id"), str) else None,
        title=values.get("title"),
        positions=positions,
        related_positions=list(related_positions),
        problems=problems,
        previous_positions=list(previous_positions),
        meta=doc.meta,
    )


def _structure(path: str, body: Any, first_line: int) -> list[Problem]:
    problems: list[Problem] = []
    for heading in body.headings:
        if heading.level == 1:
            problems.append(
                Problem(
                    path,
                    heading.line,
                    1,
                    "h1-in-body",
                    "do not write a level-1 heading; the title comes from the front matter",
                )
            )
    found = [h for h in body.headings if h.level == 2]
    names = {h.text for h in found}
    for heading in found:
        if heading.text not in BODY_SECTIONS:
            problems.append(
                Problem(
                    path,
                    heading.line,
                    4,
                    "unknown-section",
                    f"'## {heading.text}' is not part of the body pattern; use level-3 headings "
                    "inside a section, or one of: " + ", ".join(BODY_SECTIONS),
                )
            )
    for wanted in BODY_SECTIONS:
        if wanted not in names:
            problems.append(Problem(path, first_line, 1, "missing-section", f"the body has no '## {wanted}' section"))
    firsts: dict[str, int] = {}
    for heading in found:
        if heading.text not in BODY_SECTIONS:
            continue
        if heading.text in firsts:
            problems.append(Problem(path, heading.line, 4, "duplicate-section", f"'## {heading.text}' appears twice"))
        else:
            firsts[heading.text] = heading.line
    order = sorted(firsts, key=firsts.__getitem__)
    for seen, wanted in zip(order, [n for n in BODY_SECTIONS if n in firsts], strict=True):
        if seen != wanted:
            problems.append(
                Problem(
                    path,
                    firsts[seen],
                    4,
                    "section-order",
                    "sections must come in this order: " + ", ".join(BODY_SECTIONS),
                )
            )
            break
    checklist = body.section(SECTION_CHECKLIST)
    problems += key_problems(path, body.checklist)
    if checklist is not None and not body.checklist:
        problems.append(
            Problem(path, checklist.line, 1, "no-checklist", "the checklist needs at least one '- [ ] ' item")
        )
    questions = body.section(SECTION_QUESTIONS)
    if questions is not None and not body.questions:
        problems.append(
            Problem(
                path,
                questions.line,
                1,
                "no-questions",
                "the discussion questions need at least one numbered question ('1. ...')",
            )
        )
    return problems


def check_across(checked: list[Checked], ctx: Context) -> list[Problem]:
    """Rules that need every file: unique ids and titles, related ids that resolve (links: link_check.py)."""
    problems: list[Problem] = []
    first_id: dict[str, Checked] = {}
    first_title: dict[str, Checked] = {}
    for item in checked:
        if item.id:
            if item.id in first_id:
                other = first_id[item.id]
                pos = item.positions["id"]
                problems.append(
                    Problem(
                        item.path, pos.line, pos.col, "duplicate-id", f"id '{item.id}' is already used by {other.path}"
                    )
                )
            else:
                first_id[item.id] = item
        if item.title:
            key = clean_title(item.title).lower()
            if key in first_title:
                pos = item.positions["title"]
                problems.append(
                    Problem(
                        item.path,
                        pos.line,
                        pos.col,
                        "duplicate-title",
                        f"the title is already used by {first_title[key].path}; "
                        "the forum refuses two topics with one title",
                    )
                )
            else:
                first_title[key] = item
    problems += _previous_ids_across(checked, first_id)
    for item in checked:
        playbook = item.playbook
        if playbook is None:
            continue
        for index, related in enumerate(playbook.related):
            pos = item.related_positions[index] if index < len(item.related_positions) else item.positions["related"]
            if PLACEHOLDER.search(related):
                continue  # a prompt from `playbooks new`, reported as a placeholder
            if related == playbook.id:
                problems.append(
                    Problem(item.path, pos.line, pos.col, "related-self", "a playbook cannot be related to itself")
                )
            elif related not in first_id:
                problems.append(
                    Problem(
                        item.path,
                        pos.line,
                        pos.col,
                        "unknown-related",
                        f"no playbook has the id '{related}'{suggest(related, first_id)}",
                    )
                )
    return problems


def _previous_ids_across(checked: list[Checked], current: dict[str, Checked]) -> list[Problem]:
    """A previous id names one old topic: no current playbook may have it, and only one playbook may claim it."""
    problems: list[Problem] = []
    claimed: dict[str, Checked] = {}
    for item in checked:
        if item.playbook is None:
            continue
        for index, old in enumerate(item.playbook.previous_ids):
            pos = item.previous_positions[index] if index < len(item.previous_positions) else item.positions["id"]
            if old in current and current[old] is not item:
                message = f"'{old}' is the id of {current[old].path}; a previous id must belong to no current playbook"
                problems.append(Problem(item.path, pos.line, pos.col, "previous-id-in-use", message))
            elif old in claimed:
                message = f"'{old}' is already a previous id of {claimed[old].path}; its topic can go to one playbook"
                problems.append(Problem(item.path, pos.line, pos.col, "previous-id-claimed", message))
            else:
                claimed[old] = item
    return problems
