"""Members hear of each new week without doing anything: `notify: watching` (the default), `mention` or `none`.

Against the double: the group's default level for its category, what each member is told, and what it costs.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.cohort_support import FACILITATOR, MEMBERS, NAME, OUTSIDER, cohort_env, cohort_text, cohort_topics
from tests.cohort_support import write_cohort as write
from tests.sync_harness import Run, SyncEnv

WEEK1, WEEK2 = "2026-03-02", "2026-03-09"
WATCHING, REGULAR = 3, 1


def text(notify: str | None, members: tuple[str, ...] = MEMBERS) -> str:
    """The test cohort with `notify: <notify>`, or without the line (the default)."""
    return cohort_text(members).replace("notify: none\n", f"notify: {notify}\n" if notify else "")


def category_id(forum: SyncEnv) -> int:
    return next(c.id for c in forum.double.categories() if c.name == NAME)


def group_puts(run: Run) -> list[str]:
    return [
        r.path for r in run.writes if r.method == "PUT" and r.path.startswith("/groups/") and "/members" not in r.path
    ]


def told(forum: SyncEnv, username: str, topic_id: int) -> list[str]:
    return [n.kind for n in forum.double.notifications_of(username) if n.topic_id == topic_id]


def test_by_default_the_group_watches_its_category_and_everyone_hears_of_each_week(tmp_path: Path) -> None:
    with cohort_env(tmp_path) as forum:
        write(forum, text(None))
        dry = forum.run("--today", WEEK1, "--dry-run")
        assert dry.code == 0 and dry.writes == [], dry
        assert f"notify    'cohort-spring' watches '{NAME}'" in dry.stdout, dry
        planned = json.loads(forum.run("--today", WEEK1, "--dry-run", "--format", "json").stdout)["plan"]
        (notify,) = [a for a in planned if a["kind"] == "notify"]
        assert notify["target"] == "group 'cohort-spring'" and notify["fields"]["update_existing_users"] is True
        first = forum.run("--today", WEEK1)
        assert first.code == 0, first
        cid = category_id(forum)
        assert forum.double.group("cohort-spring").category_defaults == {cid: WATCHING}  # type: ignore[union-attr]
        assert [forum.double.category_level(p, cid) for p in (FACILITATOR, *MEMBERS)] == [WATCHING] * 3
        week1 = cohort_topics(forum)["first-90-days"].id
        assert [told(forum, p, week1) for p in (FACILITATOR, *MEMBERS)] == [["posted"]] * 3
        assert told(forum, OUTSIDER, week1) == []
        # One read of the new group for its id, and one write; the topic comes after, so it is heard of.
        assert len(group_puts(first)) == 1, first
        report = json.loads(forum.run("--today", WEEK1, "--format", "json").stdout)
        assert [p["kind"] for p in report["plan"]].count("notify") == 0

        forum.double.add_user("late.joiner")  # joins in week 2: the group's default makes them a watcher too
        write(forum, text(None, (*MEMBERS, "late.joiner")))
        week2_run = forum.run("--today", WEEK2)
        assert week2_run.code == 0, week2_run
        assert group_puts(week2_run) == [], week2_run
        assert forum.double.category_level("late.joiner", cid) == WATCHING
        week2 = cohort_topics(forum)["coaching-cadence"].id
        assert told(forum, "late.joiner", week2) == ["posted"] and told(forum, MEMBERS[0], week2) == ["posted"]
        quiet = forum.run("--today", WEEK2)
        assert quiet.code == 0 and quiet.writes == [], quiet


def test_switching_to_watching_keeps_a_members_own_choice_and_back_to_none_keeps_theirs(tmp_path: Path) -> None:
    with cohort_env(tmp_path) as forum:
        assert forum.run("--today", WEEK1).code == 0  # notify: none
        cid = category_id(forum)
        assert forum.double.group("cohort-spring").category_defaults == {}  # type: ignore[union-attr]
        forum.double.set_category_level(MEMBERS[1], cid, REGULAR)  # chose to hear less
        write(forum, text("watching"))
        run = forum.run("--today", WEEK1)
        assert run.code == 0, run
        assert len(group_puts(run)) == 1
        assert forum.double.category_level(MEMBERS[0], cid) == WATCHING
        assert forum.double.category_level(MEMBERS[1], cid) == REGULAR
        write(forum, text("none"))
        back = forum.run("--today", WEEK1)
        assert back.code == 0, back
        assert f"no longer watches '{NAME}' by default" in back.stdout
        assert forum.double.group("cohort-spring").category_defaults == {}  # type: ignore[union-attr]
        assert forum.double.category_level(MEMBERS[0], cid) == WATCHING  # members keep what they have
        assert forum.run("--today", WEEK1).writes == []


def test_mention_makes_the_group_mentionable_and_each_week_tells_every_member(tmp_path: Path) -> None:
    with cohort_env(tmp_path) as forum:
        write(forum, text("mention"))
        dry = forum.run("--today", WEEK1, "--dry-run", "--format", "json")
        (made,) = [a for a in json.loads(dry.stdout)["plan"] if a["kind"] == "create-group"]
        assert made["fields"]["mentionable_level"] == 3 and made["target"] == "group 'cohort-spring'"
        first = forum.run("--today", WEEK1)
        assert first.code == 0, first
        assert group_puts(first) == [], first  # made mentionable in the request that creates it
        group = forum.double.group("cohort-spring")
        assert group is not None and group.mentionable_level == 3 and group.category_defaults == {}
        week1 = cohort_topics(forum)["first-90-days"].id
        assert "@cohort-spring" in forum.first_raw(week1)
        assert [told(forum, p, week1) for p in (FACILITATOR, *MEMBERS)] == [["group_mentioned"]] * 3
        assert told(forum, OUTSIDER, week1) == []
        again = forum.run("--today", WEEK1)
        assert again.code == 0 and again.writes == [], again


def test_an_existing_group_nobody_may_mention_is_opened_to_mentions_once(tmp_path: Path) -> None:
    with cohort_env(tmp_path) as forum:
        assert forum.run("--today", WEEK1).code == 0  # notify: none; the group is made with the forum's default
        assert forum.double.group("cohort-spring").mentionable_level == 0  # type: ignore[union-attr]
        write(forum, text("mention"))
        run = forum.run("--today", WEEK2)
        assert run.code == 0, run
        assert len(group_puts(run)) == 1, run
        assert forum.double.group("cohort-spring").mentionable_level == 3  # type: ignore[union-attr]
        week2 = cohort_topics(forum)["coaching-cadence"].id
        assert told(forum, MEMBERS[0], week2) == ["group_mentioned"]


def test_a_bad_notify_value_is_reported_at_its_place(tmp_path: Path) -> None:
    with cohort_env(tmp_path) as forum:
        write(forum, text("email"))
        run = forum.run("--today", WEEK1)
        assert run.code == 1 and run.requests == [], run
        assert "error[bad-notify]: 'email' is not a way to notify members" in run.stderr


def test_the_cost_of_the_default(tmp_path: Path) -> None:
    """Watching costs one read and one write when the group is made, and nothing on later runs."""
    costs = {}
    for mode in ("none", None):
        (tmp_path / str(mode)).mkdir()
        with cohort_env(tmp_path / str(mode)) as forum:
            write(forum, text(mode))
            first, later = forum.run("--today", WEEK1), forum.run("--today", WEEK1)
            assert first.code == 0 and later.code == 0 and later.writes == []
            costs[mode] = (len(first.requests), len(later.requests))
    assert costs[None][0] == costs["none"][0] + 2, costs
    assert costs[None][1] == costs["none"][1], costs
    print(f"watching: {costs[None]} requests (first run, later run); none: {costs['none']}")
