"""Where a parsed playbook body could run script: every HTML token, attribute list and link target, checked.

Code (fenced, indented, inline) is text and never checked. Raw HTML is read by htmlscan as a browser
reads it; so is the raw text of each paragraph, heading and table cell, because the site's Markdown
passes a tag through wherever it finds one, even where CommonMark would print it. Attribute lists
(`{ key=value }`) can set any attribute, so they are checked as tags are. Links, images, autolinks and
reference definitions are checked by their scheme (`[text][ref]` once, at its definition).
"""

from __future__ import annotations

import html
import re

from markdown_it.token import Token

from .errors import Problem
from .htmlscan import attribute_finding, bad_scheme, open_elements, scan_html, scheme_message
from .markdown import MARKDOWN, Parsed, blanked, spans_of

ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
ATTR_PAIR = re.compile(r"""([^\s=#.{}'"]+)\s*=\s*("[^"]*"|'[^']*'|[^\s}]+)""")
# A reference definition in the middle of a paragraph: CommonMark reads text, the site's Markdown a definition.
LOOSE_DEFINITION = re.compile(r"^ {0,3}\[[^\[\]]*\]:[ \t]*(\S+)", re.M)


def unsafe_html(path: str, markdown: str, first_line: int) -> list[Problem]:
    """Raw HTML or URLs in a body that could run script in a reader's browser."""
    return unsafe_in(path, Parsed(markdown, first_line))


def unsafe_in(path: str, parsed: Parsed) -> list[Problem]:
    """The same, for a body already parsed."""
    found: list[tuple[int, str, str]] = []  # (source offset, code, message)
    for token in parsed.tokens:
        if token.type in ("html_block", "inline"):
            found += _text(parsed, token)
        elif token.type == "fence" and "{" in token.info and token.map:
            start = parsed.starts[token.map[0]]
            line = parsed.line(token.map[0])
            found += [(start + at, code, message) for at, code, message in _attribute_lists(line)]
    for target in parsed.targets(in_html=True):
        scheme = None if target.reference else bad_scheme(target.href)
        if scheme:
            found.append((target.dest[0] if target.dest else target.at, "unsafe-url", scheme_message(scheme)))
    problems = [Problem(path, *parsed.position(offset), code, message) for offset, code, message in found]
    return sorted(problems, key=lambda p: (p.line, p.col))


def _text(parsed: Parsed, token: Token) -> list[tuple[int, str, str]]:
    """Findings in the raw text of an HTML block or of a block's inline content (code and autolinks left out)."""
    text = token.content
    if "<" not in text and "{" not in text and "]:" not in text:
        return []
    text = blanked(text, _not_markup(token))
    found = [(f.offset, f.code, f.message) for f in scan_html(text)]
    if "{" in text:
        found += _attribute_lists(text)
    if "]:" in text:
        for match in LOOSE_DEFINITION.finditer(text):
            scheme = bad_scheme(html.unescape(match.group(1)))
            if scheme:
                found.append((match.start(1), "unsafe-url", scheme_message(scheme)))
    return [(parsed.offset(token, at), code, message) for at, code, message in found]


def _not_markup(token: Token) -> list[tuple[int, int]]:
    """Spans of code and autolinks in a block's text: text to a browser, or checked as links.

    In an HTML block only those outside every element count: the site's Markdown reads on as Markdown
    once the block's element is closed, but inside an element a backtick is just a backtick.
    """
    spans = spans_of(token if token.type == "inline" else MARKDOWN.parseInline(token.content)[0], autolinks=True)
    if token.type == "inline" or not spans:
        return spans
    depths = open_elements(token.content, [start for start, _ in spans])
    return [span for span, depth in zip(spans, depths, strict=True) if depth == 0]


def _attribute_lists(text: str) -> list[tuple[int, str, str]]:
    """Attributes set by `{ key=value }` lists that could run script, at their offsets in `text`."""
    found: list[tuple[int, str, str]] = []
    for block in ATTR_LIST.finditer(text):
        for pair in ATTR_PAIR.finditer(block.group(1)):
            value = pair.group(2)
            value = value[1:-1] if value[:1] in "'\"" and len(value) > 1 else value
            finding = attribute_finding(pair.group(1), html.unescape(value))
            if finding:
                quoted = pair.group(2)[:1] in "'\""
                at = block.start(1) + (pair.start(2) + quoted if finding[0] == "unsafe-url" else pair.start(1))
                found.append((at, *finding))
    return found
