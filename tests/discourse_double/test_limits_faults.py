"""Authentication, the admin API bucket, the per-IP limiter and injected faults."""

from __future__ import annotations

import time

import pytest
import requests

from tests.discourse_double import DiscourseDouble, Faults

from .conftest import BODY, Api

INVALID = {
    "errors": ["You are not permitted to view the requested resource. The API username or key is invalid."],
    "error_type": "invalid_access",
}


def test_bad_credentials(double: DiscourseDouble, api: Api) -> None:
    bad_key = Api(double, "sync-bot", "not-a-key")
    assert bad_key.get("/categories.json").status_code == 403
    assert bad_key.get("/categories.json").json() == INVALID
    unknown_user = Api(double, "nobody", double.create_api_key(global_key=True))
    assert unknown_user.get("/categories.json").json() == INVALID
    wrong_user = Api(double, "alice", double.api_key_for("sync-bot"))
    assert wrong_user.get("/categories.json").json() == INVALID
    no_username = Api(double, None, double.create_api_key(global_key=True))
    assert no_username.get("/categories.json").json() == INVALID
    global_key = Api(double, "SYNC-BOT", double.create_api_key(global_key=True))
    assert global_key.get("/categories.json").status_code == 200
    key = double.create_api_key("alice")
    double.revoke_api_key(key)
    assert Api(double, "alice", key).get("/categories.json").json() == INVALID
    anonymous = Api(double, None, None)
    write = anonymous.post("/posts.json", data={"title": "Anonymous topic title here", "raw": BODY})
    assert write.status_code == 403 and write.json()["error_type"] == "not_logged_in"
    query_key = requests.get(
        f"{double.url}/admin/site_settings.json?api_key={double.api_key_for('sync-bot')}&api_username=sync-bot",
        timeout=5,
    )
    assert query_key.status_code == 404  # query-string keys are ignored: anonymous
    assert anonymous.get("/categories.json").status_code == 200  # anonymous reads of public content
    double.state.settings["login_required"] = True
    assert anonymous.get("/categories.json").json()["error_type"] == "not_logged_in"
    double.state.settings["login_required"] = False
    double.suspend_user("alice")
    assert Api(double, "alice", double.api_key_for("alice")).get("/categories.json").status_code == 403
    records = double.requests
    assert records[-1].status == 403 and records[0].method == "GET"


class FakeClock:
    """A hand-advanced monotonic clock; ``sleep`` advances it and records the request."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_admin_bucket_is_shared_by_all_keys() -> None:
    clock = FakeClock()
    double = DiscourseDouble(admin_rate_limit=(3, 2.0), clock=clock)
    double.add_user("sync-bot", admin=True)
    double.add_user("other-bot", admin=True)
    with double:
        first = Api(double, "sync-bot", double.api_key_for("sync-bot"))
        second = Api(double, "other-bot", double.api_key_for("other-bot"))
        assert [first.get("/categories.json").status_code for _ in range(2)] == [200, 200]
        assert second.get("/categories.json").status_code == 200
        limited = second.get("/categories.json")
        assert limited.status_code == 429
        assert limited.headers["Content-Type"] == "application/json; charset=utf-8"
        assert limited.headers["Discourse-Rate-Limit-Error-Code"] == "admin_api_key_rate_limit"
        body = limited.json()
        assert body["error_type"] == "rate_limit"
        assert body["extras"]["wait_seconds"] == int(limited.headers["Retry-After"]) == 2
        assert body["extras"]["time_left"] == "a few seconds"
        assert body["errors"] == [
            "You\u2019ve performed this action too many times. Please wait a few seconds before trying again."
        ]
        assert first.get("/categories.json").status_code == 429  # one bucket for every key
        assert Api(double, "sync-bot", "bad").get("/categories.json").status_code == 403  # not counted
        clock.now += 0.6  # 1.4 s left: still whole seconds, rounded up
        assert first.get("/categories.json").json()["extras"]["wait_seconds"] == 2
        clock.now += 0.5  # 0.9 s left
        assert first.get("/categories.json").json()["extras"]["wait_seconds"] == 1
        clock.now += 0.9  # the oldest is exactly 2 s old: allowed again
        assert first.get("/categories.json").status_code == 200
        double.reset_rate_limits()
        assert [first.get("/categories.json").status_code for _ in range(2)] == [200, 200]


def test_per_ip_limit_is_plain_text_and_runs_before_auth() -> None:
    double = DiscourseDouble(per_ip_limit=(2, 5.0))
    double.add_user("sync-bot", admin=True)
    with double:
        anonymous = Api(double, None, None)
        assert anonymous.get("/categories.json").status_code == 200
        assert anonymous.get("/categories.json").status_code == 200
        limited = anonymous.get("/categories.json")
        assert limited.status_code == 429
        assert limited.headers["Content-Type"].startswith("text/plain")
        wait = limited.headers["Retry-After"]
        assert wait in ("4", "5")
        assert limited.headers["Discourse-Rate-Limit-Error-Code"] == "ip_10_secs_limit"
        assert limited.text == (
            "Slow down, you're making too many requests.\n"
            f"Please retry again in {wait} seconds.\n"
            "Error code: ip_10_secs_limit"
        )
        admin = Api(double, "sync-bot", double.api_key_for("sync-bot"))
        assert admin.get("/categories.json").status_code == 429  # before the key is checked


def test_per_ip_bucket_is_rolled_back_for_admin_api_requests() -> None:
    double = DiscourseDouble(per_ip_limit=(2, 5.0))
    double.add_user("sync-bot", admin=True)
    with double:
        admin = Api(double, "sync-bot", double.api_key_for("sync-bot"))
        assert {admin.get("/categories.json").status_code for _ in range(5)} == {200}
    strict = DiscourseDouble(per_ip_limit=(2, 5.0), per_ip_exempt_admin_api=False)
    strict.add_user("sync-bot", admin=True)
    with strict:
        admin = Api(strict, "sync-bot", strict.api_key_for("sync-bot"))
        assert [admin.get("/categories.json").status_code for _ in range(3)] == [200, 200, 429]


def _client(double: DiscourseDouble) -> Api:
    return Api(double, "sync-bot", double.api_key_for("sync-bot"))


def test_server_error_fault_changes_nothing() -> None:
    double = DiscourseDouble(faults=Faults(server_error_rate=1.0))
    double.add_user("sync-bot", admin=True)
    category = double.create_category("Faults").id
    with double:
        response = _client(double).create_topic("Server errors change nothing", category=category)
        assert response.status_code == 500
        assert double.topics(include_deleted=True) == [t for t in double.topics() if t.is_category_definition]
        assert double.requests[-1].fault == "server_error"
        double.faults = Faults()
        assert _client(double).create_topic("Server errors change nothing", category=category).status_code == 200
    assert len(double.post_reply("sync-bot", double.topics()[-1].id, "In-process calls never see faults.").raw) > 0


def test_commit_then_500_commits_the_write() -> None:
    double = DiscourseDouble(faults=Faults(commit_then_500_rate=1.0))
    double.add_user("sync-bot", admin=True)
    category = double.create_category("Faults").id
    with double:
        api = _client(double)
        response = api.create_topic("Committed before the error", category=category, external_id="pb-commit")
        assert response.status_code == 500
        assert double.topic_by_external_id("pb-commit") is not None
        retry = api.create_topic("Committed before the error", category=category, external_id="pb-commit")
        assert retry.status_code == 500  # the memoizer replays the success, then the fault hits again
        assert len([t for t in double.topics() if t.external_id == "pb-commit"]) == 1
        assert api.get("/categories.json").status_code == 200  # reads are never commit-then-500


def _drop_kinds(seed: int) -> set[str]:
    double = DiscourseDouble(faults=Faults(drop_connection_rate=1.0, seed=seed))
    double.add_user("sync-bot", admin=True)
    category = double.create_category("Faults").id
    kinds: set[str] = set()
    with double:
        api = _client(double)
        for i in range(8):
            with pytest.raises(requests.ConnectionError):
                api.create_topic(f"Dropped connection topic {i:02d}", category=category)
            record = double.requests[-1]
            assert record.status is None
            kinds.add(record.fault or "")
            committed = any(t.title == f"Dropped connection topic {i:02d}" for t in double.topics())
            assert committed == (record.fault == "drop_after")
        with pytest.raises(requests.ConnectionError):
            api.get("/categories.json")
        assert double.requests[-1].fault == "drop_before"
    return kinds


def test_drop_connection_before_and_after_commit() -> None:
    assert _drop_kinds(seed=3) == {"drop_before", "drop_after"}


def test_faults_are_deterministic_for_a_seed() -> None:
    def statuses(seed: int) -> list[int]:
        double = DiscourseDouble(faults=Faults(server_error_rate=0.5, seed=seed))
        double.add_user("sync-bot", admin=True)
        with double:
            return [_client(double).get("/categories.json").status_code for _ in range(12)]

    assert statuses(7) == statuses(7)
    assert 500 in statuses(7) and 200 in statuses(7)


def test_latency() -> None:
    clock = FakeClock()
    double = DiscourseDouble(faults=Faults(latency=0.2), clock=clock, sleep=clock.sleep)
    double.add_user("sync-bot", admin=True)
    with double:
        assert _client(double).get("/categories.json").status_code == 200
        assert clock.slept == [0.2]  # one injected delay per request, through the injected sleep
        double.faults = Faults()
        assert _client(double).get("/categories.json").status_code == 200
        assert clock.slept == [0.2]
    real = DiscourseDouble()
    assert real.clock is time.monotonic and real._injector._sleep is time.sleep  # real time by default
    with pytest.raises(ValueError):
        Faults(server_error_rate=1.5)
