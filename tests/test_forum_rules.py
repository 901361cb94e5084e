"""Discourse's title, body and tag rules, checked before anything is sent."""

from __future__ import annotations

import dataclasses

import pytest

from sales_playbooks.forum_rules import ForumLimits, body_problems, clean_tag, tag_problems, title_problems

LIMITS = ForumLimits()


def codes(found: list[tuple[str, str]]) -> list[str]:
    return [code for code, _ in found]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Your first 90 days as a sales manager", []),
        ("Coaching sales", ["title-too-short"]),
        ("x" * 256, ["title-too-long", "title-low-variety", "title-long-word"]),
        ("YOUR FIRST 90 DAYS AS A MANAGER", ["title-all-caps"]),
        ("abab abab abab abab", ["title-low-variety"]),
        ("!!!!!!!!!!!!!!!!!!!!", ["title-low-variety", "title-no-letters"]),
        ("Coaching " + "a" * 31 + " managers", ["title-long-word"]),
        ("Coaching managers :fire: :rocket: today", ["title-emoji"]),
        ("Ünïcödé managers learn coaching", []),
        ("1234567890 12345 6789", []),
    ],
)
def test_titles(title: str, expected: list[str]) -> None:
    assert codes(title_problems(title, LIMITS)) == expected


def test_whitespace_is_squeezed_before_counting() -> None:
    assert codes(title_problems("  Coaching   a  team   well  ", LIMITS)) == []
    assert codes(title_problems("Coaching    teams", LIMITS)) == ["title-too-short"]


def test_low_entropy_bar_follows_the_minimum_length() -> None:
    limits = ForumLimits(min_topic_title_length=8)  # 8 <= 10, so the bar becomes int(8 * 0.7) = 5
    assert codes(title_problems("abcde abcde", limits)) == []


def test_uppercase_allowed_when_the_forum_allows_it() -> None:
    assert codes(title_problems("YOUR FIRST NINETY DAYS", ForumLimits(allow_uppercase_posts=True))) == []


def test_body_limits() -> None:
    assert codes(body_problems("short", LIMITS)) == ["body-too-short", "body-unclear"]
    assert codes(body_problems("a" * 40, LIMITS)) == ["body-unclear"]
    assert codes(body_problems("A proper first post with enough words.", LIMITS)) == []
    assert codes(body_problems("Varied text! " * 3000, LIMITS)) == ["body-too-long"]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("coaching", "coaching"),
        ("Coaching Tips", "coaching-tips"),
        ("  first   90 days ", "first-90-days"),
        ("a/b?c#d", "abcd"),
        ("pipeline--review", "pipeline-review"),
        ("this-tag-is-far-too-long-for-it", "this-tag-is-far-too-"),
    ],
)
def test_clean_tag(raw: str, clean: str) -> None:
    assert clean_tag(raw) == clean


def test_tag_rules() -> None:
    assert tag_problems(["coaching", "crm"], LIMITS) == []
    found = tag_problems(["a", "b", "c", "d", "e", "f"], LIMITS)
    assert [(i, c) for i, c, _ in found] == [(5, "too-many-tags")]
    found = tag_problems(["Coaching", "this-tag-is-far-too-long", "???"], LIMITS)
    assert [(i, c) for i, c, _ in found] == [(0, "tag-not-clean"), (1, "tag-too-long"), (2, "tag-empty")]


def test_limits_from_mkdocs_yml_are_checked_and_bad_ones_keep_their_default() -> None:
    limits, problems = ForumLimits.from_mapping(
        {"min_first_post_length": 30, "max_tags_per_topic": "3", "allow_uppercase_posts": 1, "min_title": 5}
    )
    assert limits.min_first_post_length == 30
    assert limits.max_tags_per_topic == 5 and limits.allow_uppercase_posts is False
    assert problems == [
        "extra.forum.limits.max_tags_per_topic in mkdocs.yml must be a whole number (got '3')",
        "extra.forum.limits.allow_uppercase_posts in mkdocs.yml must be true or false (got 1)",
        "extra.forum.limits.min_title in mkdocs.yml is not a limit these tools check; known: "
        + ", ".join(f.name for f in dataclasses.fields(ForumLimits)),
    ]
    assert ForumLimits.from_mapping(None) == (ForumLimits(), [])
    assert ForumLimits.from_mapping([30])[1] == [
        "extra.forum.limits in mkdocs.yml must map forum site settings to numbers, such as min_first_post_length: 30"
    ]
    raised, _ = ForumLimits.from_mapping({"min_first_post_length": 40, "allow_uppercase_posts": True})
    body = "Book a weekly review with the team."  # 35 characters: enough by default, short of 40
    assert codes(body_problems(body, ForumLimits())) == []
    assert codes(body_problems(body, raised)) == ["body-too-short"]
