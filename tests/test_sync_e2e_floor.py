"""Request counts of the sync against the Discourse double: the floor, and what a safe sync needs beyond it.

The floor (issue 13, goal 2) is one request per create and per update plus one per page of category list.
A sync meets it within 5 %. With its state file an update names the text the sync last wrote, so the
forum refuses it if a person edited the post since, and needs no read. Without it, the topics that
already show their playbook are found in the forum's latest posts, 50 a page, and no topic is read
(tests/test_sync_e2e_first_posts.py covers a busy forum and the topics that must still be read).
Counts, never time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync_floor import PER_PAGE, STATE, TARGET, Measured, first_sync, five_changed, hundred_more, listed_topics
from tests.sync_harness import SyncEnv, sync_env


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[SyncEnv]:
    with sync_env(tmp_path, admin_rate_limit=(100000, 1.0)) as env:
        yield env


def topic_reads(measured: Measured) -> int:
    return len([r for r in measured.run.requests if r.method == "GET" and r.path.startswith("/t/")])


def list_pages(measured: Measured) -> list[tuple[str, int | None]]:
    return [(r.path, r.status) for r in measured.run.requests if r.path.startswith("/c/")]


def test_a_first_sync_creates_without_looking_up(forum: SyncEnv) -> None:
    measured = first_sync(forum)
    assert measured.ratio <= TARGET, (measured.requests, measured.floor, measured.run)
    assert measured.lookups() == []  # before: one 404 lookup per create, 202 requests
    assert measured.requests == measured.floor + 1  # and the category list, to find the category


def test_new_playbooks_beside_synced_ones_cost_their_creates_and_the_list(forum: SyncEnv) -> None:
    measured = hundred_more(forum, keep_state=True)
    assert measured.ratio <= TARGET, (measured.requests, measured.floor, measured.run)
    assert measured.lookups() == []
    pages = math.ceil(measured.listed / PER_PAGE)
    assert [status for _, status in list_pages(measured)] == [301] + [200] * pages  # the address, learnt once
    again = forum.run()
    assert again.code == 0 and again.writes == [], again
    assert [r.status for r in again.requests if r.path.startswith("/c/")] == [200] * math.ceil(
        listed_topics(forum) / PER_PAGE
    ), again  # no redirect: the state keeps the canonical address


def test_without_the_state_file_the_latest_posts_stand_in_for_reads(forum: SyncEnv) -> None:
    measured = hundred_more(forum, keep_state=False)
    assert measured.ratio <= TARGET, (measured.requests, measured.floor, measured.run)
    assert measured.lookups() == []  # before: one 404 lookup per create on top of the reads, 307 requests
    assert topic_reads(measured) == 0  # before: one read per listed topic, 206 requests
    assert measured.latest_pages == 2  # 100 first posts, 50 a page; the category's "About" topic is not needed
    assert len(json.loads((forum.root / STATE).read_text(encoding="utf-8"))["topics"]) == 200
    again = forum.run()
    assert again.code == 0 and again.writes == [], again
    assert [r.path for r in again.reads if not r.path.startswith("/c/")] == [], again  # the state file is whole


def test_a_changed_playbook_costs_one_write_and_no_read(forum: SyncEnv) -> None:
    measured = five_changed(forum)
    assert measured.ratio <= TARGET, (measured.requests, measured.floor, measured.run)
    assert measured.requests == measured.floor == 9, measured.run  # before: a read per update, 14 requests
    assert topic_reads(measured) == 0 and measured.lookups() == []
    assert all(status == 200 for _, status in list_pages(measured)), measured.run
    puts = [r for r in measured.run.requests if r.method == "PUT"]
    assert all(r.path.startswith("/posts/") and r.status == 200 for r in puts), measured.run
    assert forum.run().writes == []


def forget_topic(forum: SyncEnv, external_id: str) -> None:
    """The state file loses one topic (another clone made it, or a sync was killed before saving)."""
    path = forum.root / STATE
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["topics"][external_id]
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_topic_the_state_does_not_know_is_found_when_its_create_is_refused(tmp_path: Path) -> None:
    with sync_env(tmp_path) as forum:
        assert forum.run().code == 0
        forum.age_posts()
        topic = forum.synced()["pb_coaching-cadence"]
        forum.double.post_reply("seller-sam", topic.id, "A reply that must stay where it is.")
        path = forum.playbooks / "coaching-cadence.md"
        path.write_text(path.read_text().replace("## Checklist\n", "## Checklist\n\n- [ ] Tell the team why.\n", 1))
        forget_topic(forum, "pb_coaching-cadence")
        plan = forum.run("--dry-run")  # looks the topic up, so it shows the write the run will make
        assert plan.code == 0 and plan.writes == [], plan
        assert re.search(r"^update\s+playbooks/coaching-cadence\.md", plan.stdout, re.M), plan
        run = forum.run()
        assert run.code == 0, run
        post = forum.double.posts_of(topic.id)[0]
        assert [(r.method, r.status) for r in run.writes] == [("POST", 422), ("PUT", 200)], run
        assert [r.path for r in run.writes] == ["/posts", f"/posts/{post.id}"], run
        assert "found topic" in run.stdout and "already has this playbook's external_id" in run.stdout, run
        assert "- [ ] Tell the team why." in post.raw
        assert forum.replies(topic.id) == ["A reply that must stay where it is."]
        assert len(forum.synced()) == 3  # no duplicate
        assert forum.run().writes == []


def test_a_forum_edit_in_a_topic_the_state_does_not_know_stays_a_conflict(tmp_path: Path) -> None:
    with sync_env(tmp_path) as forum:
        assert forum.run().code == 0
        forum.age_posts()
        topic = forum.synced()["pb_coaching-cadence"]
        theirs = forum.first_raw(topic.id) + "\n\nA note the moderator added in the forum."
        forum.double.edit_first_post_as("mod-maria", topic.id, theirs)
        path = forum.playbooks / "coaching-cadence.md"
        path.write_text(path.read_text().replace("## Checklist\n", "## Checklist\n\n- [ ] Tell the team why.\n", 1))
        forget_topic(forum, "pb_coaching-cadence")
        run = forum.run()
        assert run.code == 3, run
        assert [(r.method, r.status) for r in run.writes] == [("POST", 422)], run
        assert "conflict" in run.stdout and "mod-maria" in run.stdout, run
        assert forum.first_raw(topic.id) == theirs


def test_a_category_whose_address_moved_is_followed_once(forum: SyncEnv) -> None:
    assert forum.run().code == 0
    assert forum.run().code == 0  # learns the category's address
    category = forum.category_id()
    forum.double.set_category_slug(category, "sales-playbooks")
    moved = forum.run()
    assert moved.code == 0 and moved.writes == [], moved
    assert [(r.path, r.status) for r in moved.requests if r.path.startswith("/c/")] == [
        (f"/c/playbooks/{category}.json", 301),
        (f"/c/sales-playbooks/{category}.json", 200),
    ], moved
    settled = forum.run()
    assert [(r.path, r.status) for r in settled.requests if r.path.startswith("/c/")] == [
        (f"/c/sales-playbooks/{category}.json", 200)
    ], settled


def test_a_retitled_and_changed_playbook_costs_one_request(tmp_path: Path) -> None:
    with sync_env(tmp_path) as forum:
        assert forum.run().code == 0
        forum.age_posts()
        path = forum.playbooks / "coaching-cadence.md"
        text = path.read_text(encoding="utf-8")
        text = text.replace(
            'title: "Coaching your team: cadence and structure"', 'title: "Coaching your team: a steady cadence"'
        )
        path.write_text(
            text.replace("## Checklist\n", "## Checklist\n\n- [ ] Tell the team why.\n", 1), encoding="utf-8"
        )
        run = forum.run()
        assert run.code == 0, run
        topic = forum.synced()["pb_coaching-cadence"]
        post = forum.double.posts_of(topic.id)[0]
        assert [(r.method, r.path, r.status) for r in run.writes] == [("PUT", f"/posts/{post.id}", 200)], run
        assert topic.title == "Coaching your team: a steady cadence"
        assert "- [ ] Tell the team why." in post.raw
        assert forum.run().writes == []
