"""End to end: a cohort that meets gets a facilitators' group and private category, and a session guide a week.

Members and outsiders cannot read the guides (404, as Discourse answers for a private category), no forum post
carries the call link, and the facilitators' category is checked before anything is posted in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cohort_support import FACILITATOR, MEMBERS, NAME, OUTSIDER, cohort_env, cohort_text, cohort_topics, get_as
from tests.cohort_support import write_cohort as write
from tests.sync_harness import SITE_URL, SyncEnv

WEEK1, WEEK2 = "2026-03-02", "2026-03-09"
CALL = "https://meet.example.com/abc-defg-hij"
MEETS = f'meets:\n  weekday: Tuesday\n  time: "17:00"\n  duration: 45\ncall_url: {CALL}\n'
CATEGORY, GROUP = "Facilitators: spring", "fac-spring"


def guides(forum: SyncEnv) -> dict[str, int]:
    """The live session guides by playbook id."""
    found = {}
    for topic in forum.double.topics(include_deleted=False):
        if topic.external_id and topic.external_id.startswith("cf_spring_"):
            key = topic.external_id.removeprefix("cf_spring_")
            assert key not in found, f"duplicate guide for {key}"
            found[key] = topic.id
    return found


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[SyncEnv]:
    with cohort_env(tmp_path) as env:
        write(env, cohort_text() + MEETS)
        yield env


def test_the_facilitators_get_a_private_space_and_a_guide_a_week_ahead(forum: SyncEnv) -> None:
    dry = forum.run("--today", WEEK1, "--dry-run")
    assert dry.code == 0 and dry.writes == [], dry
    assert f"create    group '{GROUP}' with 1 member(s)" in dry.stdout
    assert f"create    private category '{CATEGORY}' (group '{GROUP}' and staff only)" in dry.stdout
    assert "[guide, week 2: coaching-cadence]" in dry.stdout
    run = forum.run("--today", WEEK1)
    assert run.code == 0, run
    double = forum.double
    assert double.group_usernames(GROUP) == [FACILITATOR]
    assert double.group(GROUP).visibility_level == 2  # type: ignore[union-attr]
    category = next(c for c in double.categories() if c.name == CATEGORY)
    assert category.permissions == {GROUP: 1, "staff": 1}
    found = guides(forum)
    assert sorted(found) == ["coaching-cadence", "first-90-days"]  # week 1, and week 2 ahead of its week
    assert sorted(cohort_topics(forum)) == ["first-90-days"]
    week2 = double.topic(found["coaching-cadence"])
    assert week2 is not None and week2.category_id == category.id
    assert week2.title == f"Session guide, week 2: Coaching your team: cadence and structure · {NAME}"
    raw = forum.first_raw(week2.id)
    assert "Tuesday 10 March 2026, 17:00–17:45 (Europe/Berlin time)" in raw
    assert ", ".join(MEMBERS) in raw and "## Agenda (45 minutes)" in raw
    assert f"({SITE_URL}facilitators/coaching-cadence/)" in raw
    topic = cohort_topics(forum)["first-90-days"]
    assert f"[Session guide]({SITE_URL}facilitators/first-90-days/)" in forum.first_raw(topic.id)
    for each in double.topics(include_deleted=False):
        for post in double.posts_of(each.id):
            assert "meet.example.com" not in post.raw, each.title


def test_only_the_facilitators_and_staff_can_read_the_guides(forum: SyncEnv) -> None:
    assert forum.run("--today", WEEK1).code == 0
    topic_id = guides(forum)["first-90-days"]
    category = next(c for c in forum.double.categories() if c.name == CATEGORY)
    for path in (f"/t/{topic_id}.json", f"/c/{category.slug}/{category.id}.json"):
        for who in (MEMBERS[0], MEMBERS[1], OUTSIDER, None):
            assert get_as(forum, who, path).status_code == 404, (who, path)
        assert get_as(forum, FACILITATOR, path).status_code == 200, path
        assert get_as(forum, "mod-maria", path).status_code == 200, path
    assert get_as(forum, MEMBERS[0], "/t/external_id/cf_spring_first-90-days.json").status_code == 403
    assert get_as(forum, MEMBERS[0], f"/c/{category.id}/show.json").status_code == 403
    # The members' own week is still theirs.
    week = cohort_topics(forum)["first-90-days"]
    assert get_as(forum, MEMBERS[0], f"/t/{week.id}.json").status_code == 200


def test_the_next_week_adds_its_topic_and_the_guide_after_it_and_a_rerun_writes_nothing(forum: SyncEnv) -> None:
    assert forum.run("--today", WEEK1).code == 0
    same = forum.run("--today", WEEK1)
    assert same.code == 0 and same.writes == [], same
    week2 = forum.run("--today", WEEK2)
    assert week2.code == 0, week2
    assert [(r.method, r.path) for r in week2.writes] == [("POST", "/posts"), ("POST", "/posts")], week2
    assert sorted(guides(forum)) == ["coaching-cadence", "first-90-days", "managing-the-pipeline"]
    quiet = forum.run("--today", WEEK2)
    assert quiet.code == 0 and quiet.writes == [], quiet
    write(forum, cohort_text())  # the same cohort without its meeting: the facilitators' steps are left out
    assert forum.run("--today", WEEK2).code == 0  # week 1's schedule loses its meeting times
    without = forum.run("--today", WEEK2)
    assert without.code == 0 and without.writes == [], without
    assert len(quiet.requests) == len(without.requests) + 4, (quiet, without)
    print(f"a quiet run with the facilitators' space: {len(quiet.requests)} requests; without: {len(without.requests)}")


def test_a_widened_facilitators_category_is_refused_and_nothing_is_posted_in_it(forum: SyncEnv) -> None:
    assert forum.run("--today", WEEK1).code == 0
    category = next(c for c in forum.double.categories() if c.name == CATEGORY)
    forum.double.grant_category_access(category.id, "cohort-spring", 3)  # the members could now read the guides
    run = forum.run("--today", WEEK2)
    assert run.code == 3, run
    assert f"the category '{CATEGORY}' is also open to cohort-spring" in run.stdout
    assert sorted(guides(forum)) == ["coaching-cadence", "first-90-days"]  # no new guide
    assert sorted(cohort_topics(forum)) == ["coaching-cadence", "first-90-days"]  # the members' week still opened


def test_by_default_the_facilitators_hear_of_each_guide_and_the_members_do_not(tmp_path: Path) -> None:
    with cohort_env(tmp_path) as forum:
        write(forum, cohort_text().replace("notify: none\n", "") + MEETS)
        assert forum.run("--today", WEEK1).code == 0
        guide = guides(forum)["first-90-days"]
        kinds = [n.kind for n in forum.double.notifications_of(FACILITATOR) if n.topic_id == guide]
        assert kinds == ["posted"]
        assert not [n for n in forum.double.notifications_of(MEMBERS[0]) if n.topic_id == guide]


def test_a_finished_cohort_costs_no_read_for_its_facilitators(forum: SyncEnv) -> None:
    assert forum.run("--today", "2026-04-30").code == 0
    late = forum.run("--today", "2026-04-30")
    assert late.code == 0 and late.writes == [], late
    assert not [r for r in late.requests if GROUP in r.path or "Facilitators" in r.path], late
