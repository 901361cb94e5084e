"""A sync without its state file: the topics that already show their playbook come from the forum's latest
posts; every other listed topic is read, and its reading decides what is written (sync/first_posts.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from sales_playbooks.identity import topic_marker
from tests.sync_floor import STATE, add_generated, change_generated, only_generated
from tests.sync_harness import BOT, Run, SyncEnv, generated_playbook, sync_env

COUNT = 8  # generated playbooks: enough for a walk (sync/first_posts.py SMALLEST) and a small budget


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[SyncEnv]:
    with sync_env(tmp_path, admin_rate_limit=(100000, 1.0)) as env:
        only_generated(env)
        add_generated(env, 0, COUNT)
        assert env.run().code == 0
        env.age_posts()
        yield env


def lose_state(env: SyncEnv) -> None:
    (env.root / STATE).unlink()


def topic_id(env: SyncEnv, number: int) -> int:
    return env.synced()[f"pb_generated-practice-{number:03d}"].id


def topics_read(run: Run) -> set[int]:
    """The topics read one by one (`GET /t/{id}.json`)."""
    found = (re.fullmatch(r"/t/(\d+)\.json", r.path) for r in run.requests if r.method == "GET")
    return {int(m.group(1)) for m in found if m}


def latest_pages(run: Run) -> list[int | None]:
    return [r.status for r in run.requests if r.method == "GET" and r.path == "/posts.json"]


def remembered(env: SyncEnv) -> dict[str, int]:
    topics = json.loads((env.root / STATE).read_text(encoding="utf-8"))["topics"]
    return {key: int(record["topic_id"]) for key, record in topics.items()}


def expected_state(env: SyncEnv) -> dict[str, int]:
    return {key: topic.id for key, topic in env.synced(include_deleted=False).items()}


def test_topics_that_show_their_playbook_are_not_read(forum: SyncEnv) -> None:
    lose_state(forum)
    run = forum.run()
    assert run.code == 0 and run.writes == [], run
    assert topics_read(run) == set() and latest_pages(run) == [200], run
    assert remembered(forum) == expected_state(forum)
    again = forum.run()
    assert again.code == 0 and again.writes == [] and topics_read(again) == set(), again


def test_in_a_busy_forum_the_walk_gives_up_and_each_topic_is_read(forum: SyncEnv) -> None:
    first = topic_id(forum, 0)
    for n in range(160):  # 160 newer replies: the first posts lie beyond the walk's budget of 3 pages
        forum.double.post_reply("seller-sam", first, f"Reply {n}: this routine works for my team as well.")
    lose_state(forum)
    run = forum.run()
    assert run.code == 0 and run.writes == [], run
    assert latest_pages(run) == [200, 200, 200], run
    assert topics_read(run) == set(expected_state(forum).values()), run
    assert remembered(forum) == expected_state(forum)
    assert len(forum.replies(first)) == 160


@pytest.mark.parametrize("status", [403, 404])
def test_a_forum_that_refuses_the_latest_posts_costs_one_request(forum: SyncEnv, status: int) -> None:
    forum.double.refuse_latest_posts(status)
    lose_state(forum)
    run = forum.run()
    assert run.code == 0 and run.writes == [], run
    assert latest_pages(run) == [status], run
    assert topics_read(run) == set(expected_state(forum).values()), run
    assert remembered(forum) == expected_state(forum)


def test_only_the_topics_with_something_to_write_are_read_and_written(forum: SyncEnv) -> None:
    changed, retagged, removed = topic_id(forum, 1), topic_id(forum, 2), topic_id(forum, 3)
    change_generated(forum, range(1, 2))
    path = forum.playbooks / "generated-practice-002.md"
    path.write_text(path.read_text().replace("tags: [pipeline, coaching]", "tags: [pipeline, forecasting]"))
    forum.remove_playbook("generated-practice-003")
    lose_state(forum)
    run = forum.run()
    assert run.code == 0, run
    assert topics_read(run) == {changed, retagged, removed}, run
    assert "- [ ] Revisit deal number 1 next week." in forum.first_raw(changed)
    assert sorted(forum.double.topic(retagged).tags) == ["forecasting", "pipeline"]
    assert forum.double.topic(removed).closed
    assert not any(t.closed for k, t in forum.synced().items() if t.id != removed)
    assert run.writes, run
    written = {int(m.group(1)) for r in run.writes if (m := re.search(r"/(?:t/-|t|posts)/(\d+)", r.path))}
    posts = {p.id: t for t in (changed, retagged, removed) for p in forum.double.posts_of(t)[:1]}
    assert {posts.get(i, i) for i in written} <= {changed, retagged, removed}, run
    again = forum.run()
    assert again.code == 0 and again.writes == [], again


def test_a_first_post_edited_in_the_forum_is_read_and_kept(forum: SyncEnv) -> None:
    edited = topic_id(forum, 4)
    theirs = forum.first_raw(edited) + "\n\nA note the moderator added in the forum."
    forum.double.edit_first_post_as("mod-maria", edited, theirs)
    lose_state(forum)
    run = forum.run()
    assert run.code == 3, run  # a conflict, as with the state file
    assert topics_read(run) == {edited}, run
    assert "conflict" in run.stdout and "mod-maria" in run.stdout, run
    assert run.writes == [] and forum.first_raw(edited) == theirs


def test_a_topic_whose_title_another_topic_has_is_read(forum: SyncEnv) -> None:
    """Same title and text: a person's copy, then a second one by the sync's own user; every one is read."""
    original = topic_id(forum, 5)
    topic = forum.double.topic(original)
    assert topic is not None
    forum.double.state.settings["allow_duplicate_topic_titles"] = True
    category = forum.category_id()
    raw = forum.first_raw(original)
    forum.double.add_user("admin-ada", admin=True)
    by_person = forum.double.create_topic_as("admin-ada", topic.title, raw, category, tags=topic.tags).topic_id
    lose_state(forum)
    run = forum.run()
    assert run.code == 0 and run.writes == [], run
    assert topics_read(run) == {by_person, original}, run
    assert remembered(forum)["pb_generated-practice-005"] == original
    by_sync = forum.double.create_topic_as(BOT, topic.title, raw, category, tags=topic.tags).topic_id
    lose_state(forum)
    run = forum.run()
    assert run.code == 0 and run.writes == [], run
    assert topics_read(run) == {by_person, by_sync, original}, run
    assert remembered(forum)["pb_generated-practice-005"] == original


def test_an_id_changed_without_its_file_is_read_as_before(forum: SyncEnv) -> None:
    """The post links the page by file name, so its text is the same under the new id: the topic, made
    under the old id, is read, and the sync does what it does with its state file's warning missing."""
    old = topic_id(forum, 5)
    path = forum.playbooks / "generated-practice-005.md"
    path.write_text(path.read_text().replace("id: generated-practice-005", "id: renamed-practice-005"))
    lose_state(forum)
    run = forum.run()
    assert topics_read(run) == {old}, run
    assert run.code != 0 and "previous_ids: [old-id]" in run.stdout, run  # the create is refused for its title
    assert "pb_renamed-practice-005" not in remembered(forum), run
    closed = forum.double.topic(old)
    assert closed is not None and closed.closed and closed.external_id == "pb_generated-practice-005"


def test_a_topic_taken_for_a_playbook_whose_own_topic_is_read_is_read_too(forum: SyncEnv) -> None:
    """The playbook's own topic was retitled in the forum, and the sync's user holds a second topic that
    shows the playbook as it is: the external_id decides, and the second topic is read as well."""
    own = topic_id(forum, 6)
    topic = forum.double.topic(own)
    assert topic is not None
    second = forum.double.create_topic_as(BOT, "x" * 3 + topic.title, forum.first_raw(own), forum.category_id())
    with forum.double.state.lock:
        forum.double.state.topics[second.topic_id].title = topic.title
        forum.double.state.topics[second.topic_id].tags = list(topic.tags)
        forum.double.state.topics[own].title = "Practice routine six, as a moderator named it"
    lose_state(forum)
    run = forum.run()
    assert topics_read(run) == {own, second.topic_id}, run
    # Its own topic is the one brought back to the playbook's title, which the forum refuses while the
    # second topic holds it; the second topic is left alone.
    assert run.code == 3 and "Title has already been used" in run.stdout, run
    assert [r.path for r in run.writes] == [f"/t/-/{own}.json"], run


def test_a_topic_made_under_another_id_than_its_file_name_is_read(forum: SyncEnv) -> None:
    """Made under id `oldname-practice-050` from the file `generated-practice-050.md`, whose id is then set to
    the file's name without previous_ids: same title and text but for the line naming the topic, so it is read."""
    name, text = generated_playbook(50)
    (forum.playbooks / name).write_text(text.replace("id: generated-practice-050", "id: oldname-practice-050"))
    assert forum.run().code == 0
    made = forum.synced()["pb_oldname-practice-050"].id
    forum.age_posts()
    (forum.playbooks / name).write_text(text)
    lose_state(forum)
    run = forum.run()
    assert made in topics_read(run), run
    assert run.code != 0 and "previous_ids: [old-id]" in run.stdout, run  # the create is refused for its title
    assert "pb_generated-practice-050" not in remembered(forum), run
    old = forum.double.topic(made)
    assert old is not None and old.closed  # closed as a removed playbook's topic, as a read of every topic does


def test_a_naming_line_a_person_took_out_is_no_edit_to_protect(forum: SyncEnv) -> None:
    """Only the line is gone: the next change to the playbook is written over it, and the line comes back."""
    number = 7
    topic = topic_id(forum, number)
    naming = topic_marker(f"pb_generated-practice-{number:03d}")
    theirs = forum.first_raw(topic).replace("\n\n" + naming, "")
    forum.double.edit_first_post_as("mod-maria", topic, theirs)
    forum.age_posts()
    change_generated(forum, range(number, number + 1))
    run = forum.run()
    assert run.code == 0 and "conflict" not in run.stdout, run
    raw = forum.first_raw(topic)
    assert raw.endswith("\n\n" + naming) and f"Revisit deal number {number} next week." in raw
