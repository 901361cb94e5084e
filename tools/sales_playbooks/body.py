"""A playbook body's structure, read from its parsed tokens: headings, sections, checklist, questions, links."""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it.token import Token

from .checklist_keys import KEY_MARKER, words_key
from .markdown import Parsed
from .model import (
    SECTION_CHECKLIST,
    SECTION_QUESTIONS,
    Body,
    ChecklistItem,
    Heading,
    Link,
    Section,
)

TASK = re.compile(r"\[([ xX])\][ \t]+(?=\S)")
ATTR_LIST_END = re.compile(r"\s*\{[^}]*\}\s*$")  # a heading's attribute list, such as {#anchor}
NUMBERING = re.compile(r"^\d+[.)]\s*")
LINE_BREAKS = re.compile(r"[ \t]*\n[ \t]*")


def parse_body(markdown: str, first_line: int) -> Body:
    """Read the structure of a body whose first character stands on file line `first_line`."""
    parsed = Parsed(markdown, first_line)
    tokens = parsed.tokens
    headings: list[Heading] = []
    starts: list[tuple[str, int]] = []  # (title, token index) of each level-2 heading at the top
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.level == 0 and token.map:
            heading = Heading(int(token.tag[1]), _heading_text(tokens[index + 1]), first_line + token.map[0])
            headings.append(heading)
            if heading.level == 2:
                starts.append((heading.text, index))
    lines = markdown.split("\n")
    sections = []
    for n, (title, index) in enumerate(starts):
        begin = _map(tokens[index])[1]
        end = _map(tokens[starts[n + 1][1]])[0] if n + 1 < len(starts) else len(lines)
        span = (_line_start(parsed, begin), _line_start(parsed, end))
        text = "\n".join(lines[begin:end]).strip("\n")
        sections.append(Section(title, first_line + _map(tokens[index])[0], text, span))
    checklist = _checklist(parsed, _section_tokens(tokens, starts, SECTION_CHECKLIST))
    questions = [
        (text, span)
        for item, inline, kind in _items(_section_tokens(tokens, starts, SECTION_QUESTIONS))
        if kind == "ordered_list" and item.level == 1
        for text, span in [_item_text(parsed, inline, 0)]
    ]
    targets = parsed.targets()
    links = [Link(t.text, t.href, *parsed.position(t.at)) for t in targets if t.kind == "link"]
    images = [Link(t.text, t.href, *parsed.position(t.at)) for t in targets if t.kind == "image"]
    return Body(
        markdown=markdown,
        first_line=first_line,
        headings=tuple(headings),
        sections=tuple(sections),
        checklist=tuple(checklist),
        questions=tuple(text for text, _ in questions),
        links=tuple(links),
        images=tuple(images),
        question_spans=tuple(span for _, span in questions),
        parsed=parsed,
    )


def _map(token: Token) -> list[int]:
    return token.map or [0, 0]


def _line_start(parsed: Parsed, index: int) -> int:
    return parsed.starts[index] if index < len(parsed.starts) else len(parsed.source)


def _heading_text(inline: Token) -> str:
    return ATTR_LIST_END.sub("", inline.content.strip())


def _section_tokens(tokens: list[Token], starts: list[tuple[str, int]], title: str) -> list[Token]:
    for n, (name, index) in enumerate(starts):
        if name == title:
            return tokens[index : starts[n + 1][1] if n + 1 < len(starts) else len(tokens)]
    return []


def _items(tokens: list[Token]) -> Iterator[tuple[Token, Token, str]]:
    """(list item, the inline text of its first paragraph, 'bullet_list' or 'ordered_list') in order."""
    lists: list[str] = []
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(token.type[: -len("_open")])
        elif token.type in ("bullet_list_close", "ordered_list_close") and lists:
            lists.pop()
        elif token.type == "list_item_open" and lists and index + 2 < len(tokens) and _opens_paragraph(tokens, index):
            yield token, tokens[index + 2], lists[-1]


def _opens_paragraph(tokens: list[Token], index: int) -> bool:
    return tokens[index + 1].type == "paragraph_open" and tokens[index + 2].type == "inline"


def _item_text(parsed: Parsed, inline: Token, at: int, end: int | None = None) -> tuple[str, tuple[int, int]]:
    """An item's text from offset `at` to `end` (its end) of its inline content, on one line, and its span in
    the source."""
    content = inline.content[:end]
    span = (parsed.offset(inline, at), parsed.offset(inline, len(content)))
    return LINE_BREAKS.sub(" ", content[at:]).strip(), span


def _checklist(parsed: Parsed, tokens: list[Token]) -> list[ChecklistItem]:
    """The task-list items, each with its key: the `{#key}` that ends it (checklist_keys.py), else one made from
    its words (numbered when two items have the same words)."""
    items: list[ChecklistItem] = []
    seen: dict[str, int] = {}
    for _item, inline, kind in _items(tokens):
        match = TASK.match(inline.content)
        if kind != "bullet_list" or not match:
            continue
        marker = KEY_MARKER.search(inline.content, match.end())
        text, span = _item_text(parsed, inline, match.end(), marker.start() if marker else None)
        line, col = parsed.position(span[0])
        if marker is not None:
            key = marker.group(1)
            key_at: tuple[int, int] | None = parsed.position(parsed.offset(inline, marker.start(1) - 2))
        else:
            key, key_at = words_key(text), None
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key = f"{key}-{seen[key]}"
        items.append(ChecklistItem(text, key, line, col, span, key_at))
    return items


def bullets_under(body: Body, title: str) -> tuple[str, ...]:
    """The bulleted items under the heading `title` (numbering ignored), without their quotes."""
    tokens = body.parsed.tokens if body.parsed is not None else Parsed(body.markdown).tokens
    wanted = title.strip().lower()
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.level != 0:
            continue
        if NUMBERING.sub("", _heading_text(tokens[index + 1])).strip().lower() != wanted:
            continue
        end = next(
            (n for n in range(index + 1, len(tokens)) if tokens[n].type == "heading_open" and tokens[n].level == 0),
            len(tokens),
        )
        found = (
            LINE_BREAKS.sub(" ", inline.content).strip().strip("\"“”'")
            for _item, inline, kind in _items(tokens[index:end])
            if kind == "bullet_list"
        )
        return tuple(text for text in found if text)
    return ()
