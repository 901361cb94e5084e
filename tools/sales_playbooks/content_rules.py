"""The content rules every playbook is held to (length, checklist, questions, reading ease, links, citations)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .checklist_keys import KEY_MARKER
from .errors import Problem, Severity
from .model import SECTION_CHECKLIST, SECTION_PLAYS, SECTION_QUESTIONS, Body, Playbook
from .placeholders import PLACEHOLDER
from .validate import Checked
from .yamlsource import Marked, Pos

MIN_WORDS, MAX_WORDS = 600, 1500
MIN_CHECKLIST = 6
MIN_QUESTIONS = 3
MIN_READING_EASE = 50.0
MIN_RELATED = 2
MIN_PLAYBOOK_LINKS = 2
READING_SECTION_WORDS = 50  # a shorter section is too small to score on its own

# Every rule's code and what to do about it; CONTRIBUTING.md lists the same.
RULES: dict[str, str] = {
    "content-words": f"write {MIN_WORDS:,} to {MAX_WORDS:,} words",
    "content-checklist": f"give the checklist at least {MIN_CHECKLIST} items",
    "content-questions": f"ask at least {MIN_QUESTIONS} discussion questions",
    "content-reading-ease": f"keep the Flesch reading ease at {MIN_READING_EASE:.0f} or more",
    "content-related": f"name at least {MIN_RELATED} playbooks in 'related'",
    "content-playbook-links": f"link to at least {MIN_PLAYBOOK_LINKS} other playbooks in the text",
    "content-glossary-link": "link at least one term to the glossary",
    "content-uncited-source": "cite each article of 'sources' in the text",
    "content-unlisted-citation": "list in 'sources' each article the text cites",
}

CITATION = re.compile(r"^(?:\.\./)?sources\.md#([a-z-]+)$")
PLAYBOOK_LINK = re.compile(r"^([a-z0-9-]+\.md)(?:#.*)?$")
GLOSSARY_LINK = "../glossary.md#"
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def prose(markdown: str) -> str:
    """The words a reader reads: link targets, markup, headings' hashes and checklist keys removed."""
    text = "\n".join(KEY_MARKER.sub("", line) for line in markdown.split("\n"))  # checklist items' keys
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*#+\s*", "", text, flags=re.M)
    text = re.sub(r"^\s*(?:[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)", "", text, flags=re.M)
    text = re.sub(r"^\|.*\|\s*$", lambda m: m.group(0).replace("|", " ").replace("---", ""), text, flags=re.M)
    return re.sub(r"[*_`>]", "", text)


def words(markdown: str) -> int:
    """How many words a reader reads in the markdown."""
    return len(WORD.findall(prose(markdown)))


def reading_ease(markdown: str) -> float:
    """The Flesch reading ease of the markdown's prose."""
    from .readability import flesch_reading_ease

    return flesch_reading_ease(prose(markdown))


def playbooks_linked(playbook: Playbook) -> set[str]:
    """The file names of the other playbooks the text links to."""
    found = {m.group(1) for link in playbook.body.links if (m := PLAYBOOK_LINK.match(link.target))}
    return found - {playbook.file_name}


def links_glossary(body: Body) -> bool:
    return any(link.target.startswith(GLOSSARY_LINK) for link in body.links)


def citations(body: Body) -> list[tuple[str, Pos]]:
    """(source id, where) for each citation in the text, such as [Jordan](../sources.md#jordan)."""
    return [(m.group(1), Pos(link.line, link.col)) for link in body.links if (m := CITATION.match(link.target))]


def content_problems(checked: Sequence[Checked]) -> list[Problem]:
    """Every content rule for every playbook sound enough to read; `checked` is the whole library."""
    playbooks = [item.playbook for item in checked if item.playbook is not None]
    problems: list[Problem] = []
    for item in checked:
        if item.playbook is not None and item.meta is not None:
            problems += _shape(item.playbook)
            problems += _connections(item.playbook, item.meta, playbooks)
            problems += _citations(item.playbook, item.meta)
    return problems


def _n(count: int, noun: str) -> str:
    """'no item', '1 item', '2 items'."""
    return f"no {noun}" if count == 0 else f"{count:,} {noun}" + ("" if count == 1 else "s")


def _warning(playbook: Playbook, pos: Pos, code: str, message: str) -> Problem:
    return Problem(playbook.path, pos.line, pos.col, code, message, Severity.WARNING)


def _start(body: Body) -> Pos:
    """The body's first heading (where 'Why it matters' stands), for rules about the whole text."""
    return Pos(body.headings[0].line if body.headings else body.first_line, 1)


def _shape(playbook: Playbook) -> list[Problem]:
    """Length, checklist, questions and reading ease."""
    body, found = playbook.body, []
    count = words(body.markdown)
    if count < MIN_WORDS:
        message = (
            f"the body has {_n(count, 'word')}; write at least {MIN_WORDS:,} (at most {MAX_WORDS:,}): "
            "say more on why it matters and how to run each play"
        )
        found.append(_warning(playbook, _start(body), "content-words", message))
    elif count > MAX_WORDS:
        message = (
            f"the body has {_n(count, 'word')}; cut it to {MAX_WORDS:,} or fewer, "
            "or split it into two playbooks that link to each other"
        )
        found.append(_warning(playbook, _start(body), "content-words", message))
    checklist = body.section(SECTION_CHECKLIST)
    if checklist is not None and 0 < len(body.checklist) < MIN_CHECKLIST:  # none at all: no-checklist, an error
        message = (
            f"the checklist has {_n(len(body.checklist), 'item')}; write at least {MIN_CHECKLIST} "
            "'- [ ] ' steps a reader can do and tick off"
        )
        found.append(_warning(playbook, Pos(checklist.line, 1), "content-checklist", message))
    questions = body.section(SECTION_QUESTIONS)
    if questions is not None and 0 < len(body.questions) < MIN_QUESTIONS:  # none at all: no-questions, an error
        message = (
            f"the section has {_n(len(body.questions), 'question')}; write at least {MIN_QUESTIONS}, "
            "numbered '1. ', that a peer group can discuss"
        )
        found.append(_warning(playbook, Pos(questions.line, 1), "content-questions", message))
    if not PLACEHOLDER.search(body.markdown):  # prompts still to replace are not the author's prose yet
        found += _reading(playbook)
    return found


def _connections(playbook: Playbook, meta: Marked, library: list[Playbook]) -> list[Problem]:
    """Related playbooks, links to other playbooks and to the glossary."""
    body, found = playbook.body, []
    named = [r for r in playbook.related if not PLACEHOLDER.search(r)]  # prompts are reported as placeholders
    if len(named) < MIN_RELATED:
        such = _suggest_related(playbook, library)
        if "related" in meta.data:
            message = f"'related' names {_n(len(named), 'playbook')}; name at least {MIN_RELATED}"
        else:
            message = f"there is no 'related' field; add one that names at least {MIN_RELATED}"
        message += f" playbooks to read next, by id{such}"
        found.append(_warning(playbook, meta.key_pos("related"), "content-related", message))
    linked = playbooks_linked(playbook)
    if len(linked) < MIN_PLAYBOOK_LINKS:
        plays = body.section(SECTION_PLAYS)
        where = Pos(plays.line, 1) if plays is not None else _start(body)
        message = (
            f"the text links to {_n(len(linked), 'other playbook')}; link to at least {MIN_PLAYBOOK_LINKS} "
            "where they help the reader, written as [their title](their-id.md)"
        )
        found.append(_warning(playbook, where, "content-playbook-links", message))
    if not links_glossary(body):
        message = (
            "the text links no term to the glossary; link at least one where it is first used, "
            "written as [quota](../glossary.md#quota)"
        )
        found.append(_warning(playbook, _start(body), "content-glossary-link", message))
    return found


def _citations(playbook: Playbook, meta: Marked) -> list[Problem]:
    """Each article in 'sources' cited in the text, and each citation listed in 'sources'."""
    found = []
    cited = citations(playbook.body)
    cited_ids = {source for source, _ in cited}
    for index, source in enumerate(playbook.sources):
        if source not in cited_ids:
            message = (
                f"'{source}' is in 'sources' but the text never cites it; cite it where its facts are used, "
                f"written as [Author](../sources.md#{source}), or take it out of 'sources'"
            )
            found.append(_warning(playbook, meta.item_pos("sources", index), "content-uncited-source", message))
    for source, pos in cited:
        if source not in playbook.sources:
            message = f"the text cites '{source}', which 'sources' does not list; add it to 'sources'"
            found.append(Problem(playbook.path, pos.line, pos.col, "content-unlisted-citation", message))
    return found


def _reading(playbook: Playbook) -> list[Problem]:
    score = reading_ease(playbook.body.markdown)
    if score >= MIN_READING_EASE:
        return []
    scored = [
        (reading_ease(s.markdown), s) for s in playbook.body.sections if words(s.markdown) >= READING_SECTION_WORDS
    ]
    hardest = min(scored, key=lambda pair: pair[0], default=None)
    where, note = _start(playbook.body), ""
    if hardest is not None:
        where, note = Pos(hardest[1].line, 1), f"; the hardest section is this one ({hardest[0]:.0f})"
    message = (
        f"the reading ease is {score:.0f} (Flesch); make it {MIN_READING_EASE:.0f} or more with shorter "
        f"sentences and plainer words{note}"
    )
    return [_warning(playbook, where, "content-reading-ease", message)]


def _suggest_related(playbook: Playbook, library: list[Playbook]) -> str:
    """', such as 'a' or 'b'': the playbooks sharing most tags, then the stage, not named yet."""
    shared = [
        (len(set(p.tags) & set(playbook.tags)), p.stage == playbook.stage, p.id)
        for p in library
        if p.id != playbook.id and p.id not in playbook.related
    ]
    best = [pid for tags, stage, pid in sorted(shared, key=lambda s: (-s[0], -s[1], s[2])) if tags or stage][:2]
    return ", such as " + " or ".join(f"'{pid}'" for pid in best) if best else ""
