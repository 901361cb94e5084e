"""What `playbooks validate` says about checklist keys (`{#key}` at the end of an item), and how items read them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sales_playbooks.body import parse_body
from sales_playbooks.cli import main
from tests.minirepo import PLAYBOOK, make_repo, without_content_rules

NAME = "weekly-pipeline-review.md"
FIRST = "- [ ] Book a recurring thirty-minute pipeline review with the whole team. {#book-a-recurring-review}"
SECOND = "- [ ] Ask each seller to name one stuck deal and the next step on it. {#one-stuck-deal}"


def validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str, second: str) -> tuple[int, list[str]]:
    text = PLAYBOOK.replace(FIRST, first).replace(SECOND, second)
    make_repo(tmp_path, {NAME: text})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--today", "2026-11-23"])
    rows = [row for row in result.output.splitlines() if row.startswith("playbooks/")]
    return result.exit_code, without_content_rules(rows)  # the content rules have tests of their own


def test_the_sample_playbook_writes_a_key_for_each_item() -> None:
    assert FIRST in PLAYBOOK and SECOND in PLAYBOOK


def test_an_item_keeps_its_key_and_its_words_without_the_marker() -> None:
    body = parse_body("## Checklist\n\n- [ ] Agree three goals.  {#agree-goals}\n- [ ] Write them down.\n", 20)
    first, second = body.checklist
    assert (first.text, first.key, first.key_at, first.line, first.col) == (
        "Agree three goals.",
        "agree-goals",
        (22, 27),
        22,
        7,
    )
    assert body.markdown[first.span[0] : first.span[1]] == "Agree three goals."
    assert (second.text, second.key, second.key_at) == ("Write them down.", "write-them-down", None)


def test_keys_that_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert validate(tmp_path, monkeypatch, FIRST, SECOND) == (0, [])


def test_a_checklist_without_keys_is_still_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bare = (FIRST.split(" {#")[0], SECOND.split(" {#")[0])
    assert validate(tmp_path, monkeypatch, *bare) == (0, [])


def test_a_key_that_is_no_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, rows = validate(tmp_path, monkeypatch, FIRST.replace("{#book-a-recurring-review}", "{#Book Review}"), SECOND)
    expected = (
        f"playbooks/{NAME}:29:75: error[checklist-key]: '{{#Book Review}}' is not a checklist key: use lowercase "
        "letters, digits and single hyphens, at most 60 characters, such as "
        "'{#book-a-recurring-thirty-minute-pipeline-review-w}'"
    )
    assert (code, rows) == (1, [expected])


def test_a_key_used_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, rows = validate(tmp_path, monkeypatch, FIRST, SECOND.replace("one-stuck-deal", "book-a-recurring-review"))
    expected = (
        f"playbooks/{NAME}:30:71: error[duplicate-checklist-key]: the checklist key 'book-a-recurring-review' is "
        "already used on line 29; give each item a key of its own"
    )
    assert (code, rows) == (1, [expected])


def test_a_reworded_item_that_lost_its_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reworded = "- [ ] Put a thirty-minute pipeline review in the team's calendar."
    code, rows = validate(tmp_path, monkeypatch, reworded, SECOND)
    expected = (
        f"playbooks/{NAME}:29:7: warning[checklist-key-missing]: this checklist item has no key, unlike the others; "
        "readers' ticks are kept under an item's key, so without one they are lost whenever its words change. If "
        "you reworded the item, put back the key it had; if it is new, end it with "
        "' {#put-a-thirty-minute-pipeline-review-in-the-team}'"
    )
    assert (code, rows) == (0, [expected])
