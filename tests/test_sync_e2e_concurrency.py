"""End to end: two syncs at once. One state file is locked for the whole run; across clones, a category or
group that another sync made between our read and our create is looked up and used."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

from sales_playbooks.sync.client import ForumClient
from tests.cohort_support import NAME, cohort_env, cohort_topics
from tests.sync_harness import CATEGORY, SyncEnv

STATE = ".playbooks-sync-state.json"
WEEK1 = "2026-03-02"


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[SyncEnv]:
    with cohort_env(tmp_path) as env:
        yield env


def test_a_second_sync_on_the_same_state_file_says_another_is_running(forum: SyncEnv) -> None:
    assert forum.run("--today", WEEK1).code == 0
    before = (forum.root / STATE).read_text(encoding="utf-8")
    with FileLock(str(forum.root / f"{STATE}.lock"), timeout=0):  # the first sync is still running
        second = forum.run("--today", WEEK1)
        assert second.code == 2, second
        assert "another sync is running" in second.stderr and STATE in second.stderr, second
        assert second.requests == [], second
        assert (forum.root / STATE).read_text(encoding="utf-8") == before
        dry = forum.run("--today", WEEK1, "--dry-run")  # a dry run writes nothing: it need not wait
        assert dry.code == 0 and dry.writes == [], dry
    after = forum.run("--today", WEEK1)
    assert after.code == 0 and after.writes == [], after


def race(monkeypatch: pytest.MonkeyPatch, forum: SyncEnv, public_cohort_category: bool = False) -> None:
    """Another sync (a second clone) creates each category and group just before this one does."""
    create_category, create_group = ForumClient.create_category, ForumClient.create_group

    def category_first(self: ForumClient, name: str, permissions: dict[str, int], *args: Any) -> int:
        theirs = {"everyone": 1} if public_cohort_category and name == NAME else permissions
        forum.double.create_category(name, permissions=theirs)
        return create_category(self, name, permissions, *args)

    def group_first(self: ForumClient, name: str, full_name: str, level: int, usernames: list[str]) -> Any:
        forum.double.create_group(name, [], visibility_level=level)  # made, but without the members yet
        return create_group(self, name, full_name, level, usernames)

    monkeypatch.setattr(ForumClient, "create_category", category_first)
    monkeypatch.setattr(ForumClient, "create_group", group_first)


def test_a_category_or_group_made_meanwhile_by_another_sync_is_used(
    forum: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    race(monkeypatch, forum)
    run = forum.run("--today", WEEK1)
    assert run.code == 0, run
    assert [c.name for c in forum.double.categories()].count(CATEGORY) == 1
    assert [c.name for c in forum.double.categories()].count(NAME) == 1
    assert len(forum.synced()) == 4 and sorted(cohort_topics(forum)) == ["first-90-days"]
    assert run.stdout.count("made meanwhile by someone else") == 3, run
    members = forum.double.group_usernames("cohort-spring")
    assert members == sorted(["dana.whitfield", "marcus_bell", "priya.raman"])
    monkeypatch.undo()
    again = forum.run("--today", WEEK1)
    assert again.code == 0 and again.writes == [], again


def test_a_cohort_category_made_public_by_someone_else_gets_nothing(
    forum: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    race(monkeypatch, forum, public_cohort_category=True)
    run = forum.run("--today", WEEK1)
    assert run.code == 3, run
    assert "can be read by everyone" in run.stdout, run
    assert cohort_topics(forum) == {}
