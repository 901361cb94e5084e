"""Playbook -> the markdown of its forum topic's first post (Discourse markdown only). Pure.

The conversion reads the body's tokens: MkDocs-only syntax (admonitions, attribute lists, icons,
abbreviation definitions) is turned into plain Markdown or dropped, and relative links to site pages
are made absolute. Code is left as written. `forum_post_lines` also says which file line each line
of the post comes from (forum_lines.py), so that an edit made in the forum can come back.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from markdown_it.token import Token

from .forum_lines import ForumLines, Way, line_map
from .forum_rules import stored_raw
from .identity import topic_external_id, topic_marker
from .links import link_edits, page_url
from .markdown import Edit, Parsed, apply_edits, blanked, spans_of
from .model import SECTION_PLAYS, SECTION_SOURCES, Playbook, Source

ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*(?:[#.][\w-]+[ \t]*|[\w-]+=\S+[ \t]*)+\}")
ICON = re.compile(r":(?:material|fontawesome|octicons|simple)-[a-z0-9-]+:[ \t]?")
ABBREVIATION = re.compile(r"^\*\[[^\]]+\]:.*$", re.M)
QUOTED_TITLE = re.compile(r'"([^"]*)"')
LINE_BREAKS = re.compile(r"[ \t]*\n[ \t]*")


def forum_edits(parsed: Parsed, from_uri: str, site_url: str) -> list[Edit]:
    """Every change the forum needs, as edits of the parsed source."""
    edits = link_edits(parsed, from_uri, site_url)
    for token in parsed.tokens:
        if token.type == "admonition_open":
            edits += _admonition(parsed, token)
        elif token.type == "inline":
            edits += _text(parsed, token)
        elif token.type == "fence" and token.map and "{" in token.info:
            start, line = parsed.starts[token.map[0]], parsed.line(token.map[0])
            edits += [(start + m.start(), start + m.end(), "") for m in ATTR_LIST.finditer(line)]
    return edits


def _admonition(parsed: Parsed, token: Token) -> list[Edit]:
    """`!!! kind "Title"` and its indented lines become a quote with the title in bold."""
    first, end = token.map or (0, 0)
    while end - 1 > first and not parsed.line(end - 1).strip():
        end -= 1  # blank lines after the admonition stay outside the quote
    title = QUOTED_TITLE.search(token.info)
    head = parsed.starts[first]
    edits: list[Edit] = [
        (head, head + len(parsed.line(first)), f"> **{title.group(1)}**")
        if title and title.group(1)
        else (head, head + len(parsed.line(first)) + 1, "")
    ]
    for index in range(first + 1, end):
        start, line = parsed.starts[index], parsed.line(index)
        if not line.strip():
            edits.append((start, start + len(line), ">"))
        else:
            indent = len(line) - len(line.lstrip(" "))
            edits.append((start, start + min(indent, 4), "> "))
    return edits


def _text(parsed: Parsed, token: Token) -> list[Edit]:
    """Attribute lists and icons removed from a block's text, abbreviation definitions with their line."""
    text = blanked(token.content, spans_of(token))
    found = [m.span() for m in ATTR_LIST.finditer(text)] if "{" in text else []
    found += [m.span() for m in ICON.finditer(text)] if ":" in text else []
    edits = [(parsed.offset(token, start), parsed.offset(token, end), "") for start, end in found]
    for match in ABBREVIATION.finditer(text) if "*[" in text else ():
        begin = parsed.offset(token, match.start())
        edits.append((begin, min(parsed.offset(token, match.end()) + 1, len(parsed.source)), ""))
    return edits


def discourse_markdown(markdown: str, from_uri: str, site_url: str) -> str:
    """MkDocs-only syntax removed or turned into plain markdown; links made absolute."""
    return apply_edits(markdown, 0, len(markdown), forum_edits(Parsed(markdown), from_uri, site_url))


def forum_post(playbook: Playbook, sources: Mapping[str, Source], site_url: str) -> str:
    """The first post: summary, plays, checklist, questions, sources, the way back to the site, and the line
    that names the topic's external_id (identity.topic_marker)."""
    body = playbook.body
    parsed = body.parsed if body.parsed is not None else Parsed(body.markdown, body.first_line)
    edits = forum_edits(parsed, playbook.page_uri, site_url)

    def text(span: tuple[int, int], written: str = "") -> str:
        """The body's markdown in `span`, converted; what was written when the span is not known."""
        return apply_edits(body.markdown, *span, edits) if span != (0, 0) else written

    url = page_url(site_url, playbook.page_uri)
    plays = body.section(SECTION_PLAYS)
    notes = body.section(SECTION_SOURCES)
    notes_text = text(notes.span, notes.markdown).strip("\n") if notes else ""
    checklist = (LINE_BREAKS.sub(" ", text(item.span, item.text)).strip() for item in body.checklist)
    spans = body.question_spans if len(body.question_spans) == len(body.questions) else [(0, 0)] * len(body.questions)
    questions = (LINE_BREAKS.sub(" ", text(span, q)).strip() for span, q in zip(spans, body.questions, strict=True))
    parts = [f"*{playbook.summary}*"]
    if plays is not None:
        parts.append("## The plays\n\n" + text(plays.span, plays.markdown).strip())
    parts.append("## Checklist\n\n" + "\n".join(f"- [ ] {item}" for item in checklist))
    parts.append("## Discussion questions\n\n" + "\n".join(f"{n}. {q}" for n, q in enumerate(questions, 1)))
    refs = "\n".join(f"- {sources[s].citation()}" for s in playbook.sources if s in sources)
    parts.append("## Sources\n\n" + ((notes_text + "\n\n") if notes_text else "") + refs)
    parts.append(
        "---\n"
        f"Read the full playbook on the site: [{playbook.title}]({url}). "
        "Spotted something to improve? You can edit it through a pull request "
        "(use the edit button on the page)."
    )
    parts.append(topic_marker(topic_external_id(playbook.id)))
    return stored_raw("\n\n".join(parts))


def forum_post_lines(
    playbook: Playbook, sources: Mapping[str, Source], site_url: str, file_text: str, pages: Collection[str]
) -> ForumLines:
    """The first post with its line map: the file line each rendered line comes from, or None when the
    renderer wrote it (the header, the footer, citations, lines it joined or changed beyond undoing).
    `file_text` is the playbook file as read; `pages` the site's docs paths, for links written back."""
    text = forum_post(playbook, sources, site_url)
    way = Way(playbook.page_uri, site_url, pages)

    def convert(line: str) -> str:
        return discourse_markdown(line, playbook.page_uri, site_url)

    source = file_text.replace("\r\n", "\n").split("\n")
    return ForumLines(text, line_map(text.split("\n"), source, playbook.body.first_line - 1, convert, way))
