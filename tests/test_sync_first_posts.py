"""The walk through the forum's latest posts and what it may take from them (sync/first_posts.py), without HTTP."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

import pytest

from tools.sales_playbooks.identity import topic_marker
from tools.sales_playbooks.sync.actions import Desired
from tools.sales_playbooks.sync.client import ForumClient, ListedTopic
from tools.sales_playbooks.sync.first_posts import FirstPost, budget, first_posts, parse_first_post, shown_unchanged
from tools.sales_playbooks.sync.transport import ForumError

RAW = "*A summary.*\n\n## Checklist\n\n- [ ] One step."


def entry(post_id: int, topic_id: int, number: int = 1, **extra: Any) -> dict[str, Any]:
    item = {"id": post_id, "topic_id": topic_id, "post_number": number, "version": 1, "raw": RAW, "username": "bot"}
    item.update(extra)
    return item


class Pages:
    """A client whose latest posts are `posts` (newest id first), `size` to a page, or an error."""

    def __init__(self, posts: list[dict[str, Any]], size: int = 50, error: ForumError | None = None) -> None:
        self.posts, self.size, self.error = posts, size, error
        self.asked: list[int | None] = []

    def latest_posts(self, before: int | None = None) -> list[dict[str, Any]]:
        self.asked.append(before)
        if self.error is not None:
            raise self.error
        older = [p for p in self.posts if before is None or p["id"] < before]
        return older[: self.size]


def walk(pages: Pages, topic_ids: set[int]) -> dict[int, FirstPost]:
    return first_posts(cast(ForumClient, pages), topic_ids)


def test_an_entry_missing_a_field_or_a_reply_is_not_a_first_post() -> None:
    assert parse_first_post(entry(10, 1)) == FirstPost(1, 10, RAW, 1, "bot", None)
    assert parse_first_post(entry(10, 1, wiki=True)) == FirstPost(1, 10, RAW, 1, "bot", True)
    assert parse_first_post(entry(10, 1, number=2)) is None
    assert parse_first_post(entry(10, 1, raw=None)) is None
    assert parse_first_post(entry(True, 1)) is None  # a boolean is not an id
    assert parse_first_post(entry(10, "1")) is None
    assert parse_first_post({k: v for k, v in entry(10, 1).items() if k != "version"}) is None


def test_the_budget_stays_well_below_the_reads_it_can_save() -> None:
    assert [budget(n) for n in (4, 8, 50, 100, 500)] == [2, 3, 3, 4, 12]
    assert all(budget(n) <= n // 2 for n in range(4, 2000))


def test_the_walk_stops_once_every_topic_is_found() -> None:
    pages = Pages([entry(200 - n, 100 - n) for n in range(100)])  # 100 first posts, newest first
    found = walk(pages, set(range(1, 101)))
    assert set(found) == set(range(1, 101)) and pages.asked == [None, 151]


def test_the_walk_stops_at_its_budget_and_when_nothing_older_comes() -> None:
    replies = [entry(1000 - n, 1, number=2 + n) for n in range(400)]
    pages = Pages([*replies, entry(10, 5), entry(9, 6), entry(8, 7), entry(7, 8)])
    assert walk(pages, {5, 6, 7, 8}) == {} and len(pages.asked) == budget(4)
    stuck = Pages([entry(50, 5), entry(49, 6)])
    stuck.latest_posts = lambda before=None: stuck.asked.append(before) or [entry(50, 5)]  # type: ignore[method-assign]
    assert set(walk(stuck, {5, 6, 7, 8, 9, 10})) == {5} and stuck.asked == [None, 50]


def test_too_few_topics_are_read_without_a_walk() -> None:
    pages = Pages([entry(10, 1)])
    assert walk(pages, {1, 2, 3}) == {} and pages.asked == []


@pytest.mark.parametrize("status", [200, 400, 401, 403, 404, 410, 429])
def test_a_refusal_ends_the_walk_quietly(status: int) -> None:
    pages = Pages([], error=ForumError("GET", "/posts.json", status, "refused"))
    assert walk(pages, {1, 2, 3, 4}) == {} and pages.asked == [None]


@pytest.mark.parametrize("status", [None, 500, 502])
def test_a_forum_in_trouble_stops_the_run(status: int | None) -> None:
    pages = Pages([], error=ForumError("GET", "/posts.json", status, "down"))
    with pytest.raises(ForumError):
        walk(pages, {1, 2, 3, 4})


def text(key: str) -> str:
    """A first post as the sync writes it for playbook `key`: its last line names the topic's external_id."""
    return f"{RAW}\n\n{topic_marker('pb_' + key)}"


def want(key: str, title: str, tags: tuple[str, ...] | None = ("coaching",), wiki: bool = False) -> Desired:
    return Desired(key, f"pb_{key}", f"playbooks/{key}.md", title, tags, text(key), "Playbooks", wiki=wiki)


def listed(topic_id: int, title: str, tags: tuple[str, ...] | None = ("coaching",)) -> ListedTopic:
    return ListedTopic(topic_id, title, 7, False, True, 1, tags)


def post(topic_id: int, key: str, user: str = "bot", wiki: bool | None = False, version: int = 1) -> FirstPost:
    return FirstPost(topic_id, 10 + topic_id, text(key), version, user, wiki)


IDS = {"Playbooks": 7}


def test_only_a_topic_with_nothing_to_write_is_taken() -> None:
    wanted = [want("a", "Alpha"), want("b", "Beta"), want("c", "Gamma", tags=("pipeline",)), want("d", "Delta")]
    wanted += [want("e", "Epsilon", wiki=True)]
    topics = {1: listed(1, "Alpha"), 2: listed(2, "Beta", tags=None), 3: listed(3, "Gamma"), 4: listed(4, "Delta")}
    topics[5] = listed(5, "Epsilon")
    posts = {n: post(n, k, user="Bot", version=2) for n, k in zip(topics, "abcde", strict=True)}
    posts[4] = post(4, "d", user="maria")  # a person's topic: never taken
    shown = shown_unchanged(wanted, topics, posts, IDS, "bot")
    assert list(shown) == ["pb_a"]  # b: tags not shown; c: tags differ; d: not the sync's; e: wiki to set
    assert shown["pb_a"].post_id == 11 and shown["pb_a"].version == 2 and shown["pb_a"].raw == text("a")


def test_a_post_that_does_not_name_the_playbook_is_not_taken() -> None:
    topics = {1: listed(1, "Alpha")}
    older = {1: FirstPost(1, 11, RAW, 1, "bot", False)}  # written before the naming line
    assert shown_unchanged([want("a", "Alpha")], topics, older, IDS, "bot") == {}
    renamed = want("renamed", "Alpha")  # same title and file, a new id: the post names the old one
    assert shown_unchanged([renamed], topics, {1: post(1, "a")}, IDS, "bot") == {}
    no_marker = replace(want("a", "Alpha"), raw=RAW)  # a topic the sync does not name (a cohort's)
    assert shown_unchanged([no_marker], topics, older, IDS, "bot") == {}


def test_a_title_listed_twice_another_category_or_no_wiki_flag_is_read() -> None:
    topics = {1: listed(1, "Alpha"), 2: listed(2, "Beta")}
    posts = {1: post(1, "a"), 2: post(2, "b")}
    assert list(shown_unchanged([want("a", "Alpha"), want("b", "Beta")], topics, posts, IDS, "bot")) == ["pb_a", "pb_b"]
    unseen = {**topics, 3: listed(3, "ALPHA ")}  # the walk did not reach topic 3's first post; case and spaces aside
    assert list(shown_unchanged([want("a", "Alpha")], unseen, posts, IDS, "bot")) == []
    assert shown_unchanged([want("a", "Alpha")], topics, posts, {"Playbooks": 8}, "bot") == {}
    assert shown_unchanged([want("a", "Alpha")], topics, {1: post(1, "a", wiki=None)}, IDS, "bot") == {}
