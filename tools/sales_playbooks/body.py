"""Parse a playbook body into headings, sections, checklist, questions and links, with line numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .errors import Problem
from .model import (
    SECTION_CHECKLIST,
    SECTION_QUESTIONS,
    Body,
    ChecklistItem,
    Heading,
    Link,
    Section,
    slugify,
)

HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
TASK = re.compile(r"^[ \t]*[-*+][ \t]+\[([ xX])\][ \t]+(.+?)\s*$")
ORDERED = re.compile(r"^\d{1,3}[.)][ \t]+(.+?)\s*$")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
HTML_ATTR_URL = re.compile(r"\b(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?([^\"'\s>]+)", re.I)
SCRIPT_TAG = re.compile(r"<\s*(script|iframe|object|embed)\b", re.I)
EVENT_ATTR = re.compile(r"<[a-zA-Z][^>]*?\s(on[a-z]+)\s*=", re.I | re.S)
AUTOLINK = re.compile(r"<([a-z]+:[^>\s]+)>", re.I)
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.I)


def _code_free_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """(index, line) pairs outside fenced code blocks, with inline code spans blanked out."""
    fence: str | None = None
    for index, line in enumerate(markdown.split("\n")):
        match = FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            continue
        yield index, INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)


def parse_body(markdown: str, first_line: int) -> Body:
    """Read the structure of a body whose first character stands on file line `first_line`."""
    headings: list[Heading] = []
    links: list[Link] = []
    starts: list[tuple[str, int, int]] = []  # (title, file line, index in lines)
    lines = markdown.split("\n")
    for index, line in _code_free_lines(markdown):
        file_line = first_line + index
        heading = HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            text = heading.group(2).strip()
            text = re.sub(r"\s*\{[^}]*\}\s*$", "", text)  # drop attribute lists such as {#anchor}
            headings.append(Heading(level, text, file_line))
            if level == 2:
                starts.append((text, file_line, index))
        for match in LINK.finditer(line):
            links.append(Link(match.group(1), match.group(2), file_line, match.start() + 1))
    sections = []
    for n, (title, file_line, index) in enumerate(starts):
        end = starts[n + 1][2] if n + 1 < len(starts) else len(lines)
        sections.append(Section(title, file_line, "\n".join(lines[index + 1 : end]).strip("\n")))
    checklist = _checklist(lines, starts, first_line)
    questions = _questions(lines, starts)
    return Body(
        markdown=markdown,
        first_line=first_line,
        headings=tuple(headings),
        sections=tuple(sections),
        checklist=tuple(checklist),
        questions=tuple(questions),
        links=tuple(links),
    )


def _section_range(starts: list[tuple[str, int, int]], title: str, total: int) -> range | None:
    for n, (name, _line, index) in enumerate(starts):
        if name == title:
            end = starts[n + 1][2] if n + 1 < len(starts) else total
            return range(index + 1, end)
    return None


def _checklist(lines: list[str], starts: list[tuple[str, int, int]], first_line: int) -> list[ChecklistItem]:
    span = _section_range(starts, SECTION_CHECKLIST, len(lines))
    items: list[ChecklistItem] = []
    seen: dict[str, int] = {}
    for index in span or ():
        match = TASK.match(lines[index])
        if not match:
            continue
        text = match.group(2)
        key = slugify(text, 48)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}-{seen[key]}"
        items.append(ChecklistItem(text, key, first_line + index, match.start(2) + 1))
    return items


def _questions(lines: list[str], starts: list[tuple[str, int, int]]) -> list[str]:
    span = _section_range(starts, SECTION_QUESTIONS, len(lines))
    return [m.group(1) for index in span or () if (m := ORDERED.match(lines[index]))]


def unsafe_html(path: str, markdown: str, first_line: int) -> list[Problem]:
    """Raw HTML or URLs in a body that could run script in a reader's browser."""
    problems: list[Problem] = []
    for index, line in _code_free_lines(markdown):
        # Most lines hold no tag, no link and no attribute: nothing to look for. An attribute may sit on
        # a line of its own inside a tag that spans lines, so `=` alone is enough to look for URLs.
        tag, link, attr = "<" in line, "](" in line, "=" in line
        if not (tag or link or attr):
            continue
        file_line = first_line + index
        for match in SCRIPT_TAG.finditer(line) if tag else ():
            problems.append(
                Problem(
                    path,
                    file_line,
                    match.start() + 1,
                    "unsafe-html",
                    f"<{match.group(1).lower()}> is not allowed: it could run code in a reader's browser",
                )
            )
        for match in EVENT_ATTR.finditer(line) if tag else ():
            problems.append(
                Problem(
                    path,
                    file_line,
                    match.start(1) + 1,
                    "unsafe-html",
                    f"the '{match.group(1)}' attribute is not allowed: it runs script",
                )
            )
        targets = [(m.group(2), m.start(2)) for m in LINK.finditer(line)] if link else []
        targets += [(m.group(1), m.start(1)) for m in IMAGE.finditer(line)] if link else []
        targets += [(m.group(1), m.start(1)) for m in HTML_ATTR_URL.finditer(line)] if attr else []
        targets += [(m.group(1), m.start(1)) for m in AUTOLINK.finditer(line)] if tag else []
        for target, start in targets:
            scheme = BAD_SCHEME.match(target)
            if scheme:
                problems.append(
                    Problem(
                        path,
                        file_line,
                        start + 1,
                        "unsafe-url",
                        f"'{scheme.group(1).lower()}:' links are not allowed: they can run script",
                    )
                )
    return problems
