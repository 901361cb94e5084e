"""Which line of a playbook file each line of its forum post comes from, and how a forum line goes back.

The forum post is rendered from the file (render_forum.py): most lines are the file's own lines, some
with their site links made absolute, an admonition's body quoted, a list renumbered; the header, the
footer, the citations and lines joined from several are the renderer's own ("generated"). The map
aligns the rendered lines with the body's lines in order, and keeps a pair only when the way back
(`source_form`) gives the file's line exactly, so an edit made in the forum can be written back.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from .checklist_keys import KEY_MARKER, words_key
from .identity import NAMING_LINE
from .links import page_path

LIST_PREFIX = re.compile(r"^(\s*)(?:\d+[.)]|[-*+])(?:[ \t]+\[[ xX]\])?[ \t]+")
URL_IN_LINK = re.compile(r"(\]\(\s*<?|<|\]:\s*)(https?://[^\s)>]+)")
NUMBERED = re.compile(r"^(\s*)\d+([.)])")
CHECKED = re.compile(r"^(\s*[-*+][ \t]+)\[[xX]\]")
INDENT = "    "


@dataclass(frozen=True)
class ForumLines:
    """A rendered forum post and, per line, the 0-based line of the playbook file it comes from (None: generated)."""

    text: str
    source: tuple[int | None, ...]

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def without_naming(self) -> ForumLines:
        """The post and its line map without the line naming the topic (see `without_naming_line`)."""
        lines = self.lines
        kept = _kept_without_naming(lines)
        return ForumLines("\n".join(lines[i] for i in kept), tuple(self.source[i] for i in kept))


def without_naming_line(text: str) -> str:
    """A post's own text: every line naming the topic taken out with the blank line before it (wherever a
    person moved it, whatever id it names), and the blank lines left at the end. What people write is
    compared and merged on this; the line is the sync's (identity.topic_marker), which it writes back."""
    lines = text.split("\n")
    return "\n".join(lines[i] for i in _kept_without_naming(lines))


def _kept_without_naming(lines: Sequence[str]) -> list[int]:
    kept: list[int] = []
    for index, line in enumerate(lines):
        if NAMING_LINE.fullmatch(line):
            if kept and not lines[kept[-1]].strip():
                kept.pop()
            continue
        kept.append(index)
    while kept and not lines[kept[-1]].strip():
        kept.pop()
    return kept


@dataclass(frozen=True)
class Way:
    """How rendered lines go back to the file: the page's docs path, the site, and the pages links may name."""

    from_uri: str
    site_url: str
    pages: Collection[str]  # docs paths of the site's pages, such as "playbooks/x.md" or "glossary.md"

    def relative(self, url: str, known: dict[str, str]) -> str:
        """A site URL in the form the file writes it: as the same line wrote it, else relative to the page."""
        if url in known:
            return known[url]
        site = self.site_url.rstrip("/") + "/"
        if not url.startswith(site):
            return url
        path, _, fragment = url[len(site) :].partition("#")
        for uri in self.pages:
            if page_path(uri) == path or (path == "" and uri == "index.md"):
                target = posixpath.relpath(uri, posixpath.dirname(self.from_uri) or ".")
                return target + (f"#{fragment}" if fragment else "")
        return url


def key(line: str) -> str:
    """A line as the alignment compares it: list numbers and check marks do not count."""
    return CHECKED.sub(r"\1[ ]", NUMBERED.sub(r"\1#\2", line.rstrip()))


def candidates(line: str, quoted: bool, convert: Callable[[str], str]) -> set[str]:
    """The forms a file line may take in the forum post."""
    if not line.strip():
        return {"", ">"}
    line = without_key(line)  # a checklist item's key is left out of the forum post
    forms = {line, convert(line)}
    if quoted and line.startswith(INDENT):
        forms |= {"> " + convert(line[len(INDENT) :]), "> " + line[len(INDENT) :]}
    return {key(f) for f in forms}


def source_form(forum_line: str, file_line: str, way: Way, links: dict[str, str]) -> str:
    """A forum line written back in place of `file_line`: site links relative again, an admonition's quote
    indented again, the file's own list number and check mark kept."""
    text = URL_IN_LINK.sub(lambda m: m.group(1) + way.relative(m.group(2), links), forum_line.rstrip())
    if file_line.startswith(INDENT) and text.startswith(">"):
        rest = text[1:].removeprefix(" ")
        text = INDENT + rest if rest else ""
    theirs, ours = LIST_PREFIX.match(text), LIST_PREFIX.match(file_line)
    if theirs and ours and theirs.group(0).strip()[:1].isdigit() == ours.group(0).strip()[:1].isdigit():
        text = ours.group(0) + text[theirs.end() :]
    return text


def without_key(line: str) -> str:
    """A file line as the forum post shows it when it is a checklist item with a key: the key left out."""
    marker = KEY_MARKER.search(line) if LIST_PREFIX.match(line) else None
    return (line[: marker.start()] if marker else line).rstrip()


def carry_keys(replaced: Sequence[str], new: Sequence[str], taken: Collection[str]) -> list[str]:
    """The forum's lines with checklist keys, which the forum post leaves out: each replaced item's key goes
    to the new item most like it (so a reworded item keeps its readers' ticks), and an added item gets the
    key made from its words, as validate expects, made unique among the file's other keys."""
    out = list(new)
    free = [i for i, line in enumerate(new) if LIST_PREFIX.match(line) and not KEY_MARKER.search(line)]
    for line in replaced:
        marker = KEY_MARKER.search(line) if LIST_PREFIX.match(line) else None
        if marker is None or not free:
            continue
        text = line[: marker.start()]
        best = max(free, key=lambda i: SequenceMatcher(None, text, new[i]).ratio())
        out[best] += marker.group(0)
        free.remove(best)
    used = set(taken) | {m.group(1) for line in out if (m := KEY_MARKER.search(line))}
    for i in free:
        prefix = LIST_PREFIX.match(out[i])
        base = words_key(out[i][prefix.end() :] if prefix else out[i])
        key_, n = base, 2
        while key_ in used:
            key_, n = f"{base}-{n}", n + 1
        used.add(key_)
        out[i] += f" {{#{key_}}}"
    return out


def known_links(file_line: str, convert: Callable[[str], str]) -> dict[str, str]:
    """Each absolute URL the renderer writes for a link of this file line -> the link as the file wrote it."""
    rendered = [m.group(2) for m in URL_IN_LINK.finditer(convert(file_line))]
    written = [m.group(0) for m in re.finditer(r"(?<=\]\()[^\s)]+", file_line)]
    return dict(zip(rendered, written, strict=False)) if len(rendered) == len(written) else {}


def admonition_lines(source: Sequence[str], start: int) -> set[int]:
    """Lines of the body inside an admonition (`!!! kind` and its indented or blank lines)."""
    inside: set[int] = set()
    current = False
    for index in range(start, len(source)):
        line = source[index]
        if line.startswith("!!!") or line.startswith("???"):
            current = True
        elif current and (line.startswith(INDENT) or not line.strip()):
            inside.add(index)
        else:
            current = False
    return inside


def line_map(
    rendered: Sequence[str], source: Sequence[str], body_start: int, convert: Callable[[str], str], way: Way
) -> tuple[int | None, ...]:
    """The file line (0-based) of each rendered line, or None; only body lines (from `body_start`) count."""
    quoted = admonition_lines(source, body_start)
    body = range(body_start, len(source))
    forms = [candidates(source[j], j in quoted, convert) for j in body]
    n, m = len(rendered), len(body)
    keys = [key(line) for line in rendered]
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            take = (2 if keys[i].strip(" >") else 1) + below[j + 1] if keys[i] in forms[j] else 0
            row[j] = max(take, below[j], row[j + 1])
    found: list[int | None] = [None] * n
    i = j = 0
    while i < n and j < m:
        if keys[i] in forms[j] and best[i][j] == (2 if keys[i].strip(" >") else 1) + best[i + 1][j + 1]:
            file_line = source[body_start + j]
            back = source_form(rendered[i], file_line, way, known_links(file_line, convert))
            found[i] = body_start + j if back in (file_line.rstrip(), without_key(file_line)) else None
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return tuple(found)
