"""End to end: a cohort's week goes only into a category that only the cohort's group and staff can see."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cohort_support import NAME, OUTSIDER, cohort_env, cohort_topics
from tests.sync_harness import SyncEnv

WEEK1, WEEK2 = "2026-03-02", "2026-03-09"


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[SyncEnv]:
    with cohort_env(tmp_path) as env:
        assert env.run("--today", WEEK1).code == 0
        yield env


def cohort_category(forum: SyncEnv) -> int:
    return next(c.id for c in forum.double.categories() if c.name == NAME)


@pytest.mark.parametrize(
    ("group", "permission"),
    [("trust_level_0", 1), ("trust_level_1", 3), ("everyone", 3), ("cohort-autumn", 1)],
)
def test_a_widened_cohort_category_gets_no_new_week(forum: SyncEnv, group: str, permission: int) -> None:
    """read_restricted stays true for a trust level group, so only the category's own groups tell."""
    if group == "cohort-autumn":
        forum.double.create_group(group, [OUTSIDER])
    category_id = cohort_category(forum)
    forum.double.grant_category_access(category_id, group, permission)
    run = forum.run("--today", WEEK2)
    assert run.code == 3, run
    assert run.writes == [], run
    assert sorted(cohort_topics(forum)) == ["first-90-days"], "week 2 was posted into a widened category"
    failure = next(line for line in run.stdout.splitlines() if line.startswith("FAILED") and "cohort spring" in line)
    assert f"'{NAME}'" in failure and group in failure, failure
    assert any(r.path == f"/c/{category_id}/show.json" for r in run.requests), run

    forum.double.set_category_permissions(category_id, {"cohort-spring": 1, "staff": 1})  # the admin puts it back
    fixed = forum.run("--today", WEEK2)
    assert fixed.code == 0, fixed
    assert sorted(cohort_topics(forum)) == ["coaching-cadence", "first-90-days"]


def test_a_no_op_cohort_run_checks_the_category_in_four_requests(forum: SyncEnv) -> None:
    """The group, its members, the category's own security, its topic list: and no category list at all."""
    (forum.root / "peer-groups" / "spring.yml").rename(forum.root / "spring.yml.off")
    public = forum.run()
    (forum.root / "spring.yml.off").rename(forum.root / "peer-groups" / "spring.yml")
    rerun = forum.run("--today", WEEK1)
    assert rerun.code == 0 and rerun.writes == [], rerun
    cohort = [r for r in rerun.requests[len(public.requests) :]]
    assert len(cohort) <= 4, rerun
    assert not any(r.path.startswith("/categories") for r in rerun.requests), rerun
    assert any(r.path.endswith("/show.json") for r in cohort), rerun
