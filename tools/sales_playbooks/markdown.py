"""Markdown parsed once with markdown-it-py: block tokens with line maps, inline elements with their offsets.

Every reader of a playbook body (its structure, the link and HTML checks, the forum conversion) walks
the same tokens. The parser follows the site's Markdown where it matters: raw HTML, tables, admonitions
(`!!!`, `???`), reference definitions. Links are kept whatever their scheme (markdown-it would drop
`javascript:` links silently; the checks must see them), and each inline element records where it
starts in its block, so every finding has an exact line and column.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline, autolink, backtick, html_inline, image, link
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin

Edit = tuple[int, int, str]  # replace source[from:to] with the text

# Inline rules whose tokens get the offsets of the source they came from (meta "start" and "end").
_RECORDED: dict[str, tuple[Callable[[StateInline, bool], bool], str]] = {
    "backticks": (backtick, "code_inline"),
    "link": (link, "link_open"),
    "image": (image, "image"),
    "autolink": (autolink, "link_open"),
    "html_inline": (html_inline, "html_inline"),
}


class _Parser(MarkdownIt):
    """CommonMark with tables and admonitions, that keeps every link target as written (entities decoded)."""

    def validateLink(self, url: str) -> bool:  # markdown-it's names
        return True

    def normalizeLink(self, url: str) -> str:
        return url

    def normalizeLinkText(self, link: str) -> str:
        return link


def _recording(rule: Callable[[StateInline, bool], bool], kind: str) -> Callable[[StateInline, bool], bool]:
    def recorded(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent:
            for token in state.tokens[count:]:
                if token.type == kind:
                    token.meta["start"], token.meta["end"] = start, state.pos
                    if kind in ("link_open", "image") and state.src[start] in "[!":
                        _label_and_destination(state, token, start + (kind == "image"))
                    break
        return True

    return recorded


def _label_and_destination(state: StateInline, token: Token, label_start: int) -> None:
    """Record the offsets of a link's text and, for an inline link, of its destination as written."""
    end = state.pos
    label_end = state.md.helpers.parseLinkLabel(state, label_start, token.type == "link_open")
    state.pos = end
    if label_end < 0:
        return
    token.meta["label"] = (label_start + 1, label_end)
    pos = label_end + 1
    if pos >= state.posMax or state.src[pos] != "(":
        return
    pos += 1
    while pos < state.posMax and state.src[pos] in " \t\n":
        pos += 1
    found = state.md.helpers.parseLinkDestination(state.src, pos, state.posMax)
    if found.ok:
        token.meta["dest"] = (pos, found.pos)


def _inline_where_needed(state: StateCore) -> None:
    """Inline parsing only for text that can hold a link, an image, code or HTML: the rest stays one text."""
    for token in state.tokens:
        if token.type == "inline":
            token.children = []
            if any(ch in token.content for ch in "[<`"):
                state.md.inline.parse(token.content, state.md, state.env, token.children)


def _make_parser() -> MarkdownIt:
    md = _Parser("commonmark", {"inline_definitions": True}).enable("table").use(admon_plugin)
    # Emphasis and entities change nothing the readers look at (link targets decode their own entities).
    md.disable(["emphasis", "entity", "balance_pairs", "fragments_join", "text_join"])
    md.core.ruler.at("inline", _inline_where_needed)
    for name, (rule, kind) in _RECORDED.items():
        md.inline.ruler.at(name, _recording(rule, kind))
    return md


MARKDOWN = _make_parser()


@dataclass(frozen=True)
class Target:
    """A link, image, autolink or reference definition, and where it stands in the source."""

    kind: str  # "link", "image", "autolink" or "definition"
    href: str  # as the site will use it: entities and escapes decoded
    text: str  # the link text or the reference label, as written
    at: int  # offset in the source where it starts ('[', '!' or '<')
    dest: tuple[int, int] | None  # offsets of the destination as written; None for [text][ref]
    reference: bool = False  # a [text][ref] link: its target is checked at its definition


class Parsed:
    """One markdown document: its source, its tokens, and the arithmetic from offsets to lines."""

    def __init__(self, source: str, first_line: int = 1) -> None:
        self.source = source
        self.first_line = first_line  # the file line of the source's first line
        self.tokens: list[Token] = MARKDOWN.parse(source)
        self._targets: list[Target] | None = None
        self.starts = [0]
        found = source.find("\n")
        while found >= 0:
            self.starts.append(found + 1)
            found = source.find("\n", found + 1)

    def line(self, index: int) -> str:
        """Source line `index` (from 0), without its line break."""
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.source)
        return self.source[self.starts[index] : end]

    def position(self, offset: int) -> tuple[int, int]:
        """File line and column (from 1) of a source offset."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.first_line + index, offset - self.starts[index] + 1

    def offset(self, token: Token, at: int) -> int:
        """The source offset of offset `at` in a block token's content (inline or HTML)."""
        content = token.content
        row = content.count("\n", 0, at)
        begin = content.rfind("\n", 0, at) + 1
        end = content.find("\n", at)
        piece = content[begin : end if end >= 0 else len(content)]
        index = (token.map[0] if token.map else 0) + row
        if index >= len(self.starts):
            return len(self.source)
        line = self.line(index)
        prefix = len(line) - len(piece) if line.endswith(piece) else max(line.find(piece), 0)
        return self.starts[index] + prefix + (at - begin)

    def targets(self, in_html: bool = False) -> list[Target]:
        """Every link, image, autolink and reference definition, in source order.

        `in_html`: also the Markdown links inside raw HTML blocks. CommonMark reads such a block as HTML up
        to the next blank line, but the site's Markdown ends it with its element and reads on as Markdown.
        """
        if self._targets is None:
            found: list[Target] = []
            for token in self.tokens:
                if token.type == "definition":
                    found.append(self._definition(token))
                elif token.type == "inline":
                    found += self._inline_targets(token, token)
            self._targets = found
        if not in_html:
            return self._targets
        extra = [
            target
            for token in self.tokens
            if token.type == "html_block" and ("](" in token.content or "<" in token.content)
            for target in self._inline_targets(token, MARKDOWN.parseInline(token.content)[0])
        ]
        return sorted([*self._targets, *extra], key=lambda t: t.at) if extra else self._targets

    def _inline_targets(self, block: Token, inline: Token) -> list[Target]:
        found: list[Target] = []
        for child in inline.children or ():
            if child.type not in ("link_open", "image") or "start" not in child.meta:
                continue
            start = self.offset(block, child.meta["start"])
            dest = child.meta.get("dest")
            span = (self.offset(block, dest[0]), self.offset(block, dest[1])) if dest else None
            kind = "image" if child.type == "image" else "link"
            if child.markup == "autolink":
                kind = "autolink"
                span = (start + 1, self.offset(block, child.meta["end"]) - 1)
            label = child.meta.get("label")
            text = block.content[label[0] : label[1]] if label else ""
            href = str(child.attrGet("src" if kind == "image" else "href") or "")
            found.append(Target(kind, href, text, start, span, reference=span is None and kind != "autolink"))
        return found

    def _definition(self, token: Token) -> Target:
        """A reference definition `[label]: url`: where its destination stands, found from its line."""
        start = self.starts[token.map[0]] if token.map else 0
        meta = token.meta
        begin = self.source.find("[", start)
        colon = self.source.find("]:", begin)
        pos = colon + 2
        while pos < len(self.source) and self.source[pos] in " \t\n>":
            pos += 1
        found = MARKDOWN.helpers.parseLinkDestination(self.source, pos, len(self.source))
        span = (pos, found.pos) if found.ok and begin >= 0 and colon >= 0 else None
        return Target("definition", str(meta.get("url", "")), str(meta.get("label", "")), max(begin, start), span)


def spans_of(inline: Token, autolinks: bool = False) -> list[tuple[int, int]]:
    """Offsets of the code spans (and autolinks, if asked) in an inline token's content."""
    return [
        (child.meta["start"], child.meta["end"])
        for child in inline.children or ()
        if "start" in child.meta and (child.type == "code_inline" or (autolinks and child.markup == "autolink"))
    ]


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span turned to spaces (line breaks kept), so offsets stay where they were."""
    for start, end in spans:
        text = text[:start] + "".join("\n" if ch == "\n" else " " for ch in text[start:end]) + text[end:]
    return text


def apply_edits(source: str, start: int, end: int, edits: list[Edit]) -> str:
    """source[start:end] with every edit that lies inside it applied (of two that overlap, the first)."""
    out: list[str] = []
    pos = start
    for begin, stop, text in sorted(edits):
        if begin < pos or stop > end:
            continue
        out += [source[pos:begin], text]
        pos = stop
    out.append(source[pos:end])
    return "".join(out)
