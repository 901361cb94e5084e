"""Figures and claims from the five articles: told as the article tells them, cited, and told once."""

from __future__ import annotations

import re

import pytest

from sales_playbooks.model import Playbook
from tests.content_support import (
    BY_ID,
    IDS,
    PLAYBOOKS,
    UNNAMED_ARTICLE,
    body_paragraphs,
    cited,
    library_texts,
    named,
    prose,
    read_data,
    sentences,
)

TWELVE_MONTHS = re.compile(r"\b(?:12|twelve) months\b|\ba year\b", re.I)
CEILING = re.compile(r"\b(?:up to|as long as|at most|no more than|within|as much as)\s+(?:12|twelve) months\b", re.I)
FLOOR = re.compile(r"(?:12|twelve) months or (?:more|longer)|(?:more than|at least) (?:a year|12 months)", re.I)
DIP = re.compile(r"\b(?:revenue|dip|sales fall)", re.I)
POINTS = read_data("source-points.yml")


def test_the_dip_after_a_promotion_lasts_a_year_or_more() -> None:
    """Star performers: a steep revenue dip for *upwards of* 12 months; a floor, never a ceiling."""
    told = 0
    for where, text in library_texts():
        assert not CEILING.search(text), f"{where}: the 12-month figure is a lower bound, not a limit: {text}"
        if TWELVE_MONTHS.search(text) and DIP.search(text):
            told += 1
            assert FLOOR.search(text), f"{where}: say the dip lasts 12 months or more: {text}"
            assert "steep" in text.lower(), f"{where}: the article calls the dip steep: {text}"
    assert told >= 1


def test_the_vantage_point_figure_is_given_exactly() -> None:
    """Jordan's study: the share of managers (75%) for whom fewer than half of their sellers reach quota."""
    for where, text in library_texts():
        for sentence in sentences(text):
            if re.search(r"Vantage Point|\bstudy\b", sentence) and "quota" in sentence.lower():
                plain = prose(sentence).lower()
                for part in ("75%", "managers", "fewer than half", "sellers", "reach"):
                    assert part in plain, f"{where}: give the study's finding exactly ({part!r} missing): {sentence}"


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=IDS)
def test_every_named_source_is_cited_in_its_paragraph(playbook: Playbook) -> None:
    for paragraph in body_paragraphs(playbook):
        if paragraph.lstrip().startswith(("- [ ]", "#")):
            continue  # a checklist item is a task and a heading a title, neither a claim
        links = cited(paragraph)
        missing = named(paragraph) - links
        assert not missing, f"{playbook.path}: cite {sorted(missing)} where the paragraph uses it: {paragraph}"
        if UNNAMED_ARTICLE.search(paragraph):
            assert links, f"{playbook.path}: an article's claim needs its citation: {paragraph}"


@pytest.mark.parametrize("key", sorted(POINTS))
def test_each_source_point_is_told_in_full_once(key: str) -> None:
    point = POINTS[key]
    pattern = re.compile(point["pattern"], re.I)
    home = BY_ID[point["home"]]
    told_at_home = [p for p in body_paragraphs(home) if pattern.search(prose(p))]
    assert told_at_home, f"{home.path} is the home of '{key}' and must tell it"
    assert point["source"] in cited(home.body.markdown), f"{home.path}: cite the source of '{key}'"
    for playbook in PLAYBOOKS:
        if playbook.id == home.id:
            continue
        retold = []
        for paragraph in body_paragraphs(playbook):
            if not point.get("anywhere") and point["source"] not in named(paragraph):
                continue
            for sentence in sentences(paragraph):
                text = re.sub(r"\[[^\]]*\]\([a-z0-9-]+\.md[^)]*\)", "", sentence)  # titles of linked playbooks
                if pattern.search(prose(text)):
                    retold.append(sentence)
        assert len(retold) <= 1, f"{playbook.path} retells '{key}'; link to {home.file_name} once: {retold}"
        for sentence in retold:
            assert f"]({home.file_name}" in sentence, f"{playbook.path}: link '{key}' to {home.file_name}: {sentence}"


def test_hunter_is_credited_with_what_he_said() -> None:
    """Hunter calls questions the best way to look at what is happening and how the seller sees the job."""
    for where, text in library_texts():
        for sentence in sentences(text):
            if "hunter" in named(text) and "best way" in sentence and "goal" in sentence:
                pytest.fail(f"{where}: Hunter's 'best way' is about the work and the seller's outlook: {sentence}")


def test_the_readers_comment_is_not_brocks_own_claim() -> None:
    unwilling = re.compile(r"(?:do not|don't) (?:want|wish) to (?:manage|lead|move up)|no (?:wish|desire) to", re.I)
    for where, text in library_texts():
        if unwilling.search(text) and "brock" in named(text):
            assert "comment" in text, f"{where}: that many sellers do not want to manage is a reader's comment: {text}"


def test_a_list_is_not_read_as_emphasis() -> None:
    """Pivotal lists communicating good and bad news among leader skills; it does not stress or insist."""
    for where, text in library_texts():
        assert not re.search(r"\bPivotal (?:stresses|insists|emphasi[sz]es|underlines)\b", text), where


def test_the_sources_file_claims_only_what_each_article_has() -> None:
    sources = read_data("sources.yml")
    about = sources["consultant-leader"]["about"].lower()
    assert not re.search(r"\bspends?\b|\bhours?\b|\bweek\b", about), "the star performers article gives no time figures"


WORD_NUMBERS = "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=IDS)
def test_the_summary_keeps_its_count(playbook: Playbook) -> None:
    """A summary that promises 'the five things' is followed by a body that gives five."""
    body = prose(playbook.body.markdown).lower()
    for number, noun in re.findall(rf"\bthe ({WORD_NUMBERS}) ([a-z]+)", playbook.summary.lower()):
        kept = re.search(rf"\b{number}(?: [a-z]+){{0,2}} {noun}", body)
        assert kept, f"{playbook.path}: the summary promises {number} {noun}"


def test_the_promotion_question_shows_where_brock_and_jordan_disagree() -> None:
    """Brock: promoting the top seller by default is a mistake. Jordan: you must promote great sellers; prepare them."""
    home = BY_ID["should-this-seller-become-a-manager"]
    both = [p for p in body_paragraphs(home) if {"brock", "jordan"} <= cited(p) and "disagree" in p]
    assert both, f"{home.path}: say plainly, with both citations, where Brock and Jordan disagree"
    for playbook in (BY_ID["readiness-self-assessment"], BY_ID["the-aspirations-conversation"]):
        assert "should-this-seller-become-a-manager.md#" in playbook.body.markdown, playbook.path


def test_the_readiness_evidence_rule_is_one_rule() -> None:
    """'Evidence or it's a 1' means every score above 1 needs an example; the checklist must say the same."""
    markdown = BY_ID["readiness-self-assessment"].body.markdown
    thresholds = set(re.findall(r"score of (\d) or more", markdown))
    assert thresholds, "state which scores need a real example"
    assert len(thresholds) == 1, f"one threshold for evidence, not {sorted(thresholds)}"
    if "or it's a 1" in markdown:
        assert thresholds == {"2"}, "if a score without evidence is a 1, every score of 2 or more needs evidence"
