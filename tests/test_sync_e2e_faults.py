"""End to end, when things go wrong: bad settings, invalid playbooks, rate limits, server faults, kills."""

from __future__ import annotations

import json
import random
import re
import signal
import time
from pathlib import Path

import pytest

from sales_playbooks.loader import load_library
from sales_playbooks.render_forum import forum_post
from sales_playbooks.settings import read_settings
from tests.cohort_support import (
    CURRICULUM,
    FACILITATOR,
    MEMBERS,
    NAME,
    cohort_env,
    cohort_text,
    cohort_topics,
    write_cohort,
)
from tests.discourse_double import Faults
from tests.sync_harness import BOT, SITE_URL, SyncEnv, generated_playbook, sync_env
from tests.sync_openapi import Exchange, request_problems

CHAOS = {"server_error_rate": 0.1, "commit_then_500_rate": 0.1, "drop_connection_rate": 0.02}


def add_generated(forum: SyncEnv, count: int) -> None:
    for number in range(count):
        name, text = generated_playbook(number)
        (forum.playbooks / name).write_text(text, encoding="utf-8")


def assert_forum_matches_repo(forum: SyncEnv) -> None:
    """Every playbook has exactly one live, open topic showing exactly what the renderer gives."""
    library = load_library(read_settings(forum.root)).library
    topics = forum.synced()
    for playbook in library.playbooks:
        topic = topics[f"pb_{playbook.id}"]
        assert topic.deleted_at is None and not topic.closed and topic.visible, playbook.id
        assert (topic.title, sorted(topic.tags)) == (playbook.title, sorted(playbook.tags)), playbook.id
        assert forum.first_raw(topic.id) == forum_post(playbook, library.sources, SITE_URL), playbook.id
    live = {f"pb_{p.id}" for p in library.playbooks}
    for external_id, topic in topics.items():
        if external_id not in live and external_id.startswith("pb_"):  # cohort topics are checked on their own
            assert topic.closed, f"{external_id} should be closed"
            assert forum.first_raw(topic.id).count("This playbook has been retired") == 1


def converge(forum: SyncEnv, tries: int = 4, args: tuple[str, ...] = ()) -> None:
    """Run until a sync reports everything done; each partial run must exit 3, never crash."""
    for _ in range(tries):
        run = forum.run(*args)
        assert run.code in (0, 3), run
        counted = re.search(r"\((\d+) requests, (\d+) rate-limited\)", run.stdout)
        if counted is not None:  # the report counts every request, urllib3's retries too
            assert int(counted.group(1)) == len(run.requests), run
        if run.code == 0:
            return
    raise AssertionError(f"no clean sync after {tries} runs")


def test_bad_credentials_exit_2_and_never_show_the_key(tmp_path: Path) -> None:
    with sync_env(tmp_path) as forum:
        secret = "k3y-that-must-stay-secret-0123456789abcdef"
        for env in ({"DISCOURSE_API_KEY": secret}, {"DISCOURSE_API_USERNAME": "not-a-user"}):
            run = forum.run_process(**env)
            assert run.code == 2, run
            assert "DISCOURSE_API_KEY" in run.stderr and "DISCOURSE_API_USERNAME" in run.stderr
            for text in (run.stdout, run.stderr):
                assert secret not in text and forum.key not in text
            assert len(run.requests) == 1 and run.requests[0].status == 403
        missing = forum.run_process(DISCOURSE_API_KEY="")
        assert missing.code == 2 and "DISCOURSE_API_KEY is not set" in missing.stderr
        assert missing.requests == []
        good = forum.run("--format", "json")
        assert good.code == 0 and forum.key not in good.stdout + good.stderr


def test_an_invalid_playbook_exits_1_and_sends_nothing(tmp_path: Path) -> None:
    with sync_env(tmp_path) as forum:
        path = forum.playbooks / "coaching-cadence.md"
        path.write_text(re.sub(r"^title: .*$", "title: Short", path.read_text(), count=1, flags=re.M))
        run = forum.run()
        assert run.code == 1, run
        assert "playbooks/coaching-cadence.md:3:" in run.stderr and "nothing was sent" in run.stderr
        assert forum.double.requests == []


@pytest.mark.parametrize("limiter", ["admin-json", "per-ip-plain-text"])
def test_429s_are_waited_out_by_retry_after(tmp_path: Path, limiter: str) -> None:
    # Discourse rolls an admin request back out of the per-IP count, but the per-IP check runs first,
    # so its plain-text 429 still comes when other traffic from the same address filled the bucket;
    # counting the sync's own requests there stands in for that traffic.
    options: dict[str, object] = (
        {"admin_rate_limit": (4, 1.0)}
        if limiter == "admin-json"
        else {"per_ip_limit": (4, 1.0), "per_ip_exempt_admin_api": False}
    )
    with sync_env(tmp_path, **options) as forum:  # type: ignore[arg-type]
        run = forum.run("--format", "json")  # the client paces for 6000 a minute: too fast
        assert run.code == 0, run
        limited = [i for i, r in enumerate(run.requests) if r.status == 429]
        assert limited and json.loads(run.stdout)["requests"]["rate_limited"] == len(limited)
        for index in limited:
            wait = 1.0  # the double's Retry-After for a one-second window
            following = run.requests[index + 1]
            assert following.time - run.requests[index].time >= wait - 0.05, (index, run)
        plain = [e for e in run.exchanges if e.status == 429]
        kinds = {e.content_type.split(";")[0] for e in plain}
        assert kinds == ({"application/json"} if limiter == "admin-json" else {"text/plain"})
        assert_forum_matches_repo(forum)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_faults_end_with_every_topic_right_and_none_duplicated(tmp_path: Path, seed: int) -> None:
    with sync_env(tmp_path, faults=Faults(seed=seed, **CHAOS)) as forum:
        add_generated(forum, 9)
        converge(forum, tries=2)
        assert_forum_matches_repo(forum)
        forum.age_posts()
        for name in ("coaching-cadence.md", "generated-practice-001.md", "generated-practice-002.md"):
            path = forum.playbooks / name
            path.write_text(path.read_text().replace("## Checklist\n", "## Checklist\n\n- [ ] One more step.\n", 1))
        (forum.playbooks / "generated-practice-003.md").rename(forum.playbooks / "renamed-practice.md")
        forum.remove_playbook("generated-practice-002")
        converge(forum, tries=2)
        assert_forum_matches_repo(forum)
        faults = [r for r in forum.double.requests if r.fault]
        assert len({r.fault for r in faults}) >= 2, "the faults did not happen"
        forum.double.faults = Faults()
        final = forum.run()
        assert final.code == 0 and final.writes == [], final


def kill_at_random_points(forum: SyncEnv, chooser: random.Random, kills: int = 2) -> int:
    """Start the sync and SIGKILL it after a random number of its requests, `kills` times.

    A dry run first tells how many requests the next sync will make at most, so each kill lands
    somewhere inside it (reading, creating, writing a body, closing, saving the state).
    """
    done = 0
    for _ in range(kills):
        plan = forum.run("--dry-run")
        writes = sum(1 for line in plan.stdout.splitlines() if line.split()[:1] != ["unchanged"])
        stop_after = len(forum.double.requests) + chooser.randint(1, len(plan.requests) + 2 * writes)
        process = forum.spawn()
        deadline = time.monotonic() + 60
        while len(forum.double.requests) < stop_after and process.poll() is None:
            assert time.monotonic() < deadline, "the sync hung"
            time.sleep(0.001)
        killed = process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        done += killed
        forum.synced()  # no duplicate, even right after a kill
    return done


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_killed_sync_leaves_no_duplicate(tmp_path: Path, seed: int) -> None:
    chooser = random.Random(seed)
    with sync_env(tmp_path, faults=Faults(latency=0.002)) as forum:
        add_generated(forum, 4)
        assert kill_at_random_points(forum, chooser) >= 1
        converge(forum, tries=1)
        assert_forum_matches_repo(forum)
        forum.age_posts()
        for name in ("first-90-days.md", "generated-practice-001.md"):
            path = forum.playbooks / name
            path.write_text(path.read_text().replace("## Checklist\n", "## Checklist\n\n- [ ] More.\n", 1))
        forum.remove_playbook("generated-practice-002")
        kill_at_random_points(forum, chooser, kills=1)
        converge(forum, tries=1)
        assert_forum_matches_repo(forum)
        assert forum.run().writes == []


def test_the_spec_check_catches_wrong_requests() -> None:
    def problems(method: str, url: str, body: str = "", accept: str = "application/json") -> list[str]:
        headers = {"Api-Key": "k", "Api-Username": BOT, "Accept": accept}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return request_problems(Exchange(method, "http://f" + url, headers, body.encode(), 200, "", b""))

    assert problems("PUT", "/t/-/5.json", "title=Good+title+here&category_id=3&tags%5B%5D=a") == []
    assert problems("PUT", "/t/-/5.json", "topic%5Btitle%5D=Nested+title+here") != []
    assert problems("POST", "/posts", "raw=x&title=y&category=3&external_id=pb_x&tags%5B%5D=a") == []
    assert problems("POST", "/posts", "raw=x&skip_validations=true") != []
    assert problems("POST", "/posts", "raw=x&category=general") != []
    assert problems("PUT", "/posts/5", "post%5Braw%5D=x&post%5Bsurprise%5D=y") != []
    assert problems("PUT", "/t/5/status", "status=closed&enabled=yes") != []
    assert problems("GET", "/t/5", accept="*/*") != []
    assert problems("GET", "/categories.json?include_subcategories=maybe") != []


@pytest.mark.parametrize("seed", [21, 22, 23, 24, 25, 26])
def test_faults_with_cohorts_converge_in_two_runs(tmp_path: Path, seed: int) -> None:
    """Creates of categories and groups are looked up and retried within the run, as topic creates are."""
    with cohort_env(tmp_path) as forum:
        forum.double.faults = Faults(seed=seed, **CHAOS)
        autumn = cohort_text().replace("id: spring", "id: autumn").replace(NAME, "Autumn group")
        write_cohort(forum, autumn, "autumn.yml")
        converge(forum, tries=2, args=("--today", "2026-03-16"))
        forum.double.faults = Faults()
        for cohort_id, name in (("spring", NAME), ("autumn", "Autumn group")):
            category = [c for c in forum.double.categories() if c.name == name]
            assert len(category) == 1 and category[0].permissions == {f"cohort-{cohort_id}": 1, "staff": 1}
            assert forum.double.group_usernames(f"cohort-{cohort_id}") == sorted([FACILITATOR, *MEMBERS])
            topics = cohort_topics(forum, cohort_id)
            assert sorted(topics) == sorted(CURRICULUM) and all(
                t.category_id == category[0].id for t in topics.values()
            )
        assert_forum_matches_repo(forum)
        assert len([c for c in forum.double.categories() if c.name == "Playbooks"]) == 1
        final = forum.run("--today", "2026-03-16")
        assert final.code == 0 and final.writes == [], final
