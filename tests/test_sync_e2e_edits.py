"""End to end: a person's edit of a first post is never overwritten, even when the forum will not say who edited."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync_harness import SyncEnv, add_step, synced_env

STATE = ".playbooks-sync-state.json"


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[SyncEnv]:
    with synced_env(tmp_path) as env:
        yield env


def moderator_edits(forum: SyncEnv, playbook: str) -> tuple[int, str]:
    topic = forum.synced()[f"pb_{playbook}"]
    theirs = forum.first_raw(topic.id) + "\n\nA local note the moderator added for everyone."
    forum.double.edit_first_post_as("mod-maria", topic.id, theirs, edit_reason="local context")
    return topic.id, theirs


@pytest.mark.parametrize(("status", "html"), [(404, False), (403, False), (400, False), (404, True)])
def test_a_forum_that_will_not_say_who_edited_keeps_the_edit(forum: SyncEnv, status: int, html: bool) -> None:
    forum.double.refuse_revisions(status, html=html)
    topic_id, theirs = moderator_edits(forum, "coaching-cadence")
    add_step(forum, "coaching-cadence")
    run = forum.run()
    assert forum.first_raw(topic_id) == theirs, run
    post_id = forum.double.posts_of(topic_id)[0].id
    # the update names the text the sync last wrote: the forum refuses it (409), and nothing is replaced
    assert not [r for r in run.writes if r.path == f"/posts/{post_id}" and r.status != 409], run
    line = next(line for line in run.stdout.splitlines() if "playbooks/coaching-cadence.md" in line)
    assert "conflict" in line and "does not say who" in line, run
    assert re.search(r"/raw/\d+/1\?revision=\d+", line), line
    forced = forum.run("--force")  # the person who runs the sync decides
    assert "- [ ] A new step." in forum.first_raw(topic_id), forced


def test_verify_with_no_local_change_never_reverts_an_edit_it_cannot_attribute(forum: SyncEnv) -> None:
    """The daily --verify run reads every first post: an edit the forum will not attribute stays."""
    forum.double.refuse_revisions(404)
    topic_id, theirs = moderator_edits(forum, "first-90-days")
    for _ in range(2):
        run = forum.run("--verify")
        assert run.writes == [], run
        assert re.search(r"conflict\s+playbooks/first-90-days\.md", run.stdout), run
    assert forum.first_raw(topic_id) == theirs


def test_an_edit_by_the_sync_itself_is_proven_by_its_revision(forum: SyncEnv) -> None:
    """The version moved and the text is not the playbook's: the revision names the sync's user, so it updates."""
    topic = forum.synced()["pb_first-90-days"]
    older = forum.first_raw(topic.id).replace("## Checklist", "## Checklist (an older text)")
    forum.double.edit_first_post_as("sync-bot", topic.id, older)  # as another copy of the sync would
    (forum.root / STATE).unlink()
    run = forum.run()
    assert run.code == 0, run
    assert "## Checklist (an older text)" not in forum.first_raw(topic.id), run
    assert any("/revisions/latest" in r.path for r in run.requests), run


def test_text_the_sync_wrote_is_not_a_persons_edit_even_when_the_version_moved(forum: SyncEnv) -> None:
    """The state keeps the hash of the text written: a version that moved onto that text needs no revision read."""
    forum.double.refuse_revisions(404)
    topic = forum.synced()["pb_managing-the-pipeline"]
    ours = forum.first_raw(topic.id)
    forum.double.edit_first_post_as("mod-maria", topic.id, ours + "\n\nA typo fix, undone below.")
    forum.age_posts()
    forum.double.edit_first_post_as("mod-maria", topic.id, ours)  # back to exactly what the sync wrote
    add_step(forum, "managing-the-pipeline")
    run = forum.run()
    assert run.code == 0, run
    assert "- [ ] A new step." in forum.first_raw(topic.id), run
    assert not any("/revisions/" in r.path for r in run.requests), run


def test_an_edit_under_a_later_one_by_the_sync_user_is_still_found(forum: SyncEnv) -> None:
    """Every revision since the sync's own write is checked, not only the latest one."""
    topic_id, theirs = moderator_edits(forum, "coaching-cadence")
    forum.age_posts()
    stacked = theirs.replace("## Checklist", "## Checklist (tidied by another tool)")
    forum.double.edit_first_post_as("sync-bot", topic_id, stacked)  # the same API user, used by another tool
    add_step(forum, "coaching-cadence")
    run = forum.run("--dry-run")
    assert re.search(r"^conflict\s+playbooks/coaching-cadence\.md .*mod-maria", run.stdout, re.M), run
    assert [r.path for r in run.requests if "/revisions/" in r.path] == [
        f"/posts/{forum.double.posts_of(topic_id)[0].id}/revisions/{n}.json" for n in ("latest", 2)
    ], run


def test_a_conflict_fails_the_run_and_names_the_revision(forum: SyncEnv) -> None:
    """A CI run must not stay green while a topic is held out of step with the repository."""
    topic_id, theirs = moderator_edits(forum, "coaching-cadence")
    add_step(forum, "coaching-cadence")
    add_step(forum, "first-90-days")  # the other playbooks are still synced in the same run
    run = forum.run("--format", "json")
    assert run.code == 3, run
    report = json.loads(run.stdout)
    conflict = next(r for r in report["results"] if r["kind"] == "conflict")
    assert not conflict["ok"] and conflict["path"] == "playbooks/coaching-cadence.md"
    version = forum.double.posts_of(topic_id)[0].version
    assert f"{forum.double.url}/raw/{topic_id}/1?revision={version}" in conflict["message"]
    assert "1 failed" in report["summary"]
    assert "- [ ] A new step." in forum.first_raw(forum.synced()["pb_first-90-days"].id)
    text = forum.run()
    assert text.code == 3, text
    line = next(line for line in text.stdout.splitlines() if "coaching-cadence" in line)
    assert re.match(r"FAILED\s+conflict\s+playbooks/coaching-cadence\.md\s+topic \d+: .*mod-maria", line), line
    assert f"/raw/{topic_id}/1?revision={version}" in line
    assert forum.first_raw(topic_id) == theirs
    plan = forum.run("--dry-run")  # a dry run only shows the plan
    assert plan.code == 0 and "conflict" in plan.stdout, plan
