"""The sync's request floor, and the scenarios it is measured on, against the Discourse double.

The floor of a run is what no sync can do without: one request per create and per update, and one
per page of the category lists it reads (30 topics a page). An update names the text the sync last wrote
(kept in the state file), so the forum refuses it if a person edited the post since: no read. Without its
state file the sync finds the topics that already show their playbook in the forum's latest posts, 50 a
page (sync/first_posts.py), and reads only the others: `topic_reads` and `latest_pages` count both.

The scenarios are those of tests/test_sync_e2e_floor.py and bench/sync_bench.py: a first sync of 100
playbooks into an empty forum, 100 new playbooks added to 100 synced ones (with and without the state
file), and 5 of 100 changed.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from tests.sync_harness import WRITES, Run, SyncEnv, generated_playbook

PER_PAGE = 30
STATE = ".playbooks-sync-state.json"
TARGET = 1.05


@dataclass(frozen=True)
class Measured:
    """One run of a scenario: the requests it made, what they were for, and how long it took."""

    name: str
    run: Run
    creates: int
    updates: int
    listed: int  # topics in the listed category when the run began (its "About" topic included)
    seconds: float  # the whole command, start-up included

    @property
    def requests(self) -> int:
        return len(self.run.requests)

    @property
    def floor(self) -> int:
        return self.creates + self.updates + math.ceil(self.listed / PER_PAGE)

    @property
    def ratio(self) -> float:
        return self.requests / self.floor

    @property
    def topic_reads(self) -> int:
        """Reads of one topic each (`GET /t/...`), lookups by external_id included."""
        return len([r for r in self.run.requests if r.method == "GET" and r.path.startswith("/t/")])

    @property
    def latest_pages(self) -> int:
        """Pages of the forum's latest posts (`GET /posts.json`)."""
        return len([r for r in self.run.requests if r.method == "GET" and r.path.split("?")[0] == "/posts.json"])

    def lookups(self) -> list[str]:
        """Requests for a topic by its external_id (each one a 301 or a 404)."""
        return [r.path for r in self.run.requests if "/t/external_id/" in r.path]


def listed_topics(env: SyncEnv) -> int:
    """Topics the Playbooks category lists now; 0 when there is no such category."""
    ids = [c.id for c in env.double.categories() if c.name == "Playbooks"]
    return sum(1 for t in env.double.topics(include_deleted=False) if t.category_id in ids) if ids else 0


def add_generated(env: SyncEnv, first: int, count: int) -> None:
    for number in range(first, first + count):
        name, text = generated_playbook(number)
        (env.playbooks / name).write_text(text, encoding="utf-8")


def change_generated(env: SyncEnv, numbers: range) -> None:
    """A new checklist item in each: the first post changes, the title and tags do not."""
    for number in numbers:
        name, text = generated_playbook(number)
        text = text.replace("## Checklist\n\n", f"## Checklist\n\n- [ ] Revisit deal number {number} next week.\n")
        (env.playbooks / name).write_text(text, encoding="utf-8")


def only_generated(env: SyncEnv) -> None:
    for path in env.playbooks.glob("*.md"):
        path.unlink()


Runner = Callable[[SyncEnv], Run]


def in_process(env: SyncEnv) -> Run:
    return env.run()


def measure(env: SyncEnv, name: str, creates: int, updates: int, runner: Runner) -> Measured:
    """Run the sync once; it must succeed and make exactly the creates and updates the scenario needs."""
    listed = listed_topics(env)
    start = time.perf_counter()
    run = runner(env)
    seconds = time.perf_counter() - start
    assert run.code == 0, run
    writes = [r for r in run.requests if r.method in WRITES]
    assert len([r for r in writes if r.method == "POST"]) == creates, run
    assert len([r for r in writes if r.method == "PUT"]) == updates, run
    return Measured(name, run, creates, updates, listed, seconds)


def first_sync(env: SyncEnv, runner: Runner = in_process) -> Measured:
    """100 playbooks into an empty forum: the category and 100 topics."""
    only_generated(env)
    add_generated(env, 0, 100)
    return measure(env, "first sync of 100 into an empty forum", 101, 0, runner)


def hundred_more(env: SyncEnv, keep_state: bool, runner: Runner = in_process) -> Measured:
    """100 synced playbooks, then 100 more; the state file kept or deleted in between."""
    first_sync(env, runner)
    env.age_posts()
    add_generated(env, 100, 100)
    if not keep_state:
        (env.root / STATE).unlink()
    name = "100 new added to 100 existing, " + ("with the state file" if keep_state else "without the state file")
    return measure(env, name, 100, 0, runner)


def five_changed(env: SyncEnv, runner: Runner = in_process) -> Measured:
    """100 synced playbooks (and a run with nothing to do, as the hourly sync makes), then 5 with a new step."""
    first_sync(env, runner)
    env.age_posts()
    assert runner(env).code == 0
    change_generated(env, range(10, 15))
    return measure(env, "5 of 100 changed", 0, 5, runner)


SCENARIOS: dict[str, Callable[[SyncEnv, Runner], Measured]] = {
    "first": first_sync,
    "more-with-state": lambda env, runner: hundred_more(env, True, runner),
    "more-without-state": lambda env, runner: hundred_more(env, False, runner),
    "changed": five_changed,
}
