"""`playbooks new`: the scaffold, its id, its checks, and that it never overwrites."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sales_playbooks.cli import main
from sales_playbooks.commands.scaffold import base_id, free_id
from sales_playbooks.loader import load_library
from sales_playbooks.settings import read_settings
from tests.minirepo import make_repo

TITLE = "Running your first quarterly business review"
TODAY = "2026-11-23"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return make_repo(tmp_path)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["new", *args, "--today", TODAY])
    return result.exit_code, result.stdout, result.stderr


def test_ids_are_slugs_cut_at_a_word_and_made_unique() -> None:
    assert base_id("Coaching: the first week!") == "coaching-the-first-week"
    long_id = base_id(TITLE)
    assert long_id == "running-your-first-quarterly-business" and len(long_id) <= 40
    assert free_id("Coaching the first week", {"coaching-the-first-week"}, set()) == "coaching-the-first-week-2"
    taken = {"coaching-the-first-week", "coaching-the-first-week-2"}
    assert free_id("Coaching the first week", taken, set()) == "coaching-the-first-week-3"
    assert free_id("Coaching the first week", set(), {"coaching-the-first-week.md"}) == "coaching-the-first-week-2"
    suffixed = free_id("x" * 45, {"x" * 40}, set())
    assert suffixed == "x" * 38 + "-2"


def test_new_writes_every_field_and_lists_what_to_write(repo: Path) -> None:
    code, out, _ = run(TITLE)
    assert code == 0, out
    path = repo / "playbooks" / "running-your-first-quarterly-business.md"
    text = path.read_text(encoding="utf-8")
    for field in (
        "id",
        "title",
        "summary",
        "audience",
        "stage",
        "tags",
        "owner",
        "reviewed",
        "review_every",
        "sources",
        "related",
    ):
        assert f"\n{field}: " in text
    assert f"reviewed: {TODAY}\n" in text
    for section in ("Why it matters", "The plays", "Checklist", "Discussion questions", "Sources"):
        assert f"\n## {section}\n" in text
    assert "Wrote playbooks/running-your-first-quarterly-business.md" in out
    # Only what the author has to write is reported: the empty fields and the TODO prompts.
    loaded = load_library(read_settings(repo), today=None)
    codes = {p.code for p in loaded.problems if p.path.endswith("running-your-first-quarterly-business.md")}
    assert codes == {"placeholder", "empty-field"}
    assert "error[placeholder]" in out and "'owner' is empty" in out


def test_options_fill_the_fields_and_leave_only_prompts(repo: Path) -> None:
    code, out, _ = run(
        TITLE,
        "--owner",
        "@jane-doe",
        "--audience",
        "new-manager,owner-executive",
        "--stage",
        "scaling",
        "--tags",
        "forecasting,coaching",
        "--sources",
        "jordan",
    )
    assert code == 0, out
    text = (repo / "playbooks" / "running-your-first-quarterly-business.md").read_text(encoding="utf-8")
    assert 'owner: "@jane-doe"' in text and "audience: [new-manager, owner-executive]" in text
    assert "stage: scaling" in text and "tags: [forecasting, coaching]" in text and "sources: [jordan]" in text
    assert "empty-field" not in out and "error[placeholder]" in out


def test_a_filled_in_scaffold_passes_validation(repo: Path) -> None:
    run(TITLE, "--owner", "@jane-doe", "--tags", "planning", "--sources", "jordan")
    path = repo / "playbooks" / "running-your-first-quarterly-business.md"
    text = path.read_text(encoding="utf-8")
    chosen = re.sub(r"(  - TODO-[a-z-]+\n)+", "  - weekly-pipeline-review\n", text)  # the one other playbook here
    filled = chosen.replace("TODO: ", "Written by the author: ").replace("TODO", "Written")
    path.write_text(filled, encoding="utf-8")
    loaded = load_library(read_settings(repo))
    assert [p.format() for p in loaded.problems] == []


def test_dry_run_prints_and_writes_nothing(repo: Path) -> None:
    before = sorted(p.name for p in (repo / "playbooks").iterdir())
    code, out, err = run(TITLE, "--dry-run")
    assert code == 0
    assert out.startswith("---\nid: running-your-first-quarterly-business")
    assert "Dry run: would write playbooks/running-your-first-quarterly-business.md" in err
    assert out.rstrip().endswith("contributes to this playbook.") and "error[placeholder]" in err
    assert sorted(p.name for p in (repo / "playbooks").iterdir()) == before


def test_a_taken_id_gets_a_number_and_nothing_is_overwritten(repo: Path) -> None:
    existing = repo / "playbooks" / "holding-a-weekly-pipeline-meeting.md"
    existing.write_text("keep me\n", encoding="utf-8")
    code, out, _ = run("Holding a weekly pipeline meeting")
    assert code == 0, out
    assert existing.read_text(encoding="utf-8") == "keep me\n"
    assert (repo / "playbooks" / "holding-a-weekly-pipeline-meeting-2.md").is_file()


def test_a_title_in_use_or_refused_by_the_forum_is_refused(repo: Path) -> None:
    code, _, err = run("Holding a weekly pipeline review")
    assert code == 2 and "duplicate-title" in err
    code, _, err = run("Too short")
    assert code == 2 and "title-too-short" in err
    assert sorted(p.name for p in (repo / "playbooks").glob("*.md")) == ["weekly-pipeline-review.md"]


def test_unknown_audience_is_a_usage_error(repo: Path) -> None:
    code, _, err = run(TITLE, "--audience", "everyone")
    assert code == 2 and "unknown audience everyone" in err
