"""End to end: what people do in the forum between two syncs, and a sync that lost its state file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync_harness import SyncEnv, add_step, synced_env

STATE = ".playbooks-sync-state.json"


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[SyncEnv]:
    with synced_env(tmp_path) as env:
        yield env


def test_a_removed_playbook_is_closed_even_after_the_state_file_is_lost(forum: SyncEnv) -> None:
    topic = forum.synced()["pb_coaching-cadence"]
    forum.double.post_reply("seller-sam", topic.id, "This cadence worked well for my team of six.")
    saved = forum.remove_playbook("coaching-cadence")
    (forum.root / STATE).unlink()
    run = forum.run()
    assert run.code == 0, run
    closed = forum.double.topic(topic.id)
    assert closed is not None and closed.closed
    assert forum.first_raw(topic.id).startswith("> **This playbook has been retired")
    assert forum.replies(topic.id) == ["This cadence worked well for my team of six."]
    (forum.root / STATE).unlink()
    again = forum.run()
    assert again.code == 0 and again.writes == [], again  # already closed with its note: left so

    forum.restore_playbooks(saved)
    (forum.root / STATE).unlink()
    back = forum.run()
    assert back.code == 0, back
    reopened = forum.double.topic(topic.id)
    assert reopened is not None and not reopened.closed
    assert "This playbook has been retired" not in forum.first_raw(topic.id)
    assert len(forum.synced()) == 3


def test_a_topic_a_moderator_closed_stays_closed(forum: SyncEnv) -> None:
    topic = forum.synced()["pb_first-90-days"]
    forum.double.set_topic_status(topic.id, "closed", True, username="mod-maria")
    add_step(forum, "first-90-days")
    run = forum.run()
    assert run.code == 0, run
    after = forum.double.topic(topic.id)
    assert after is not None and after.closed
    assert "- [ ] A new step." in forum.first_raw(topic.id)
    assert not [r for r in run.writes if r.path.endswith("/status")], run
    assert forum.run().writes == []


def test_a_topic_deleted_in_the_forum_is_reported_not_duplicated(forum: SyncEnv) -> None:
    topic = forum.synced()["pb_managing-the-pipeline"]
    forum.double.soft_delete_topic(topic.id, username="mod-maria")
    run = forum.run()
    assert run.code == 3, run
    failed = [line for line in run.stdout.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 1, run
    assert "playbooks/managing-the-pipeline.md" in failed[0] and "HTTP 422" in failed[0]
    assert "restore that topic in the forum" in failed[0]
    assert len([t for t in forum.double.topics() if t.external_id == "pb_managing-the-pipeline"]) == 1
    forum.double.restore_topic(topic.id)
    healed = forum.run()
    assert healed.code == 0, healed
    assert forum.synced()["pb_managing-the-pipeline"].id == topic.id
