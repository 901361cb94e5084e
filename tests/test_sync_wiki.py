"""extra.forum.wiki: the first posts of playbook topics become wiki posts -- planned (pure) and against the double."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from sales_playbooks.sync.actions import SetWiki
from sales_playbooks.sync.plan import Desired, Kind, Observed, make_plan
from tests.cohort_support import cohort_env, cohort_topics
from tests.discourse_double import member_edit
from tests.sync_harness import REAL_PLAYBOOKS, SyncEnv, sync_env

WANT = Desired(
    key="first-90-days",
    external_id="pb_first-90-days",
    path="playbooks/first-90-days.md",
    title="Your first 90 days as a sales manager",
    tags=None,
    raw="The body.",
    category="Playbooks",
    wiki=True,
)
SEEN = Observed(7, 70, WANT.title, None, 3, "The body.", 2, False, True)


def _plan(want: Desired, have: Observed | None) -> list[tuple[Kind, bool | None]]:
    actions = make_plan([want], {want.external_id: have}, {"Playbooks": 3}, {}, [])
    return [(a.kind, a.wiki if isinstance(a, SetWiki) else None) for a in actions]


@pytest.mark.parametrize(
    ("wanted", "known", "planned"),
    [
        (True, None, [(Kind.UNCHANGED, None), (Kind.WIKI, True)]),  # not known: set
        (True, False, [(Kind.UNCHANGED, None), (Kind.WIKI, True)]),
        (True, True, [(Kind.UNCHANGED, None)]),
        (False, True, [(Kind.UNCHANGED, None), (Kind.WIKI, False)]),  # the setting turned off
        (False, False, [(Kind.UNCHANGED, None)]),
        (False, None, [(Kind.UNCHANGED, None)]),  # never turned on by the sync: nothing to turn off
    ],
)
def test_the_wiki_flag_is_planned_after_the_topics_own_action(
    wanted: bool, known: bool | None, planned: list[tuple[Kind, bool | None]]
) -> None:
    assert _plan(replace(WANT, wiki=wanted), replace(SEEN, wiki=known)) == planned


def test_a_new_topic_is_made_a_wiki_right_after_its_create() -> None:
    assert _plan(WANT, None) == [(Kind.CREATE, None), (Kind.WIKI, True)]
    assert _plan(replace(WANT, wiki=False), None) == [(Kind.CREATE, None)]


def test_a_topic_left_alone_is_not_touched() -> None:
    edited = replace(SEEN, raw="Edited by a person.", edited_by="alice", wiki=False)
    assert _plan(WANT, edited) == [(Kind.CONFLICT, None)]
    assert _plan(WANT, replace(SEEN, post_id=None, wiki=None)) == [(Kind.UNCHANGED, None)]


def turn_wiki(env: SyncEnv, on: bool) -> None:
    path = env.root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    old, new = ("wiki: false", "wiki: true") if on else ("wiki: true", "wiki: false")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def wiki_puts(run_requests: list[tuple[str, str]]) -> list[str]:
    return [path for method, path in run_requests if method == "PUT" and path.endswith("/wiki")]


def test_wiki_off_adds_nothing_and_wiki_on_one_request_per_new_topic(tmp_path: Path) -> None:
    (tmp_path / "off").mkdir()
    (tmp_path / "on").mkdir()
    with sync_env(tmp_path / "off") as off, sync_env(tmp_path / "on") as on:
        turn_wiki(on, True)
        plain, wikis = off.run(), on.run()
        assert plain.code == 0 and wikis.code == 0, (plain, wikis)
        creates = [r for r in wikis.writes if r.method == "POST" and r.path in ("/posts", "/posts.json")]
        assert len(creates) == len(REAL_PLAYBOOKS)
        assert wiki_puts([(r.method, r.path) for r in plain.requests]) == []
        assert len(wiki_puts([(r.method, r.path) for r in wikis.requests])) == len(creates)
        assert len(wikis.requests) == len(plain.requests) + len(creates)
        for topic in on.synced().values():
            first = on.double.posts_of(topic.id)[0]
            assert first.wiki and first.version == 1  # the toggle folds into the create: no revision
        for env in (off, on):
            again = env.run()
            assert again.code == 0 and again.writes == [], again


def test_existing_topics_turn_wiki_on_then_off_once_each(tmp_path: Path) -> None:
    with sync_env(tmp_path) as env:
        assert env.run().code == 0
        env.age_posts()
        turn_wiki(env, True)
        on = env.run()
        assert on.code == 0 and on.reads == [r for r in on.reads if r.path.startswith("/c/")], on  # no topic read
        assert len(wiki_puts([(r.method, r.path) for r in on.writes])) == len(on.writes) == len(REAL_PLAYBOOKS)
        state = json.loads((env.root / ".playbooks-sync-state.json").read_text(encoding="utf-8"))
        assert {t["wiki"] for t in state["topics"].values()} == {True}
        assert env.run().writes == []
        topic = env.synced()["pb_first-90-days"]
        post = env.double.posts_of(topic.id)[0]
        assert post.version == 2  # outside the grace period the toggle is a revision, by the sync's own user
        edited = post.raw.replace("90 days", "ninety days", 1)
        assert edited != post.raw
        assert member_edit(env.double, "seller-sam", post.id, edited).status_code == 200
        env.age_posts()
        turn_wiki(env, False)
        off = env.run()
        assert len(wiki_puts([(r.method, r.path) for r in off.writes])) == len(REAL_PLAYBOOKS), off
        assert not any(env.double.posts_of(t.id)[0].wiki for t in env.synced().values())
        assert env.run().writes == []


def test_the_sync_own_toggle_is_not_taken_for_a_persons_edit(tmp_path: Path) -> None:
    """The toggle moves the version; a later change in the repository still updates the post, no conflict."""
    with sync_env(tmp_path) as env:
        assert env.run().code == 0
        env.age_posts()
        turn_wiki(env, True)
        assert env.run().code == 0
        env.age_posts()
        path = env.playbooks / "first-90-days.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nOne more line from the repository.\n", "utf-8")
        changed = env.run()
        assert changed.code == 0 and "conflict" not in changed.stdout, changed
        topic = env.synced()["pb_first-90-days"]
        assert "One more line from the repository." in env.first_raw(topic.id)


def test_the_dry_run_and_json_show_the_wiki_actions(tmp_path: Path) -> None:
    with sync_env(tmp_path) as env:
        assert env.run().code == 0
        turn_wiki(env, True)
        dry = env.run("--dry-run")
        assert dry.code == 0 and dry.writes == [], dry
        assert dry.stdout.count("make the first post a wiki post") == len(REAL_PLAYBOOKS), dry.stdout
        planned = json.loads(env.run("--dry-run", "--format", "json").stdout)
        wikis = [a for a in planned["plan"] if a["kind"] == "wiki"]
        assert len(wikis) == len(REAL_PLAYBOOKS)
        assert all(a["fields"]["wiki"] is True and a["fields"]["post_id"] for a in wikis)
        assert f"{len(REAL_PLAYBOOKS)} wiki" in planned["summary"]


def test_a_lost_state_file_learns_the_flag_from_the_topics_it_reads(tmp_path: Path) -> None:
    with sync_env(tmp_path) as env:
        turn_wiki(env, True)
        assert env.run().code == 0
        (env.root / ".playbooks-sync-state.json").unlink()
        cold = env.run()
        assert cold.code == 0 and wiki_puts([(r.method, r.path) for r in cold.writes]) == [], cold
        state = json.loads((env.root / ".playbooks-sync-state.json").read_text(encoding="utf-8"))
        assert {t["wiki"] for t in state["topics"].values()} == {True}
        again = env.run()
        assert again.code == 0 and again.writes == [], again


def test_cohort_topics_and_replies_are_never_wiki_posts(tmp_path: Path) -> None:
    with cohort_env(tmp_path) as env:
        turn_wiki(env, True)
        run = env.run("--today", "2026-03-02")
        assert run.code == 0, run
        cohort = cohort_topics(env)
        assert cohort, "the cohort's first week should be posted"
        for topic in cohort.values():
            assert not any(post.wiki for post in env.double.posts_of(topic.id))
        public = [t for key, t in env.synced().items() if key.startswith("pb_")]
        assert public and all(env.double.posts_of(t.id)[0].wiki for t in public)
        assert len(wiki_puts([(r.method, r.path) for r in run.writes])) == len(public)
