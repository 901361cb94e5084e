"""End to end: the real `playbooks sync` (pydiscourse over HTTP) against the Discourse double.

Every request the tool sends in these tests is also checked against Discourse's OpenAPI spec
(see tests/sync_openapi.py); the `forum` fixture fails the test on any mismatch.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync_harness import CATEGORY, REAL_PLAYBOOKS, SITE_URL, SyncEnv, sync_env
from tests.sync_openapi import covered

SHA = "0f1e2d3c4b5a69788796a5b4c3d2e1f001234567"
MKDOCS_ONLY = (r"^!!!", r"^\?\?\?", r"\{:", r":material-", r"\]\((?!https?://)", r"\.md\b", r"^\*\[")
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[SyncEnv]:
    with sync_env(tmp_path) as env:
        yield env


def synced_first(forum: SyncEnv) -> None:
    run = forum.run()
    assert run.code == 0, run
    forum.age_posts()


def test_dry_run_then_first_sync_creates_every_topic(forum: SyncEnv) -> None:
    before = forum.double.categories()
    plan = forum.run("--dry-run")
    assert plan.code == 0, plan
    assert plan.writes == [], plan
    lines = [line for line in plan.stdout.splitlines() if line.startswith("create ") and ".md" in line]
    assert sorted(line.split()[1] for line in lines) == [f"playbooks/{n}.md" for n in sorted(REAL_PLAYBOOKS)]
    assert f"category '{CATEGORY}'" in plan.stdout
    assert forum.double.topics() == [] and forum.double.categories() == before
    assert not (forum.root / ".playbooks-sync-state.json").exists()

    run = forum.run("--format", "json")
    assert run.code == 0, run
    report = json.loads(run.stdout)
    # Every write is a structured action: the category first, then the three topics.
    assert [r["kind"] for r in report["results"]] == ["create-category"] + ["create"] * 3
    assert [r["target"] for r in report["plan"]][:1] == [f"category '{CATEGORY}'"]
    assert report["results"][0]["fields"]["permissions"] == {"everyone": 2}
    assert all(r["ok"] for r in report["results"])
    assert report["requests"]["writes"] == len(run.writes) == 4  # the category and three topics

    category = forum.double.category(forum.category_id())
    assert category is not None and not category.read_restricted
    topics = forum.synced()
    assert sorted(topics) == sorted(f"pb_{n}" for n in REAL_PLAYBOOKS)
    pipeline = topics["pb_managing-the-pipeline"]
    assert pipeline.title == "Managing the pipeline with your sellers"
    assert sorted(pipeline.tags) == ["coaching", "crm", "pipeline"]
    for topic in topics.values():
        assert topic.category_id == category.id
        raw = forum.first_raw(topic.id)
        assert "## Checklist" in raw and "- [ ] " in raw and "## Discussion questions" in raw
        assert "edit it through a pull request" in raw
        page = f"{SITE_URL}playbooks/{topic.external_id.removeprefix('pb_')}/"  # type: ignore[union-attr]
        assert f"]({page})" in raw
        for pattern in MKDOCS_ONLY:
            assert not re.search(pattern, raw, re.M), (topic.external_id, pattern)
        assert all(link.startswith("https://") for link in LINK_TARGET.findall(raw)), raw
    assert f"]({SITE_URL}glossary/#pipeline-stage)" in forum.first_raw(pipeline.id)
    assert (forum.root / ".playbooks-sync-state.json").is_file()


def test_a_second_sync_writes_nothing_and_reads_one_listing(forum: SyncEnv) -> None:
    synced_first(forum)
    again = forum.run()
    assert again.code == 0, again
    assert again.writes == []
    # The category list (one page per 30 topics), plus the redirect to its canonical address.
    assert len(again.reads) <= math.ceil(len(REAL_PLAYBOOKS) / 30) + 1, again
    assert again.stdout.count("unchanged") >= len(REAL_PLAYBOOKS)
    plan = forum.run("--dry-run")
    assert [line.split()[0] for line in plan.stdout.splitlines()[:3]] == ["unchanged"] * 3


def test_special_spaces_in_a_playbook_do_not_make_an_endless_update(forum: SyncEnv) -> None:
    """Text pasted from a word processor carries no-break and thin spaces, which Discourse stores as plain ones."""
    path = forum.playbooks / "coaching-cadence.md"
    text = path.read_text(encoding="utf-8")
    plays = text[text.index("## The plays") :].splitlines()
    sentence = next(line for line in plays if line.count(" ") > 8 and not line.startswith(("#", "-")))
    pasted = sentence.replace(" ", "\u00a0", 3).replace(" ", "\u2009", 1) + "  "
    path.write_text(text.replace(sentence, pasted, 1), encoding="utf-8")
    synced_first(forum)
    topic = forum.synced()["pb_coaching-cadence"]
    assert sentence in forum.first_raw(topic.id)
    verified = forum.run("--verify")  # compares each first post with the playbook, whatever the state file says
    assert verified.code == 0 and verified.writes == [], verified
    (forum.root / ".playbooks-sync-state.json").unlink()
    again = forum.run()
    assert again.code == 0 and again.writes == [], again


def test_one_edit_makes_one_update_with_an_edit_reason(forum: SyncEnv) -> None:
    synced_first(forum)
    baseline = forum.run()
    path = forum.playbooks / "coaching-cadence.md"
    path.write_text(path.read_text().replace("## Checklist\n", "## Checklist\n\n- [ ] Tell the team why.\n", 1))
    topic = forum.synced()["pb_coaching-cadence"]
    changed = forum.run(GITHUB_SHA=SHA)
    assert changed.code == 0, changed
    assert [(r.method, r.path) for r in changed.writes] == [("PUT", f"/posts/{forum.double.posts_of(topic.id)[0].id}")]
    assert len(changed.requests) <= len(baseline.requests) + 3, changed
    assert "- [ ] Tell the team why." in forum.first_raw(topic.id)
    revision = forum.double.revisions_of(forum.double.posts_of(topic.id)[0].id)[-1]
    assert revision.username == "sync-bot"
    assert SHA[:12] in (revision.edit_reason or "") and "playbooks/coaching-cadence.md" in (revision.edit_reason or "")
    assert forum.run().writes == []


def test_retitle_and_rename_keep_the_same_topic(forum: SyncEnv) -> None:
    synced_first(forum)
    before = forum.synced()["pb_first-90-days"]
    old = forum.playbooks / "first-90-days.md"
    text = old.read_text().replace(
        "title: Your first 90 days as a sales manager", "title: Your first ninety days leading a sales team"
    )
    old.unlink()
    (forum.playbooks / "starting-out.md").write_text(text.replace("tags: [", "tags: [first-steps, ", 1))
    run = forum.run()
    assert run.code == 0, run
    assert not [r for r in run.writes if r.method == "POST"], run
    after = forum.synced()["pb_first-90-days"]
    assert after.id == before.id
    assert after.title == "Your first ninety days leading a sales team"
    assert "first-steps" in after.tags
    assert len(forum.synced()) == 3
    assert forum.run().writes == []


def test_deleting_the_state_file_makes_no_duplicate(forum: SyncEnv) -> None:
    synced_first(forum)
    ids = {k: t.id for k, t in forum.synced().items()}
    (forum.root / ".playbooks-sync-state.json").unlink()
    run = forum.run()
    assert run.code == 0, run
    assert run.writes == [], run
    # The category, its list (and the redirect to it), then one read per listed topic.
    assert len(run.requests) <= 3 + len(REAL_PLAYBOOKS) + 1, run
    assert {k: t.id for k, t in forum.synced().items()} == ids
    assert (forum.root / ".playbooks-sync-state.json").is_file()
    assert len(forum.run().requests) <= 2


def test_a_removed_playbook_is_closed_with_a_note_and_comes_back(forum: SyncEnv) -> None:
    synced_first(forum)
    topic = forum.synced()["pb_managing-the-pipeline"]
    forum.double.post_reply("seller-sam", topic.id, "We tried the stage rules and they helped a lot.")
    original = forum.first_raw(topic.id)
    saved = forum.remove_playbook("managing-the-pipeline")

    gone = forum.run()
    assert gone.code == 0, gone
    closed = forum.double.topic(topic.id)
    assert closed is not None and closed.closed and closed.deleted_at is None
    assert forum.first_raw(topic.id).startswith("> **This playbook has been retired")
    assert forum.replies(topic.id) == ["We tried the stage rules and they helped a lot."]
    assert "archive" in gone.stdout
    assert forum.run().writes == []

    forum.restore_playbooks(saved)
    back = forum.run()
    assert back.code == 0, back
    reopened = forum.double.topic(topic.id)
    assert reopened is not None and not reopened.closed and reopened.visible
    assert forum.first_raw(topic.id) == original
    assert forum.replies(topic.id) == ["We tried the stage rules and they helped a lot."]
    assert len(forum.synced()) == 3
    assert forum.run().writes == []


def test_a_forum_edit_is_a_conflict_until_forced(forum: SyncEnv) -> None:
    synced_first(forum)
    topic = forum.synced()["pb_coaching-cadence"]
    theirs = forum.first_raw(topic.id) + "\n\nA note the moderator added in the forum for everyone."
    forum.double.edit_first_post_as("mod-maria", topic.id, theirs, edit_reason="local context")
    path = forum.playbooks / "coaching-cadence.md"
    path.write_text(path.read_text().replace("## Checklist\n", "## Checklist\n\n- [ ] Tell the team why.\n", 1))

    plan = forum.run("--dry-run")
    assert plan.code == 0, plan
    assert re.search(r"^conflict\s+playbooks/coaching-cadence\.md .*mod-maria", plan.stdout, re.M), plan
    run = forum.run()
    assert run.code == 3, run  # a conflict fails the run (it used to exit 0)
    assert forum.first_raw(topic.id) == theirs
    post_path = f"/posts/{forum.double.posts_of(topic.id)[0].id}"
    assert not [r for r in run.writes if r.path == post_path and r.status != 409]  # refused: it named our text
    where = re.search(r"(http://127\.0\.0\.1:\d+/raw/\S+)", run.stdout)
    assert where is not None, run.stdout
    assert forum_text(forum, where.group(1)) == theirs

    forced = forum.run("--force")
    assert forced.code == 0, forced
    assert "- [ ] Tell the team why." in forum.first_raw(topic.id)
    kept = re.search(r"replaced an edit by mod-maria, kept by the forum as (\S+)", forced.stdout)
    assert kept is not None, forced.stdout
    assert forum_text(forum, kept.group(1)) == theirs
    assert forum.run().writes == []


def test_verify_finds_a_forum_edit_without_a_local_change(forum: SyncEnv) -> None:
    synced_first(forum)
    topic = forum.synced()["pb_first-90-days"]
    theirs = forum.first_raw(topic.id).replace("## Checklist", "## Checklist (edited in the forum)")
    forum.double.edit_first_post_as("mod-maria", topic.id, theirs)
    run = forum.run("--verify")
    assert run.code == 3 and run.writes == [], run  # a conflict fails the run (it used to exit 0)
    assert re.search(r"conflict\s+playbooks/first-90-days\.md", run.stdout), run.stdout
    assert forum.first_raw(topic.id) == theirs


def test_a_forum_with_tagging_off_is_not_rewritten_forever(tmp_path: Path) -> None:
    """With tagging off, Discourse keeps no tags and shows none (no `tags` key): say so, write nothing."""
    with sync_env(tmp_path, settings={"tagging_enabled": False}) as forum:
        synced_first(forum)
        assert all(topic.tags == [] for topic in forum.synced().values())
        checked = forum.run("--verify")  # reads every topic
        assert checked.code == 0 and checked.writes == [], checked
        assert "the forum shows no tags: tagging is turned off there" in checked.stdout
        assert "extra.forum.tags: false" in checked.stdout

        forum.double.state.settings["tagging_enabled"] = True  # the admin turns tagging on
        fixed = forum.run("--verify")
        assert fixed.code == 0, fixed
        assert "the forum shows no tags" not in fixed.stdout
        assert sorted(forum.synced()["pb_managing-the-pipeline"].tags) == ["coaching", "crm", "pipeline"]
        assert forum.run("--verify").writes == []


def test_tags_turned_off_in_mkdocs_are_left_alone(tmp_path: Path) -> None:
    """extra.forum.tags: false: no tags sent, and tags already on the forum are neither changed nor fought over."""
    with sync_env(tmp_path) as forum:
        synced_first(forum)  # tagging on: the topics get the playbooks' tags
        config = forum.root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("  forum:\n", "  forum:\n    tags: false\n", 1), encoding="utf-8")
        for _ in range(2):
            run = forum.run("--verify")
            assert run.code == 0 and run.writes == [], run
        assert sorted(forum.synced()["pb_managing-the-pipeline"].tags) == ["coaching", "crm", "pipeline"]
        text = (forum.playbooks / "managing-the-pipeline.md").read_text(encoding="utf-8")  # a new playbook
        text = text.replace("id: managing-the-pipeline", "id: pipeline-reviews", 1)
        text = text.replace("title: Managing the pipeline with", "title: Running pipeline reviews with", 1)
        (forum.playbooks / "pipeline-reviews.md").write_text(text, encoding="utf-8")
        created = forum.run()
        assert created.code == 0, created
        assert forum.synced()["pb_pipeline-reviews"].tags == [], "a new topic gets no tags"
        assert forum.run("--verify").writes == []


def forum_text(forum: SyncEnv, url: str) -> str:
    """What a person following the report's link would read (as the admin, over HTTP)."""
    import requests

    headers = {"Api-Key": forum.key, "Api-Username": "sync-bot"}
    answer = requests.get(url, headers=headers, timeout=10)
    assert answer.status_code == 200, (url, answer.status_code, answer.text[:200])
    return answer.text


def test_requests_cover_the_documented_operations(forum: SyncEnv) -> None:
    synced_first(forum)
    exchanges = forum.run("--verify").exchanges
    forum.remove_playbook("first-90-days")
    exchanges += forum.run().exchanges
    used = covered(exchanges)
    assert {("GET", "/c/{slug}/{id}.json"), ("GET", "/t/{id}.json"), ("PUT", "/t/{id}/status.json")} <= used
    assert ("PUT", "/posts/{id}.json") in used
