"""End to end: `playbooks pull` brings a member's edit of a first post back into the playbook file, against the
Discourse double with pydiscourse over HTTP, and the next `sync` finds the forum and the repository agree."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sales_playbooks.cli import main
from tests.sync_harness import Run, SyncEnv, synced_env

STATE = ".playbooks-sync-state.json"
SENTENCE = "Pick a weekly pattern and book it for the whole quarter."
EDITED = "Pick a weekly pattern and book it for the next two quarters."


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[SyncEnv]:
    with synced_env(tmp_path) as env:
        yield env


def pull(forum: SyncEnv, *args: str) -> Run:
    """`playbooks pull --root <copy> ARGS` in this process, with the requests the forum saw."""
    before = len(forum.double.requests)
    result = CliRunner().invoke(main, ["pull", "--root", str(forum.root), *args], env=forum.env())
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr, forum.double.requests[before:])


def member_edits(forum: SyncEnv, playbook: str, old: str, new: str, who: str = "mod-maria") -> int:
    topic = forum.synced()[f"pb_{playbook}"]
    raw = forum.first_raw(topic.id)
    assert old in raw, old
    forum.double.edit_first_post_as(who, topic.id, raw.replace(old, new, 1), edit_reason="a better word")
    return topic.id


def accepted(run: Run) -> list[str]:
    """The writes the forum made: an update naming the text the sync last wrote is refused (409) once the
    post moved on, and the sync then reads the post and decides again."""
    return [f"{r.method} {r.path}" for r in run.writes if r.status is not None and r.status < 400]


def source(forum: SyncEnv, name: str) -> str:
    return (forum.playbooks / f"{name}.md").read_text(encoding="utf-8")


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.split("\n"), after.split("\n")
    assert len(old) == len(new), (old, new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_a_member_s_edit_of_one_sentence_comes_back_as_that_change(forum: SyncEnv) -> None:
    before = source(forum, "coaching-cadence")
    member_edits(forum, "coaching-cadence", SENTENCE, EDITED)
    run = pull(forum, "--format", "json")
    assert run.code == 0, run
    assert run.writes == [], run  # reads only
    after = source(forum, "coaching-cadence")
    [(old, new)] = changed_lines(before, after)
    assert old.replace(SENTENCE, EDITED) == new
    report = json.loads(run.stdout)
    [entry] = report["playbooks"]
    assert entry["path"] == "playbooks/coaching-cadence.md" and entry["written"] is True
    assert entry["editors"] == [{"username": "mod-maria", "profile_url": f"{forum.double.url}/u/mod-maria"}]
    assert len(entry["applied"]) == 1 and entry["rejected"] == [] and entry["conflicts"] == []
    assert entry["revision_url"] == f"{forum.double.url}/raw/{entry['topic_id']}/1?revision={entry['post_version']}"
    assert report["failures"] == []
    # After the merge the sync finds the forum and the repository agree: at most one write, then none.
    synced = forum.run()
    assert synced.code == 0, synced
    assert accepted(synced) == [], synced  # the forum already says what the file renders to
    assert forum.run().writes == []
    assert pull(forum).stdout.startswith("No playbook topic was edited")


def test_dry_run_prints_the_patch_and_writes_no_file(forum: SyncEnv) -> None:
    before = {p.name: p.read_text(encoding="utf-8") for p in forum.playbooks.glob("*.md")}
    member_edits(forum, "coaching-cadence", SENTENCE, EDITED)
    run = pull(forum, "--dry-run")
    assert run.code == 0, run
    assert "--- a/playbooks/coaching-cadence.md" in run.stdout, run
    assert [line[1:].split(" These")[0] for line in run.stdout.splitlines() if line.startswith(("+P", "-P"))] == [
        SENTENCE,
        EDITED,
    ], run
    assert {p.name: p.read_text(encoding="utf-8") for p in forum.playbooks.glob("*.md")} == before


def test_an_edit_to_the_footer_is_rejected_and_reported(forum: SyncEnv) -> None:
    before = source(forum, "coaching-cadence")
    member_edits(forum, "coaching-cadence", "Read the full playbook on the site", "Read the whole playbook on the site")
    run = pull(forum, "--format", "json")
    assert run.code == 3, run
    [entry] = json.loads(run.stdout)["playbooks"]
    assert entry["applied"] == [] and entry["written"] is False
    [rejected] = entry["rejected"]
    assert "footer" in rejected["reason"] and any("Read the whole playbook" in line for line in rejected["after"])
    assert source(forum, "coaching-cadence") == before


def test_edits_on_both_sides_to_different_sections_are_both_kept(forum: SyncEnv) -> None:
    path = forum.playbooks / "coaching-cadence.md"
    ours = source(forum, "coaching-cadence").replace(
        "- [ ] Book one ride-along per seller for this month.", "- [ ] Book two ride-alongs per seller this month."
    )
    path.write_text(ours, encoding="utf-8")
    member_edits(forum, "coaching-cadence", SENTENCE, EDITED)
    run = pull(forum)
    assert run.code == 0, run
    after = source(forum, "coaching-cadence")
    assert EDITED in after and "- [ ] Book two ride-alongs per seller this month." in after
    [(old, new)] = changed_lines(ours, after)
    assert old.replace(SENTENCE, EDITED) == new
    synced = forum.run()
    assert synced.code == 0 and len(accepted(synced)) == 1, synced  # the file's own change goes out
    assert "Book two ride-alongs" in forum.first_raw(forum.synced()["pb_coaching-cadence"].id)
    assert forum.run().writes == []


def test_edits_to_the_same_line_are_a_conflict_and_leave_the_file(forum: SyncEnv) -> None:
    path = forum.playbooks / "coaching-cadence.md"
    ours = source(forum, "coaching-cadence").replace(SENTENCE, "Pick a weekly pattern and keep it all quarter.")
    path.write_text(ours, encoding="utf-8")
    member_edits(forum, "coaching-cadence", SENTENCE, EDITED)
    run = pull(forum, "--format", "json")
    assert run.code == 3, run
    [entry] = json.loads(run.stdout)["playbooks"]
    [conflict] = entry["conflicts"]
    assert any("keep it all quarter" in line for line in conflict["ours"])
    assert any(EDITED in line for line in conflict["theirs"])
    assert entry["written"] is False and source(forum, "coaching-cadence") == ours
    text = pull(forum)
    assert "conflict" in text.stdout and "keep it all quarter" in text.stdout and EDITED in text.stdout, text


def test_a_pulled_edit_that_breaks_validation_is_not_written(forum: SyncEnv) -> None:
    before = source(forum, "coaching-cadence")
    member_edits(forum, "coaching-cadence", "## Checklist\n", "## Things to do\n")
    run = pull(forum, "--format", "json")
    assert run.code == 3, run
    [entry] = json.loads(run.stdout)["playbooks"]
    assert entry["written"] is False and entry["problems"], entry
    assert re.match(r"^\S*coaching-cadence\.md:\d+:\d+: error\[", entry["problems"][0]), entry["problems"]
    assert "coaching-cadence.md:" in run.stderr
    assert source(forum, "coaching-cadence") == before


def test_a_lost_state_file_still_finds_the_base_in_the_revision_history(forum: SyncEnv) -> None:
    path = forum.playbooks / "coaching-cadence.md"
    path.write_text(
        source(forum, "coaching-cadence").replace("## Checklist\n", "## Checklist\n\n- [ ] Tell the team why.\n", 1)
    )
    assert forum.run().code == 0  # the sync's own revision: the base
    forum.age_posts()
    before = source(forum, "coaching-cadence")
    member_edits(forum, "coaching-cadence", SENTENCE, EDITED)
    (forum.root / STATE).unlink()
    run = pull(forum, "--format", "json")
    assert run.code == 0, run
    assert any("/revisions/" in r.path for r in run.requests) and any(r.path.startswith("/raw/") for r in run.requests)
    [(old, new)] = changed_lines(before, source(forum, "coaching-cadence"))
    assert old.replace(SENTENCE, EDITED) == new
    [entry] = json.loads(run.stdout)["playbooks"]
    assert [e["username"] for e in entry["editors"]] == ["mod-maria"]


WORKFLOW = Path(__file__).parent.parent / ".github" / "workflows" / "forum-pull.yml"


def test_the_workflow_s_steps_in_a_dry_run(forum: SyncEnv, tmp_path: Path) -> None:
    """forum-pull.yml: least privilege, the forum secrets only where `pull` runs; its two commands, run as its
    steps run them (pull's JSON into pull-requests), give the pull request's branch, title and body."""
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    [job] = workflow["jobs"].values()
    assert job["environment"] == "forum"
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    with_secrets = [s for s in job["steps"] if "secrets." in json.dumps(s.get("env", {}))]
    assert [s["name"] for s in with_secrets] == ["playbooks pull"]
    assert "playbooks pull --format json" in with_secrets[0]["run"]
    member_edits(forum, "coaching-cadence", SENTENCE, EDITED)
    run = pull(forum, "--format", "json")
    assert run.code == 0, run
    report = tmp_path / "pull.json"
    report.write_text(run.stdout, encoding="utf-8")
    shown = CliRunner().invoke(main, ["pull-requests", "--from", str(report), "--dry-run"])
    assert shown.exit_code == 0, shown.output
    head, body = shown.output.split("\n\n", 1)
    assert head == "branch: forum-edits/coaching-cadence\ntitle: Forum edits to coaching-cadence by mod-maria"
    assert f"[mod-maria]({forum.double.url}/u/mod-maria)" in body
    assert re.search(rf"\[revision \d+\]\({re.escape(forum.double.url)}/raw/\d+/1\?revision=\d+\)", body), body
    assert "@sales-leader-playbooks/coaching, as the playbook's owner (CODEOWNERS), please review" in body


def test_a_conflict_and_a_rejected_edit_reach_the_owners_as_issues(forum: SyncEnv, tmp_path: Path) -> None:
    """The workflow's two commands: a playbook whose forum edit changed nothing in its file gets an issue."""
    path = forum.playbooks / "coaching-cadence.md"
    path.write_text(source(forum, "coaching-cadence").replace(SENTENCE, "Pick a pattern, keep it."), encoding="utf-8")
    member_edits(forum, "coaching-cadence", SENTENCE, EDITED)
    member_edits(forum, "first-90-days", "Read the full playbook on the site", "Read the whole playbook here")
    run = pull(forum, "--format", "json")
    assert run.code == 3, run
    report = tmp_path / "pull.json"
    report.write_text(run.stdout, encoding="utf-8")
    shown = CliRunner().invoke(main, ["pull-requests", "--from", str(report), "--dry-run"])
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("No playbook file was changed: no pull request to make.\n"), shown.output
    issues = shown.output.split("kind: issue\n")[1:]
    assert [i.split("\n", 1)[0] for i in issues] == [
        "title: Forum edit to coaching-cadence needs a decision",
        "title: Forum edit to first-90-days needs a decision",
    ]
    assert "### Conflicts" in issues[0] and "Pick a pattern, keep it." in issues[0] and EDITED in issues[0]
    assert "### Not applied" in issues[1] and "footer" in issues[1] and "Read the whole playbook here" in issues[1]
    assert all("playbooks sync --force" in i and f"{forum.double.url}/u/mod-maria" in i for i in issues)


def test_a_conflict_the_team_resolved_in_the_file_is_no_longer_reported(forum: SyncEnv) -> None:
    topic_id = member_edits(forum, "coaching-cadence", SENTENCE, EDITED)
    path = forum.playbooks / "coaching-cadence.md"
    path.write_text(source(forum, "coaching-cadence").replace("## Checklist\n", "## Checklist\n\n- [ ] Say why.\n", 1))
    held = forum.run()
    assert held.code == 3 and "conflict" in held.stdout and "mod-maria" in held.stdout, held
    path.write_text(source(forum, "coaching-cadence").replace(SENTENCE, EDITED), encoding="utf-8")  # taken in by hand
    settled = forum.run()
    assert settled.code == 0 and len(accepted(settled)) == 1, settled
    raw = forum.first_raw(topic_id)
    assert EDITED in raw and "- [ ] Say why." in raw
    assert forum.run().writes == []
