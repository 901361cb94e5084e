"""A forum edit merged into a playbook file: a three-way merge (merge3) of the rendered forum posts, each
hunk of the forum's side then written back onto the file lines it came from.

Base is the post as the sync last wrote it, theirs the post as the forum shows it now, ours the post the
file renders to now (with its line map). A hunk only the forum changed is applied when every line it
replaces comes from the file; one that touches a line the renderer writes (the header, the footer, a
citation, a joined line) is rejected with the reason. A hunk both sides changed differently is a
conflict: then the file is left exactly as it is, and both versions are reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from merge3 import Merge3

from .checklist_keys import KEY_MARKER
from .forum_lines import ForumLines, Way, carry_keys, known_links, source_form, without_naming_line


@dataclass(frozen=True)
class Hunk:
    """One change of the forum's side: the post's lines it replaced and the lines it put there.

    `line` is the 1-based line of the post (as rendered now) where it starts; `file_line` the 1-based
    line of the file it lands on, once applied; `reason` why it was not applied."""

    line: int
    before: tuple[str, ...]
    after: tuple[str, ...]
    file_line: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class ConflictHunk:
    """Both sides changed the same lines of the post: the repository's version and the forum's."""

    line: int
    base: tuple[str, ...]
    ours: tuple[str, ...]
    theirs: tuple[str, ...]


@dataclass
class Merged:
    """What came of merging: the file's new text (None: leave it as it is) and every hunk, sorted."""

    text: str | None
    applied: list[Hunk] = field(default_factory=list)
    rejected: list[Hunk] = field(default_factory=list)
    conflicts: list[ConflictHunk] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """Every change of the forum's side came home."""
        return not self.rejected and not self.conflicts


@dataclass(frozen=True)
class Gap:
    """Lines between two runs that all three texts share: base[z1:z2], ours[a1:a2], theirs[b1:b2]."""

    z1: int
    z2: int
    a1: int
    a2: int
    b1: int
    b2: int


def gaps(base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]) -> Iterator[Gap]:
    """The changed stretches, from merge3's sync regions (lines equal in all three texts)."""
    iz = ia = ib = 0
    for zmatch, zend, amatch, aend, bmatch, bend in Merge3(base, ours, theirs).find_sync_regions():
        if amatch > ia or bmatch > ib or zmatch > iz:
            yield Gap(iz, zmatch, ia, amatch, ib, bmatch)
        iz, ia, ib = zend, aend, bend


def merge_into_file(
    base: str, theirs: str, ours: ForumLines, file_text: str, way: Way, convert: Callable[[str], str]
) -> Merged:
    """Merge the forum's change (base -> theirs) into the file whose post renders as `ours`.

    The line naming the topic is the sync's, not the playbook's: it is left out of all three texts, so that
    it never reaches the file, and a post written before the line existed merges as it did then."""
    base, theirs, ours = without_naming_line(base), without_naming_line(theirs), ours.without_naming()
    base_lines, their_lines, our_lines = base.split("\n"), theirs.split("\n"), ours.lines
    source = file_text.split("\n")
    result = Merged(None)
    edits: list[tuple[int, int, list[str]]] = []  # (first file line, end, new lines), 0-based
    for gap in gaps(base_lines, our_lines, their_lines):
        was, mine, new = base_lines[gap.z1 : gap.z2], our_lines[gap.a1 : gap.a2], their_lines[gap.b1 : gap.b2]
        if new in (was, mine):
            continue  # only the repository changed here, or both made the same change
        if mine != was:
            result.conflicts.append(ConflictHunk(gap.a1 + 1, tuple(was), tuple(mine), tuple(new)))
            continue
        hunk = Hunk(gap.a1 + 1, tuple(mine), tuple(new))
        placed = place(gap, ours.source, len(our_lines))
        if isinstance(placed, str):
            result.rejected.append(Hunk(hunk.line, hunk.before, hunk.after, reason=placed))
            continue
        start, end = placed
        model = source[start] if start < end else (source[start - 1] if start > 0 else "")
        links = {k: v for i in range(start, end) for k, v in known_links(source[i], convert).items()}
        lines = [source_form(line, model, way, links) for line in new]
        elsewhere = [line for i, line in enumerate(source) if not start <= i < end]
        taken = {m.group(1) for line in elsewhere if (m := KEY_MARKER.search(line))}
        lines = carry_keys(source[start:end], lines, taken)
        edits.append((start, end, lines))
        result.applied.append(Hunk(hunk.line, hunk.before, hunk.after, start + 1))
    if result.conflicts:
        result.applied.clear()  # the file is left exactly as it is; the forum keeps the whole edit
        return result
    if not edits:
        return result
    for start, end, lines in sorted(edits, reverse=True):
        source[start:end] = lines
    result.text = "\n".join(source)
    return result


def place(gap: Gap, mapped: Sequence[int | None], count: int) -> tuple[int, int] | str:
    """The file lines [start, end) that a hunk replacing ours[a1:a2] lands on, or why it cannot land."""
    if gap.a2 > gap.a1:
        lines = list(mapped[gap.a1 : gap.a2])
        if any(line is None for line in lines):
            return "it changes text the forum post adds to the playbook (header, footer, citations or joined lines)"
        found = [line for line in lines if line is not None]
        if found != list(range(found[0], found[0] + len(found))):
            return "it spans lines that are apart in the playbook file"
        return found[0], found[-1] + 1
    before = mapped[gap.a1 - 1] if gap.a1 > 0 else None
    after = mapped[gap.a1] if gap.a1 < count else None
    if before is not None:
        return before + 1, before + 1
    if after is not None:
        return after, after
    return "it adds text between lines the forum post adds to the playbook (header, footer or citations)"


def taken_in(base: str, theirs: str, ours: str) -> bool:
    """Whether every change from base to theirs is already in ours: replacing theirs by ours loses nothing.

    So a forum edit that was pulled into the file (or that the team made there by hand) is no longer
    a person's edit to protect, even where the file changed more since. The line naming the topic is left
    out: the sync writes it back."""
    base, theirs, ours = (without_naming_line(text).strip() for text in (base, theirs, ours))
    base_lines, their_lines, our_lines = base.split("\n"), theirs.split("\n"), ours.split("\n")
    for gap in gaps(base_lines, our_lines, their_lines):
        new = their_lines[gap.b1 : gap.b2]
        if new not in (base_lines[gap.z1 : gap.z2], our_lines[gap.a1 : gap.a2]):
            return False
    return True
