"""`playbooks report` against the double: the numbers match the replies people posted."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cohort_support import FACILITATOR, MEMBERS, cohort_env, cohort_topics, run_command
from tests.sync_harness import SyncEnv

WEEK3 = "2026-03-16"
MARCUS, PRIYA = MEMBERS


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[SyncEnv]:
    with cohort_env(tmp_path) as env:
        assert env.run("--today", WEEK3).code == 0
        yield env


def report(env: SyncEnv, *args: str) -> tuple[int, str, int]:
    return run_command(env, "report", *args)


def post_replies(env: SyncEnv) -> None:
    topics = {k: t.id for k, t in cohort_topics(env).items()}
    double = env.double
    for n in range(21):  # more than one chunk of 20 posts: the report must read them all
        double.post_reply(MARCUS, topics["first-90-days"], f"Day {n + 1} of my plan: one-to-one with seller {n + 1}.")
    double.post_reply(PRIYA, topics["first-90-days"], "I started with a listening tour of every account.")
    double.post_reply(FACILITATOR, topics["first-90-days"], "Great start, both of you. What surprised you most?")
    removed = double.post_reply(PRIYA, topics["coaching-cadence"], "Posted in the wrong topic, sorry about that.")
    double.post_reply(MARCUS, topics["coaching-cadence"], "Weekly thirty minutes, and I protect the slot.")
    with double.state.lock:  # a deleted reply does not count
        double.state.posts[removed.id].deleted_at = double.state.posts[removed.id].created_at


def test_report_counts_replies_and_members_and_names_whom_to_follow_up(forum: SyncEnv) -> None:
    post_replies(forum)
    code, output, requests = report(forum, "--today", WEEK3, "--format", "json")
    assert code == 0, output
    (cohort,) = json.loads(output)["cohorts"]
    weeks = {w["playbook"]: w for w in cohort["weeks"]}
    assert [w["week"] for w in cohort["weeks"]] == [1, 2, 3]
    assert (weeks["first-90-days"]["replies"], weeks["first-90-days"]["members_posted"]) == (23, 2)
    assert weeks["first-90-days"]["posted"] == [MARCUS, PRIYA]
    assert (weeks["coaching-cadence"]["replies"], weeks["coaching-cadence"]["members_posted"]) == (1, 1)
    assert (weeks["managing-the-pipeline"]["replies"], weeks["managing-the-pipeline"]["members_posted"]) == (0, 0)
    assert cohort["follow_up"] == [PRIYA]  # posted only in week 1, not in weeks 2 and 3
    assert cohort["members"] == 2
    # One read per released topic (ids from the sync state), plus one for the posts past the first 20.
    assert requests == 3 + 1, output


def test_report_before_the_second_week_and_as_csv(forum: SyncEnv) -> None:
    post_replies(forum)
    code, output, _ = report(forum, "--today", "2026-03-02", "--format", "csv")
    assert code == 0, output
    rows = list(csv.DictReader(io.StringIO(output)))
    assert [(r["section"], r["week"], r["replies"], r["members_posted"], r["username"]) for r in rows] == [
        ("week", "1", "23", "2", ""),
    ]
    code, output, _ = report(forum, "--today", WEEK3, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(output)))
    assert [r["section"] for r in rows] == ["week", "week", "week", "follow-up"]
    assert rows[-1]["username"] == PRIYA and rows[-1]["cohort"] == "spring"


def test_report_table_and_a_missing_topic(forum: SyncEnv) -> None:
    topic = cohort_topics(forum)["managing-the-pipeline"]
    forum.double.soft_delete_topic(topic.id)
    code, output, _ = report(forum, "--today", WEEK3)
    assert code == 0, output
    assert "Peer group: spring test cohort (spring), as of 2026-03-16" in output
    assert "no topic yet" in output
    assert f"Follow up with (no post in the last two topics): {MARCUS}, {PRIYA}" in output


def test_report_refuses_an_unknown_cohort(forum: SyncEnv) -> None:
    code, output, requests = report(forum, "--cohort", "autumn")
    assert code == 1 and "no cohort has the id autumn" in output
    assert requests == 0
