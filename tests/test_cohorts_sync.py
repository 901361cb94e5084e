"""End to end: `playbooks sync` gives each cohort its group, private category and drip-released topics."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cohort_support import (
    CURRICULUM,
    FACILITATOR,
    MEMBERS,
    NAME,
    OUTSIDER,
    cohort_env,
    cohort_text,
    cohort_topics,
    get_as,
    write_cohort,
)
from tests.sync_harness import SITE_URL, Run, SyncEnv

WEEK1, WEEK2, WEEK3 = "2026-03-02", "2026-03-09", "2026-03-16"


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[SyncEnv]:
    with cohort_env(tmp_path) as env:
        yield env


def test_first_sync_makes_the_group_the_private_category_and_week_one(forum: SyncEnv) -> None:
    run = forum.run("--today", WEEK1)
    assert run.code == 0, run
    double = forum.double
    assert double.group_usernames("cohort-spring") == sorted([FACILITATOR, *MEMBERS])
    group = double.group("cohort-spring")
    assert group is not None and group.visibility_level == 2  # only members (and staff) see the group
    category = next(c for c in double.categories() if c.name == NAME)
    assert category.read_restricted
    assert category.permissions == {"cohort-spring": 1, "staff": 1}
    topics = cohort_topics(forum)
    assert sorted(topics) == ["first-90-days"]
    topic = topics["first-90-days"]
    assert topic.category_id == category.id
    assert topic.title == f"Week 1: Your first 90 days as a sales manager · {NAME}"
    raw = forum.first_raw(topic.id)
    assert raw.startswith(f"Welcome to week 1 of **{NAME}**.")
    assert "> In your first three months" in raw or raw.count("\n> ") >= 1  # the summary, quoted
    assert "## Discussion questions\n\n1. " in raw and "## Checklist\n\n- [ ] " in raw
    assert f"]({SITE_URL}playbooks/first-90-days/)" in raw
    assert "Next, on 9 March 2026: **Coaching your team: cadence and structure**." in raw
    assert "created   group 'cohort-spring'" in run.stdout and "created   private category" in run.stdout


def test_a_forum_user_outside_the_group_gets_404(forum: SyncEnv) -> None:
    assert forum.run("--today", WEEK1).code == 0
    topic = cohort_topics(forum)["first-90-days"]
    category = next(c for c in forum.double.categories() if c.name == NAME)
    for path in (f"/t/{topic.id}.json", f"/t/{topic.slug}/{topic.id}.json", f"/c/{category.slug}/{category.id}.json"):
        assert get_as(forum, OUTSIDER, path).status_code == 404, path
        assert get_as(forum, None, path).status_code == 404, path
    assert get_as(forum, MEMBERS[0], f"/t/{topic.id}.json").status_code == 200
    assert get_as(forum, FACILITATOR, f"/t/{topic.id}.json").status_code == 200
    # The cohort topic is in no public listing: the public category shows only the public topics.
    public = next(c for c in forum.double.categories() if c.name == "Playbooks")
    listed = get_as(forum, OUTSIDER, f"/c/{public.slug}/{public.id}.json").json()["topic_list"]["topics"]
    assert all(t["id"] != topic.id for t in listed) and listed
    # A member can take part: reply in the topic.
    forum.double.post_reply(MEMBERS[1], topic.id, "We start our one-to-ones on Monday, and I wrote the plan.")


def test_drip_over_a_simulated_calendar(forum: SyncEnv) -> None:
    assert forum.run("--today", WEEK1).code == 0
    day_before = forum.run("--today", "2026-03-08")
    assert day_before.code == 0, day_before
    assert sorted(cohort_topics(forum)) == ["first-90-days"]
    assert day_before.writes == [], day_before

    plan = forum.run("--dry-run", "--today", WEEK2)
    assert plan.code == 0 and plan.writes == [], plan
    lines = plan.stdout.splitlines()
    assert f"released  spring week 1  {WEEK1}  first-90-days" in lines
    assert f"released  spring week 2  {WEEK2}  coaching-cadence" in lines
    assert any(line.startswith(f"next      spring week 3  {WEEK3}  managing-the-pipeline") for line in lines)
    assert any(line.startswith("create") and "[week 2: coaching-cadence]" in line for line in lines), plan
    assert any(line.startswith("unchanged") and "[week 1: first-90-days]" in line for line in lines), plan

    run = forum.run("--today", WEEK2)
    assert run.code == 0, run
    assert sorted(cohort_topics(forum)) == ["coaching-cadence", "first-90-days"]
    assert [(r.method, r.path) for r in run.writes] == [("POST", "/posts")], run

    late = forum.run("--today", "2026-06-01")  # long after the end: everything is out, once
    assert late.code == 0, late
    assert sorted(cohort_topics(forum)) == sorted(CURRICULUM)
    assert "complete  spring: every week is released" in late.stdout


def test_reruns_and_a_lost_state_file_make_no_duplicate(forum: SyncEnv) -> None:
    first = forum.run("--today", WEEK3)
    assert first.code == 0, first
    ids = {k: t.id for k, t in cohort_topics(forum).items()}
    assert sorted(ids) == sorted(CURRICULUM)
    again = forum.run("--today", WEEK3)
    assert again.code == 0 and again.writes == [], again
    (forum.root / ".playbooks-sync-state.json").unlink()
    lost = forum.run("--today", WEEK3)
    assert lost.code == 0 and lost.writes == [], lost
    assert {k: t.id for k, t in cohort_topics(forum).items()} == ids
    report = json.loads(forum.run("--today", WEEK3, "--format", "json").stdout)
    cohort_rows = [r for r in report["results"] if r["external_id"].startswith("cg_")]
    assert [r["kind"] for r in cohort_rows] == ["unchanged"] * 3


def test_membership_follows_the_file(forum: SyncEnv) -> None:
    assert forum.run("--today", WEEK1).code == 0
    forum.double.add_user("new.member")
    write_cohort(forum, cohort_text(members=(*MEMBERS, "new.member", "not-signed-up")))
    run = forum.run("--today", WEEK1)
    assert run.code == 0, run  # someone without a forum account yet is reported, not a failure
    assert "new.member" in forum.double.group_usernames("cohort-spring")
    assert "no forum account yet for not-signed-up" in run.stdout
    assert "added     1 member(s) to 'cohort-spring': new.member" in run.stdout

    write_cohort(forum, cohort_text(members=(MEMBERS[0],)))
    kept = forum.run("--today", WEEK1)
    assert kept.code == 0, kept
    assert "does not list: new.member, priya.raman" in kept.stdout and "--prune-members" in kept.stdout
    assert "priya.raman" in forum.double.group_usernames("cohort-spring")
    assert not [r for r in kept.writes if r.method == "DELETE"]

    pruned = forum.run("--today", WEEK1, "--prune-members")
    assert pruned.code == 0, pruned
    assert forum.double.group_usernames("cohort-spring") == sorted([FACILITATOR, MEMBERS[0]])
    assert get_as(forum, "priya.raman", f"/t/{cohort_topics(forum)['first-90-days'].id}.json").status_code == 404


def test_a_public_category_with_the_cohort_name_is_never_used(forum: SyncEnv) -> None:
    forum.double.create_category(NAME, permissions={"everyone": 1})
    run = forum.run("--today", WEEK2)
    assert run.code == 3, run
    assert "can be read by everyone" in run.stdout
    assert cohort_topics(forum) == {}
    assert len(forum.synced()) == 3  # the public playbooks still synced


def test_an_invalid_cohort_file_stops_the_sync_before_any_request(forum: SyncEnv) -> None:
    write_cohort(forum, cohort_text().replace("timezone: Europe/Berlin", "timezone: Europe/Springfield"))
    run = forum.run("--today", WEEK1)
    assert run.code == 1, run
    assert run.requests == []
    assert "peer-groups/spring.yml:11:11: error[bad-timezone]" in run.stderr


def test_request_counts_for_a_cohort_run_and_a_rerun(forum: SyncEnv) -> None:
    (forum.root / "peer-groups" / "spring.yml").rename(forum.root / "spring.yml.off")
    public = forum.run()
    public_again = forum.run()
    (forum.root / "spring.yml.off").rename(forum.root / "peer-groups" / "spring.yml")
    first = forum.run("--today", WEEK3)
    rerun = forum.run("--today", WEEK3)
    assert first.code == 0 and rerun.code == 0
    cohort_first = len(first.requests) - len(public_again.requests)
    cohort_rerun = len(rerun.requests) - len(public_again.requests)
    # group lookup + create + add members, categories + create, 3 lookups + 3 creates, and the listing
    assert cohort_first <= 13, first
    # group lookup, its members, the category list, the cohort category's listing (and its redirect)
    assert cohort_rerun <= 5, rerun
    assert len(public.requests) >= len(public_again.requests)
    print(f"cohort run: {cohort_first} requests, rerun: {cohort_rerun}")


def test_members_without_a_forum_account_cost_reads_not_writes(forum: SyncEnv) -> None:
    not_yet = tuple(f"not-signed-up-{n}" for n in range(1, 8))
    assert forum.run("--today", WEEK1).code == 0
    write_cohort(forum, cohort_text(members=(*MEMBERS, *not_yet)))
    dry = forum.run("--today", WEEK1, "--dry-run")
    real = forum.run("--today", WEEK1)
    again = forum.run("--today", WEEK1)
    warning = f"no forum account yet for {', '.join(not_yet)}"
    for run in (dry, real, again):
        assert run.code == 0, run
        assert warning in run.stdout, run
        assert "member(s) to" not in run.stdout, run
        assert not [r for r in run.requests if r.method == "PUT" and "/members" in r.path], run
    assert real.writes == [] and again.writes == [], again
    # Looked up by the run that met the changed file; the same day's next run remembers them (issue 12.11).
    lookups = [r for r in real.requests if r.path.startswith("/u/")]
    assert sorted(r.path for r in lookups) == sorted(f"/u/{name}.json" for name in not_yet)
    assert all(r.status == 404 for r in lookups)
    assert not [r for r in again.requests if r.path.startswith("/u/")], again

    # Two of them sign up: the next day's dry run and real run name the same two, added in one request.
    forum.double.add_user(not_yet[0])
    forum.double.add_user(not_yet[3])
    joined = f"{not_yet[0]}, {not_yet[3]}"
    next_day = "2026-03-03"
    dry = forum.run("--today", next_day, "--dry-run")
    assert dry.code == 0 and dry.writes == [], dry
    assert f"add       2 member(s) to 'cohort-spring': {joined}" in dry.stdout, dry
    real = forum.run("--today", next_day)
    assert real.code == 0, real
    assert f"added     2 member(s) to 'cohort-spring': {joined}" in real.stdout, real
    assert [(r.method, r.status) for r in real.writes] == [("PUT", 200)], real
    still = ", ".join(n for n in not_yet if n not in (not_yet[0], not_yet[3]))
    assert f"no forum account yet for {still}" in dry.stdout and f"no forum account yet for {still}" in real.stdout
    assert {not_yet[0], not_yet[3]} <= set(forum.double.group_usernames("cohort-spring"))
    settled = forum.run("--today", next_day)
    assert settled.code == 0 and settled.writes == [], settled
    print(f"no-change run, 5 unknown members: {len(settled.requests)} requests; 7 unknown: {len(again.requests)}")


def test_dry_run_of_a_new_cohort_names_who_has_no_account(tmp_path: Path) -> None:
    with cohort_env(tmp_path) as env:
        write_cohort(env, cohort_text(members=(*MEMBERS, "not-signed-up")))
        dry = env.run("--today", WEEK1, "--dry-run")
        assert dry.code == 0 and dry.writes == [], dry
        assert "create    group 'cohort-spring' with 3 member(s)" in dry.stdout, dry
        assert "no forum account yet for not-signed-up" in dry.stdout, dry
        real = env.run("--today", WEEK1)
        assert real.code == 0, real
        assert "with 3 member(s)" in real.stdout and "no forum account yet for not-signed-up" in real.stdout, real


def test_missing_accounts_are_looked_up_once_a_day_or_when_the_file_changes(forum: SyncEnv) -> None:
    not_yet = tuple(f"not-signed-up-{n}" for n in range(1, 8))
    assert forum.run("--today", WEEK1).code == 0
    write_cohort(forum, cohort_text(members=(*MEMBERS, *not_yet)))
    first = forum.run("--today", WEEK1)
    assert first.code == 0, first
    warning = f"no forum account yet for {', '.join(not_yet)}"

    def lookups(run: Run) -> list[str]:
        return sorted(r.path for r in run.requests if r.path.startswith("/u/"))

    assert lookups(first) == sorted(f"/u/{name}.json" for name in not_yet)
    same_day = forum.run("--today", WEEK1)
    assert same_day.code == 0 and same_day.writes == [] and lookups(same_day) == [], same_day
    assert warning in same_day.stdout  # still reported, from what the state remembers
    next_day = forum.run("--today", "2026-03-03")
    assert lookups(next_day) == lookups(first), next_day
    forum.double.add_user(not_yet[2])  # signs up; the file changes too
    write_cohort(forum, cohort_text(members=(*MEMBERS, *not_yet)) + "# one more line\n")
    changed = forum.run("--today", "2026-03-03")
    assert lookups(changed) == lookups(first), changed
    assert not_yet[2] in forum.double.group_usernames("cohort-spring")
    settled = forum.run("--today", "2026-03-03")
    assert settled.code == 0 and settled.writes == [] and lookups(settled) == [], settled
    public = [r for r in settled.requests if not r.path.startswith(("/groups/", "/u/", "/c/"))]
    print(f"no-op run with 6 members without an account: {len(settled.requests)} requests ({len(public)} public)")
