"""End to end: a playbook whose id changes keeps its forum topic through `previous_ids` (issue 12, item 4).

Discourse cannot move a topic's external_id (topics#update does not take it), and a closed topic keeps its
title, so without `previous_ids` the old topic is closed and the create for the new id is refused on every
run; the failure then says why and what to add. With it, the old topic is taken over: updated in place,
replies kept, never closed as retired, and remembered under the new id.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from sales_playbooks.cli import main
from tests.cohort_support import run_command
from tests.sync_harness import SyncEnv, sync_env

STATE = ".playbooks-sync-state.json"
OLD, NEW = "coaching-cadence", "team-coaching-rhythm"
REPLY = "We moved our one-to-ones to Tuesdays and it stuck."


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[SyncEnv]:
    """One playbook, synced, with a reply from a seller in its topic."""
    with sync_env(tmp_path, names=(OLD,)) as env:
        assert env.run().code == 0
        env.double.post_reply("seller-sam", env.synced()[f"pb_{OLD}"].id, REPLY)
        env.age_posts()
        yield env


def change_id(forum: SyncEnv, previous: bool, rename_file: bool = True) -> Path:
    """Give the playbook a new id (and file name), listing the old id in previous_ids or not."""
    old = forum.playbooks / f"{OLD}.md"
    text = old.read_text(encoding="utf-8").replace(f"id: {OLD}\n", f"id: {NEW}\n", 1)
    if previous:
        text = text.replace(f"id: {NEW}\n", f"id: {NEW}\nprevious_ids: [{OLD}]\n", 1)
    old.unlink()
    new = forum.playbooks / (f"{NEW}.md" if rename_file else f"{OLD}.md")
    new.write_text(text, encoding="utf-8")
    return new


@pytest.mark.parametrize("keep_state", [True, False], ids=["with-state", "without-state"])
def test_an_id_change_with_previous_ids_takes_over_the_topic(forum: SyncEnv, keep_state: bool) -> None:
    topic = forum.synced()[f"pb_{OLD}"]
    change_id(forum, previous=True)
    if not keep_state:
        (forum.root / STATE).unlink()
    run = forum.run("--format", "json")
    assert run.code == 0, run
    assert not [r for r in run.writes if r.method == "POST"], run  # no topic created
    report = json.loads(run.stdout)
    written = [r for r in report["results"] if r["kind"] not in ("unchanged", "conflict")]
    assert [(r["kind"], r["path"]) for r in written] == [("update", f"playbooks/{NEW}.md")], report
    assert [r.method for r in run.writes] == ["PUT"], run  # the first post, which links to the renamed page
    after = forum.double.topic(topic.id)
    assert after is not None and not after.closed and after.visible
    assert f"/playbooks/{NEW}/" in forum.first_raw(topic.id)
    assert forum.replies(topic.id) == [REPLY]
    assert sorted(forum.synced()) == [f"pb_{OLD}"]  # the forum keeps the old external_id on the same topic
    recorded = json.loads((forum.root / STATE).read_text(encoding="utf-8"))["topics"]
    assert recorded[f"pb_{NEW}"]["topic_id"] == topic.id and f"pb_{OLD}" not in recorded

    again = forum.run()
    assert again.code == 0 and again.writes == [], again
    (forum.root / STATE).unlink()
    cold = forum.run()
    assert cold.code == 0 and cold.writes == [], cold


def test_an_id_change_without_previous_ids_is_explained_then_converges_once_added(forum: SyncEnv) -> None:
    """Issue 12.4: the old topic is closed, and the create for the new id refused for its title on every run."""
    topic = forum.synced()[f"pb_{OLD}"]
    path = change_id(forum, previous=False, rename_file=False)
    for attempt in range(2):
        run = forum.run()
        assert run.code == 3, run
        line = next(line for line in run.stdout.splitlines() if line.startswith("FAILED") and "create" in line)
        assert "Title has already been used" in line, line
        assert "Discourse counts closed, archived and unlisted topics too" in line, line
        assert f"its id changed from {OLD} to {NEW}. Add previous_ids: [{OLD}]" in line, line
        assert not [t for t in forum.double.topics() if t.external_id == f"pb_{NEW}"], attempt
    closed = forum.double.topic(topic.id)
    assert closed is not None and closed.closed  # retired by the first run, as the playbook seemed gone

    path.write_text(
        path.read_text(encoding="utf-8").replace(f"id: {NEW}\n", f"id: {NEW}\nprevious_ids: [{OLD}]\n", 1),
        encoding="utf-8",
    )
    fixed = forum.run()
    assert fixed.code == 0, fixed
    assert not [r for r in fixed.writes if r.method == "POST"], fixed
    reopened = forum.double.topic(topic.id)
    assert reopened is not None and not reopened.closed
    assert not forum.first_raw(topic.id).startswith("> **This playbook has been retired")
    assert forum.replies(topic.id) == [REPLY]
    assert forum.run().writes == []


def test_a_new_id_that_someone_else_s_topic_has_the_title_of_is_explained(tmp_path: Path) -> None:
    """No state file to tell an id change: the message names both ways out."""
    with sync_env(tmp_path, names=(OLD,)) as env:
        lounge = env.double.create_category("Lounge", permissions={"everyone": 1})
        title = re.search(r"^title: (.*)$", (env.playbooks / f"{OLD}.md").read_text(), re.M)
        assert title is not None
        raw = "A moderator's own topic in another category, which happens to have the same title."
        env.double.create_topic_as("mod-maria", title.group(1).strip('"'), raw, lounge.id)
        run = env.run()
        assert run.code == 3, run
        line = next(line for line in run.stdout.splitlines() if line.startswith("FAILED"))
        assert "Title has already been used" in line and "If this playbook's id changed, add previous_ids" in line


def validate(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", "--root", str(root)])
    return result.exit_code, result.output


def test_validate_warns_of_an_id_changed_since_the_last_sync(forum: SyncEnv) -> None:
    state = (forum.root / STATE).read_text(encoding="utf-8")
    path = change_id(forum, previous=False, rename_file=False)
    before = len(forum.double.requests)
    code, output = validate(forum.root)
    assert code == 0, output
    warning = f"warning[id-changed]: id changed from {OLD} to {NEW}; add previous_ids: [{OLD}]"
    assert re.search(rf"playbooks/{OLD}\.md:2:5: {re.escape(warning)}", output), output
    assert (forum.root / STATE).read_text(encoding="utf-8") == state  # read only
    assert len(forum.double.requests) == before  # the forum is never asked

    path.write_text(
        path.read_text(encoding="utf-8").replace(f"id: {NEW}\n", f"id: {NEW}\nprevious_ids: [{OLD}]\n", 1),
        encoding="utf-8",
    )
    code, output = validate(forum.root)
    assert code == 0 and "id-changed" not in output, output
    (forum.root / STATE).unlink()
    path.write_text(path.read_text(encoding="utf-8").replace(f"previous_ids: [{OLD}]\n", ""), encoding="utf-8")
    code, output = validate(forum.root)
    assert code == 0 and "id-changed" not in output, output  # no state file: nothing to tell


def test_activity_finds_a_taken_over_topic_by_its_previous_id(forum: SyncEnv) -> None:
    topic = forum.synced()[f"pb_{OLD}"]
    change_id(forum, previous=True)
    assert forum.run().code == 0
    (forum.root / STATE).unlink()  # no topic id to go by: the lookup under the new id finds nothing
    code, output, _ = run_command(forum, "activity")
    assert code == 0, output
    entries = json.loads((forum.root / "data" / "activity.json").read_text(encoding="utf-8"))["topics"]
    assert entries[NEW]["topic_id"] == topic.id and entries[NEW]["replies"] == 1, entries
