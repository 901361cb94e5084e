"""The playbook library itself: size, shape, readability, links and citations."""

from __future__ import annotations

import re

import pytest

from sales_playbooks.content_rules import links_glossary, playbooks_linked, reading_ease
from sales_playbooks.model import Playbook
from tests.content_support import CITATION, IDS, LOADED, PLAYBOOK_LINK, PLAYBOOKS, ROOT, prose, rule_problems, words

# A glossary term a page may use in another form. Plurals (-s, -es) and capitals count without a line here.
GLOSSARY_VARIANTS = {
    "account-plan": ("account planning",),
    "hunter-and-farmer": ("hunter", "farmer"),
    "forecast-category": ("forecast categories", "best case"),
    "compensation-plan": ("pay plan",),
    "front-line-manager": ("front-line sales manager", "front-line sales leader"),
}
GLOSSARY_ENTRY = re.compile(r"^## (?P<term>.+?) \{#(?P<anchor>[a-z0-9-]+)\}\s*$(?P<text>.*?)(?=^## |\Z)", re.M | re.S)


def test_library_is_valid_and_complete() -> None:
    errors = [p.format() for p in LOADED.problems if p.is_error]
    assert errors == []
    assert len(PLAYBOOKS) >= 16


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=IDS)
def test_length_checklist_and_questions(playbook: Playbook) -> None:
    assert rule_problems(playbook, "content-words", "content-checklist", "content-questions") == []  # validate's words
    assert 600 <= words(playbook.body.markdown) <= 1500
    assert len(playbook.body.checklist) >= 6
    assert len(playbook.body.questions) >= 3


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=IDS)
def test_reading_ease(playbook: Playbook) -> None:
    assert rule_problems(playbook, "content-reading-ease") == []
    score = reading_ease(playbook.body.markdown)
    assert score >= 50, f"{playbook.path}: Flesch reading ease {score:.1f}; shorten sentences and words"


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=IDS)
def test_connected_to_other_playbooks_and_the_glossary(playbook: Playbook) -> None:
    assert rule_problems(playbook, "content-related", "content-playbook-links", "content-glossary-link") == []
    linked = {m.group(1) for m in PLAYBOOK_LINK.finditer(playbook.body.markdown)}
    assert len(playbook.related) >= 2
    assert len(linked - {playbook.file_name}) >= 2, "link to at least two other playbooks in the text"
    assert "../glossary.md#" in playbook.body.markdown, "link at least one glossary term"
    assert len(playbooks_linked(playbook)) >= 2 and links_glossary(playbook.body)  # as the rules read the links


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=IDS)
def test_citations_match_the_sources_field(playbook: Playbook) -> None:
    assert rule_problems(playbook, "content-uncited-source", "content-unlisted-citation") == []
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


GLOSSARY = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("anchor", re.findall(r"\{#([a-z0-9-]+)\}", GLOSSARY))
def test_glossary_points_to_pages_that_use_the_term(anchor: str) -> None:
    """Each 'See:' link leads to a playbook that uses the term, or a variant declared in GLOSSARY_VARIANTS."""
    glossary = GLOSSARY
    entry = next(m for m in GLOSSARY_ENTRY.finditer(glossary) if m.group("anchor") == anchor)
    see = re.search(r"^See: (.+)$", entry.group("text"), re.M)
    assert see, f"glossary '{entry.group('term')}': end with 'See:' and the playbooks that use it most"
    forms = (entry.group("term"), *GLOSSARY_VARIANTS.get(anchor, ()))
    use = re.compile("|".join(rf"\b{re.escape(form)}(?:s|es)?\b" for form in forms), re.I)
    for target in re.findall(r"\]\(playbooks/([a-z0-9-]+\.md)\)", see.group(1)):
        page = next(p for p in PLAYBOOKS if p.file_name == target)
        term = entry.group("term")
        assert use.search(prose(page.body.markdown)), f"glossary '{term}' points to {target}, which never uses it"


def test_home_page_starts_readers_by_role() -> None:
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    for path in ("considering-promotion", "new-manager", "owner-executive", "facilitator"):
        assert f"paths/{path}.md" in home
