"""End to end against a forum served from a subfolder (https://example.com/community), and a wrong base URL.

Discourse puts its subfolder into every redirect and link (`/community/c/5.json` is sent to
`/community/c/playbooks/5.json`). The sync, `activity` and `report` follow those redirects, send
every request under the prefix, and build links with it. A base URL that does not match the forum
(a prefix on a root install, or none on a subfolder install) is a settings error naming
DISCOURSE_URL and showing the address that was actually requested.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from sales_playbooks.cli import main
from tests.cohort_support import FACILITATOR, MEMBERS, NAME, cohort_env, cohort_topics, run_command, write_cohort
from tests.sync_harness import CATEGORY, REAL_PLAYBOOKS, Run, SyncEnv, sync_env

PREFIX = "/community"
WEEK1, WEEK2 = "2026-03-02", "2026-03-09"


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[SyncEnv]:
    """A forum under /community, with the cohort's people on it; DISCOURSE_URL names the prefix."""
    with sync_env(tmp_path, base_path=PREFIX) as env:
        for username in (FACILITATOR, *MEMBERS):
            env.double.add_user(username)
        assert env.env()["DISCOURSE_URL"].endswith(PREFIX)
        yield env


def under_prefix(run: Run) -> None:
    outside = [f"{r.method} {r.path}" for r in run.requests if not r.path.startswith(PREFIX + "/")]
    assert outside == [], outside


def test_first_sync_then_a_rerun_with_nothing_to_write(forum: SyncEnv) -> None:
    first = forum.run()
    assert first.code == 0, first
    under_prefix(first)
    topics = forum.synced()
    assert sorted(topics) == sorted(f"pb_{n}" for n in REAL_PLAYBOOKS)
    assert all(t.category_id == forum.category_id() for t in topics.values())
    forum.age_posts()
    again = forum.run()
    assert again.code == 0, again
    assert again.writes == [], again
    under_prefix(again)
    category = forum.category_id()
    # The category list's redirect carries the prefix, and the list is read at the address it names.
    assert [(r.path, r.status) for r in again.requests if r.path.startswith(f"{PREFIX}/c/")] == [
        (f"{PREFIX}/c/{category}.json", 301),
        (f"{PREFIX}/c/playbooks/{category}.json", 200),
    ]


def test_a_sync_without_its_state_file_finds_every_topic_again(forum: SyncEnv) -> None:
    assert forum.run().code == 0
    forum.age_posts()
    (forum.root / ".playbooks-sync-state.json").unlink()
    run = forum.run()
    assert run.code == 0, run
    assert run.writes == [], run
    under_prefix(run)
    assert len(forum.synced()) == len(REAL_PLAYBOOKS)


def test_a_topic_moved_out_of_the_category_is_found_by_its_external_id(forum: SyncEnv) -> None:
    assert forum.run().code == 0
    forum.age_posts()
    topic = forum.synced()["pb_first-90-days"]
    elsewhere = forum.double.create_category("Elsewhere", slug="elsewhere").id
    moved = requests.put(
        f"{forum.double.url}/t/-/{topic.id}.json",
        data={"category_id": elsewhere},
        headers={"Api-Key": forum.double.api_key_for("mod-maria"), "Api-Username": "mod-maria"},
        timeout=10,
    )
    assert moved.status_code == 200, moved.text
    run = forum.run()
    assert run.code == 0, run
    under_prefix(run)
    lookups = [(r.path, r.status) for r in run.requests if "/external_id/" in r.path]
    assert lookups == [(f"{PREFIX}/t/external_id/pb_first-90-days.json", 301)]
    assert (f"{PREFIX}/t/{topic.id}.json", 200) in [(r.path, r.status) for r in run.requests]
    back = forum.double.topic(topic.id)
    assert back is not None and back.category_id == forum.category_id()  # put back, not created again
    assert len(forum.synced()) == len(REAL_PLAYBOOKS)


def test_cohort_categories_groups_and_weeks_under_the_subfolder(forum: SyncEnv) -> None:
    write_cohort(forum)
    first = forum.run("--today", WEEK1)
    assert first.code == 0, first
    under_prefix(first)
    category = next(c for c in forum.double.categories() if c.name == NAME)
    assert category.read_restricted and category.permissions == {"cohort-spring": 1, "staff": 1}
    assert forum.double.group_usernames("cohort-spring") == sorted([FACILITATOR, *MEMBERS])
    assert sorted(cohort_topics(forum)) == ["first-90-days"]
    forum.age_posts()
    rerun = forum.run("--today", WEEK1)
    assert rerun.code == 0 and rerun.writes == [], rerun
    under_prefix(rerun)
    week2 = forum.run("--today", WEEK2)
    assert week2.code == 0, week2
    assert sorted(cohort_topics(forum)) == ["coaching-cadence", "first-90-days"]
    assert all(t.category_id == category.id for t in cohort_topics(forum).values())
    cohort_lists = [r for r in week2.requests if r.path.startswith(f"{PREFIX}/c/")]
    assert cohort_lists and all(r.status in (200, 301) for r in cohort_lists)


def test_activity_reads_and_links_under_the_subfolder(forum: SyncEnv) -> None:
    assert forum.run().code == 0
    topic = forum.synced()["pb_coaching-cadence"]
    forum.double.post_reply("seller-sam", topic.id, "Weekly one-to-ones, thirty minutes, same slot.")
    (forum.root / ".playbooks-sync-state.json").unlink()  # topics are looked up by external_id
    code, output, count = run_command(forum, "activity")
    assert code == 0, output
    data = json.loads((forum.root / "data" / "activity.json").read_text(encoding="utf-8"))
    assert data["forum"] == forum.double.url and data["forum"].endswith(PREFIX)
    entry = data["topics"]["coaching-cadence"]
    assert entry["replies"] == 1 and entry["topic_id"] == topic.id
    assert entry["url"] == f"{forum.double.url}/t/{topic.slug}/{topic.id}"
    recent = forum.double.requests[-count:]
    assert all(r.path.startswith(PREFIX + "/") for r in recent), [r.path for r in recent]
    assert count == 2 * len(REAL_PLAYBOOKS)  # a lookup (301 under the prefix) and the topic, for each


@pytest.fixture
def root_forum(tmp_path: Path) -> Iterator[SyncEnv]:
    """A forum at the root of its host, synced once, with a cohort (so report has topics to read)."""
    with cohort_env(tmp_path) as env:
        assert env.run("--today", WEEK1).code == 0
        yield env


@pytest.mark.parametrize(
    ("command", "first_path"),
    [
        (("sync",), "/categories.json"),
        (("activity",), "/t/external_id/pb_coaching-cadence.json"),
        (("report", "--today", WEEK1), "/t/external_id/cg_spring_first-90-days.json"),
    ],
    ids=["sync", "activity", "report"],
)
def test_a_subfolder_added_to_a_root_forum_is_a_settings_error(
    root_forum: SyncEnv, command: tuple[str, ...], first_path: str
) -> None:
    """Was `GET /categories.json: HTTP 404` (the prefix not shown) and exit 3."""
    wrong = root_forum.double.url + PREFIX
    before = len(root_forum.double.requests)
    code, output = _invoke(root_forum, command, DISCOURSE_URL=wrong)
    assert code == 2, output
    assert "DISCOURSE_URL" in output and "extra.forum.url" in output, output
    assert f"no Discourse forum at {wrong}" in output and f"GET {wrong}{first_path}" in output, output
    assert root_forum.key not in output
    sent = root_forum.double.requests[before:]
    assert [r.method for r in sent] == ["GET"] * len(sent) and len(sent) <= 2, sent  # the read, and one check
    assert all(r.status == 404 for r in sent)


def test_a_subfolder_left_out_of_the_base_url_is_a_settings_error(forum: SyncEnv) -> None:
    origin = forum.double.origin
    run = forum.run(DISCOURSE_URL=origin)
    assert run.code == 2, run
    output = run.stdout + run.stderr
    assert f"{origin} does not answer like a Discourse forum" in output, output
    assert f"HTTP 404 on GET {origin}/categories.json, not JSON" in output and "DISCOURSE_URL" in output
    assert run.writes == [] and forum.key not in output
    assert forum.spec_problems == [f"GET /categories.json: outside the forum's subfolder {PREFIX}"]
    forum.spec_problems.clear()  # that one request was the point of the test


def test_a_topic_not_synced_yet_is_still_just_missing(tmp_path: Path) -> None:
    """On the right base URL, a first read that answers 404 costs one check and nothing else."""
    with sync_env(tmp_path) as env:
        code, output, count = run_command(env, "activity")
        assert code == 0, output
        assert f"0 of {len(REAL_PLAYBOOKS)} playbook topic(s) read" in output
        assert count == len(REAL_PLAYBOOKS) + 1, output  # every lookup, and /categories.json once
        assert [r.path for r in env.double.requests].count("/categories.json") == 1
        assert CATEGORY not in [c.name for c in env.double.categories()]  # activity only reads


def _invoke(env: SyncEnv, command: tuple[str, ...], **overrides: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [command[0], "--root", str(env.root), *command[1:]], env=env.env(**overrides))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout + result.stderr
