"""The line map of a rendered forum post and the merge of a forum edit into the playbook file, case by case:
headings, checklist items, links, admonitions and a table; the forum's side alone, both sides, a conflict."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sales_playbooks.forum_lines import ForumLines, Way
from sales_playbooks.forum_merge import Merged, merge_into_file, taken_in
from sales_playbooks.identity import topic_marker
from sales_playbooks.loader import load_library
from sales_playbooks.render_forum import discourse_markdown, forum_post_lines
from sales_playbooks.settings import read_settings
from tests.minirepo import PLAYBOOK, make_repo

SITE = "https://sales-leader-playbooks.github.io/playbooks/"
TODAY = dt.date(2026, 2, 1)
RICH = PLAYBOOK.replace(
    "Pick a time and protect it, so sellers update their deals before they walk in.\n",
    "Pick a time and protect it, so sellers update their deals before they walk in.\n\n"
    '!!! tip "Keep it short"\n'
    "    Thirty minutes is enough when every seller comes prepared.\n\n"
    "| Part | Minutes |\n"
    "|---|---|\n"
    "| Stuck deals | 15 |\n"
    "| Next steps | 15 |\n\n"
    "See also [the other routine](other-routine.md) before you start.\n",
)
OTHER = PLAYBOOK.replace("id: weekly-pipeline-review", "id: other-routine").replace(
    "title: Holding a weekly pipeline review", "title: Holding another weekly routine"
)


@dataclass
class Case:
    root: Path
    base: str  # the post as rendered from RICH: what the sync last wrote

    @property
    def file(self) -> Path:
        return self.root / "playbooks" / "weekly-pipeline-review.md"

    def merge(self, theirs: Callable[[str], str], ours: Callable[[str], str] | None = None) -> Merged:
        """Merge the forum's edit of the base into the file, after `ours` edited the file."""
        text = ours(RICH) if ours else RICH
        self.file.write_text(text, encoding="utf-8")
        lines, way, convert = rendered(self.root)
        return merge_into_file(self.base, theirs(self.base), lines, text, way, convert)


def rendered(root: Path) -> tuple[ForumLines, Way, Callable[[str], str]]:
    settings = read_settings(root)
    library = load_library(settings, TODAY).library
    playbook = next(p for p in library.playbooks if p.id == "weekly-pipeline-review")
    pages = {p.page_uri for p in library.playbooks} | {"index.md"}
    text = (root / "playbooks" / playbook.file_name).read_text(encoding="utf-8")

    def convert(line: str) -> str:
        return discourse_markdown(line, playbook.page_uri, SITE)

    lines = forum_post_lines(playbook, library.sources, SITE, text, pages)
    return lines, Way(playbook.page_uri, SITE, pages), convert


@pytest.fixture
def case(tmp_path: Path) -> Case:
    root = make_repo(tmp_path, {"weekly-pipeline-review.md": RICH, "other-routine.md": OTHER})
    lines, _, _ = rendered(root)
    return Case(root, lines.text)


def changed(merged: Merged) -> list[tuple[str, str]]:
    assert merged.text is not None, merged
    old, new = RICH.split("\n"), merged.text.split("\n")
    assert len(old) == len(new), merged.text
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_the_line_map_names_file_lines_and_generated_ones(case: Case) -> None:
    lines, _, _ = rendered(case.root)
    source = RICH.split("\n")
    for text, line in zip(lines.lines, lines.source, strict=True):
        if line is not None and text.strip():
            shown = re.sub(r" \{#[a-z0-9-]+\}$", "", source[line])  # a checklist item's key is not in the post
            assert text in (shown, "> " + shown.strip()) or "https://" in text, (text, source[line])
    generated = [t for t, line in zip(lines.lines, lines.source, strict=True) if line is None and t.strip()]
    assert generated[0].startswith("*A short weekly meeting")  # the summary, from the front matter
    assert any(t.startswith("Read the full playbook on the site") for t in generated)  # the footer


def test_a_heading_edited_in_the_forum(case: Case) -> None:
    merged = case.merge(lambda t: t.replace("### 1. Keep the same slot every week", "### 1. Keep one slot every week"))
    assert changed(merged) == [("### 1. Keep the same slot every week", "### 1. Keep one slot every week")]


def test_a_checklist_item_edited_and_one_added(case: Case) -> None:
    merged = case.merge(
        lambda t: t.replace(
            "- [ ] Ask each seller to name one stuck deal and the next step on it.",
            "- [ ] Ask each seller to name two stuck deals.\n- [ ] Send the notes the same day.",
        )
    )
    assert merged.text is not None and merged.clean
    # The reworded item keeps its key (readers keep their ticks); the new one gets the key of its words.
    assert (
        "- [ ] Ask each seller to name two stuck deals. {#one-stuck-deal}\n"
        "- [ ] Send the notes the same day. {#send-the-notes-the-same-day}\n"
    ) in merged.text


def test_an_item_added_before_a_reworded_one_leaves_the_key_with_the_reworded_one(case: Case) -> None:
    merged = case.merge(
        lambda t: t.replace(
            "- [ ] Ask each seller to name one stuck deal and the next step on it.",
            "- [ ] Book the room.\n- [ ] Ask each seller to name one stuck deal and its next step.",
        )
    )
    assert merged.text is not None and merged.clean
    assert (
        "- [ ] Book the room. {#book-the-room}\n"
        "- [ ] Ask each seller to name one stuck deal and its next step. {#one-stuck-deal}\n"
    ) in merged.text


def test_a_link_edited_in_the_forum_comes_back_relative(case: Case) -> None:
    merged = case.merge(lambda t: t.replace("See also [the other routine]", "Read [the other routine]"))
    assert changed(merged) == [
        (
            "See also [the other routine](other-routine.md) before you start.",
            "Read [the other routine](other-routine.md) before you start.",
        )
    ]
    added = case.merge(lambda t: t.replace("before you start.", f"and [the home page]({SITE}) before you start."))
    assert changed(added)[0][1].endswith("and [the home page](../index.md) before you start.")


def test_an_admonition_s_text_edited_in_its_quote(case: Case) -> None:
    merged = case.merge(lambda t: t.replace("Thirty minutes is enough", "Twenty minutes is enough"))
    assert changed(merged) == [
        (
            "    Thirty minutes is enough when every seller comes prepared.",
            "    Twenty minutes is enough when every seller comes prepared.",
        )
    ]
    title = case.merge(lambda t: t.replace("> **Keep it short**", "> **Keep it shorter**"))
    assert title.text is None and len(title.rejected) == 1  # the title line is the renderer's own


def test_a_table_row_edited_and_both_sides_kept(case: Case) -> None:
    merged = case.merge(
        lambda t: t.replace("| Next steps | 15 |", "| Next steps | 10 |"),
        ours=lambda f: f.replace("Pick a time and protect it", "Pick a time and guard it"),
    )
    assert merged.text is not None and merged.clean
    assert "| Next steps | 10 |" in merged.text and "Pick a time and guard it" in merged.text


def test_the_same_line_changed_on_both_sides_is_a_conflict(case: Case) -> None:
    merged = case.merge(
        lambda t: t.replace("| Stuck deals | 15 |", "| Stuck deals | 20 |"),
        ours=lambda f: f.replace("| Stuck deals | 15 |", "| Stuck deals | 25 |"),
    )
    assert merged.text is None and merged.applied == []
    [conflict] = merged.conflicts
    assert conflict.ours == ("| Stuck deals | 25 |",) and conflict.theirs == ("| Stuck deals | 20 |",)


def test_nothing_changed_in_the_forum_merges_nothing(case: Case) -> None:
    merged = case.merge(lambda t: t)
    assert merged.text is None and merged.clean and merged.applied == []


def test_an_edit_the_file_already_holds_is_taken_in() -> None:
    base = "a\nb\nc\nd"
    assert taken_in(base, "a\nB\nc\nd", "a\nB\nc\nD")  # theirs is in ours, which changed more
    assert not taken_in(base, "a\nB\nc\nd", "a\nb\nc\nD")  # theirs would be lost
    assert not taken_in(base, "a\nB\nc\nd", "a\nX\nc\nd")  # a conflict


NAMING = topic_marker("pb_weekly-pipeline-review")
SHORTER = ("Thirty minutes is enough", "Twenty minutes is enough")


def test_the_line_naming_the_topic_never_reaches_the_file(case: Case) -> None:
    lines, way, convert = rendered(case.root)
    assert case.base.endswith("\n\n" + NAMING)
    edited = case.base.replace(*SHORTER)
    moved = edited.replace("\n\n" + NAMING, "").replace(
        "every seller comes prepared.", "every seller comes prepared.\n\n" + NAMING.replace("pb_w", "pb_x"), 1
    )
    for theirs in (edited.replace("\n\n" + NAMING, ""), moved):  # taken out; moved into the body, another id
        merged = merge_into_file(case.base, theirs, lines, RICH, way, convert)
        assert merged.clean and merged.text is not None, merged
        assert merged.text == RICH.replace(*SHORTER)  # the person's change, and nothing of the line
        assert taken_in(case.base, theirs, edited)  # pulled: no person's edit left to protect, the line aside


def test_a_post_written_before_the_naming_line_merges_as_it_did(case: Case) -> None:
    lines, way, convert = rendered(case.root)
    before = case.base.removesuffix("\n\n" + NAMING)  # what the sync wrote before the line existed
    theirs = before.replace(*SHORTER) + "\n\nAdded by a member at the very end."
    merged = merge_into_file(before, theirs, lines, RICH, way, convert)
    assert merged.text == RICH.replace(*SHORTER) and not merged.conflicts, merged
    assert [hunk.after[-1] for hunk in merged.rejected] == ["Added by a member at the very end."]
    assert taken_in(before, before.replace(*SHORTER), case.base.replace(*SHORTER))
