"""The playbook library itself: size, shape, readability, links and citations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sales_playbooks.loader import load_library
from sales_playbooks.model import Playbook
from sales_playbooks.settings import read_settings
from tests.readability import flesch_reading_ease

ROOT = Path(__file__).parent.parent
LOADED = load_library(read_settings(ROOT))
PLAYBOOKS = LOADED.library.playbooks
IDS = [p.id for p in PLAYBOOKS]
CITATION = re.compile(r"\]\(\.\./sources\.md#([a-z-]+)\)")
PLAYBOOK_LINK = re.compile(r"\]\(([a-z0-9-]+\.md)(?:#[^)]*)?\)")


def prose(markdown: str) -> str:
    """The words a reader reads: link targets, markup and headings' hashes removed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"^\s*#+\s*", "", text, flags=re.M)
    text = re.sub(r"^\s*(?:[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)", "", text, flags=re.M)
    text = re.sub(r"^\|.*\|\s*$", lambda m: m.group(0).replace("|", " ").replace("---", ""), text, flags=re.M)
    return re.sub(r"[*_`>]", "", text)


def words(markdown: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’-]*", prose(markdown)))


def test_library_is_valid_and_complete() -> None:
    errors = [p.format() for p in LOADED.problems if p.is_error]
    assert errors == []
    assert len(PLAYBOOKS) >= 16


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=IDS)
def test_length_checklist_and_questions(playbook: Playbook) -> None:
    assert 600 <= words(playbook.body.markdown) <= 1500
    assert len(playbook.body.checklist) >= 6
    assert len(playbook.body.questions) >= 3


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=IDS)
def test_reading_ease(playbook: Playbook) -> None:
    score = flesch_reading_ease(prose(playbook.body.markdown))
    assert score >= 50, f"{playbook.path}: Flesch reading ease {score:.1f}; shorten sentences and words"


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=IDS)
def test_connected_to_other_playbooks_and_the_glossary(playbook: Playbook) -> None:
    linked = {m.group(1) for m in PLAYBOOK_LINK.finditer(playbook.body.markdown)}
    assert len(playbook.related) >= 2
    assert len(linked - {playbook.file_name}) >= 2, "link to at least two other playbooks in the text"
    assert "../glossary.md#" in playbook.body.markdown, "link at least one glossary term"


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=IDS)
def test_citations_match_the_sources_field(playbook: Playbook) -> None:
    cited = set(CITATION.findall(playbook.body.markdown))
    assert cited, "cite the articles inline where their facts are used"
    assert cited <= set(playbook.sources), f"cited inline but missing from 'sources': {cited - set(playbook.sources)}"
    assert set(playbook.sources) <= cited, f"in 'sources' but never cited: {set(playbook.sources) - cited}"


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=IDS)
def test_the_study_figure_is_attributed(playbook: Playbook) -> None:
    for paragraph in playbook.body.markdown.split("\n\n"):
        if "75%" in paragraph or "75 percent" in paragraph:
            assert "sources.md#jordan" in paragraph, f"{playbook.path}: the 75% figure needs the Jordan citation"


def test_glossary_defines_the_core_terms() -> None:
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    for anchor in ("quota", "pipeline", "forecast", "territory", "attainment", "crm", "peer-group"):
        assert f"{{#{anchor}}}" in glossary.replace(" ", "") or f"{{ #{anchor} }}" in glossary


def test_home_page_starts_readers_by_role() -> None:
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    for path in ("considering-promotion", "new-manager", "owner-executive", "facilitator"):
        assert f"paths/{path}.md" in home
