"""The forum client at the HTTP level: pacing, 429s, retries, redirects, errors, no leaked key."""

from __future__ import annotations

import pytest
import responses

from sales_playbooks.sync.client import ForumClient
from sales_playbooks.sync.transport import (
    CredentialsError,
    ForumError,
    NotAForumError,
    Pacer,
    not_a_forum_message,
    retry_after,
)

URL = "https://forum.example.org"
KEY = "secret-key-0123456789"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def client(clock: FakeClock, per_minute: float = 60.0) -> ForumClient:
    return ForumClient(URL, "sync-bot", KEY, per_minute=per_minute, sleep=clock.sleep, clock=clock, backoff=0)


def test_pacer_spaces_requests_evenly() -> None:
    clock = FakeClock()
    pacer = Pacer(120, clock=clock, sleep=clock.sleep)
    for _ in range(4):
        pacer.wait()
    assert clock.slept == pytest.approx([0.5 * (1 + Pacer.MARGIN)] * 3)
    pacer.hold(10)
    pacer.wait()
    assert clock.slept[-1] == pytest.approx(10.0)


@responses.activate
def test_json_429_waits_for_retry_after_then_succeeds() -> None:
    clock = FakeClock()
    body = {"errors": ["slow down"], "error_type": "rate_limit", "extras": {"wait_seconds": 12}}
    responses.get(f"{URL}/t/5.json", json=body, status=429, headers={"Retry-After": "7"})
    responses.get(f"{URL}/t/5.json", json={"id": 5, "title": "A topic title here", "post_stream": {"posts": []}})
    forum = client(clock, per_minute=6000)
    assert forum.topic(5).id == 5
    assert any(abs(s - 7) < 0.01 for s in clock.slept), clock.slept
    assert forum.counts.rate_limited == 1


@responses.activate
def test_plain_text_429_without_header_uses_the_body() -> None:
    text = "Slow down, you're making too many requests.\nPlease retry again in 9 seconds.\nError code: ip_10_secs_limit"
    responses.get(f"{URL}/t/5.json", body=text, status=429, content_type="text/plain")
    responses.get(f"{URL}/t/5.json", json={"id": 5, "title": "A topic title here"})
    clock = FakeClock()
    client(clock, per_minute=6000).topic(5)
    assert any(abs(s - 9) < 0.01 for s in clock.slept), clock.slept


def test_retry_after_sources() -> None:
    import requests

    response = requests.Response()
    response.status_code = 429
    response._content = b'{"extras": {"wait_seconds": 4}}'
    assert retry_after(response) == 4
    response.headers["Retry-After"] = "3"
    assert retry_after(response) == 3
    response.headers.clear()
    response._content = b"nothing useful"
    assert retry_after(response) == 10


@responses.activate
def test_server_errors_are_retried_for_reads() -> None:
    responses.get(f"{URL}/t/5.json", json={"errors": ["boom"]}, status=502)
    responses.get(f"{URL}/t/5.json", json={"id": 5, "title": "A topic title here"})
    assert client(FakeClock(), 6000).topic(5).id == 5


@responses.activate
def test_creates_are_not_retried_blindly() -> None:
    responses.post(f"{URL}/posts", json={"errors": ["boom"]}, status=500)
    with pytest.raises(ForumError) as caught:
        client(FakeClock(), 6000).create_topic("A good topic title", "A long enough body", 3, ["a"], "pb_x")
    assert caught.value.status == 500
    assert len(responses.calls) == 1


@responses.activate
def test_external_id_redirect_is_followed_on_our_own_host() -> None:
    responses.get(
        f"{URL}/t/external_id/pb_x.json",
        status=301,
        headers={"Location": "http://internal-proxy/t/some-slug/42.json?include_raw=true"},
    )
    responses.get(
        f"{URL}/t/42.json",
        json={
            "id": 42,
            "title": "A topic title here",
            "post_stream": {"posts": [{"id": 420, "post_number": 1, "raw": "Body", "version": 3}]},
        },
    )
    topic = client(FakeClock(), 6000).topic_by_external_id("pb_x")
    assert topic is not None and (topic.id, topic.post_id, topic.raw, topic.version) == (42, 420, "Body", 3)
    assert all(call.request.url.startswith(URL) for call in responses.calls), "never follow to another host"


@responses.activate
def test_missing_external_id_is_none() -> None:
    responses.get(
        f"{URL}/t/external_id/pb_x.json",
        status=404,
        json={"errors": ["The requested URL or resource could not be found."], "error_type": "not_found"},
    )
    assert client(FakeClock(), 6000).topic_by_external_id("pb_x") is None


@responses.activate
def test_bad_credentials_raise_without_the_key() -> None:
    message = "You are not permitted to view the requested resource. The API username or key is invalid."
    responses.get(f"{URL}/categories.json", status=403, json={"errors": [message], "error_type": "invalid_access"})
    with pytest.raises(CredentialsError) as caught:
        client(FakeClock(), 6000).categories()
    assert KEY not in str(caught.value) and KEY not in repr(caught.value)


@responses.activate
def test_requests_carry_the_api_headers_and_form_fields() -> None:
    responses.post(f"{URL}/posts", json={"id": 11, "topic_id": 5})
    forum = client(FakeClock(), 6000)
    assert forum.create_topic("A good topic title", "Body text here", 3, ["crm", "coaching"], "pb_x") == (5, 11)
    sent = responses.calls[0].request
    assert sent.headers["Api-Key"] == KEY and sent.headers["Api-Username"] == "sync-bot"
    form = sent.body if isinstance(sent.body, str) else sent.body.decode()
    assert "external_id=pb_x" in form and "tags%5B%5D=crm" in form and "category=3" in form


@responses.activate
def test_group_members_paginate() -> None:
    page1 = {"members": [{"username": f"u{i}"} for i in range(50)], "meta": {"total": 51}}
    page2 = {"members": [{"username": "u50"}], "meta": {"total": 51}}
    responses.get(f"{URL}/groups/cohort.json", json={"group": {"id": 4}})
    responses.get(f"{URL}/groups/cohort/members.json", json=page1)
    responses.get(f"{URL}/groups/cohort/members.json", json=page2)
    forum = client(FakeClock(), 6000)
    assert len(forum.group_members("cohort")) == 51


SUB = "https://example.com/community"
NOT_FOUND = {"errors": ["The requested URL or resource could not be found."], "error_type": "not_found"}


def checking(url: str = URL) -> ForumClient:
    clock = FakeClock()
    return ForumClient(url, "sync-bot", KEY, per_minute=6000, sleep=clock.sleep, clock=clock, confirm_base=True)


@responses.activate
def test_a_first_404_is_checked_once_against_an_address_every_forum_knows() -> None:
    responses.get(f"{URL}/t/external_id/pb_x.json", status=404, json=NOT_FOUND)
    responses.get(f"{URL}/categories.json", json={"category_list": {"categories": []}})
    responses.get(f"{URL}/t/external_id/pb_y.json", status=404, json=NOT_FOUND)
    forum = checking()
    assert forum.topic_by_external_id("pb_x") is None  # the forum is there: the topic is just missing
    assert forum.topic_by_external_id("pb_y") is None
    assert [c.request.url for c in responses.calls] == [
        f"{URL}/t/external_id/pb_x.json?include_raw=true",
        f"{URL}/categories.json",
        f"{URL}/t/external_id/pb_y.json?include_raw=true",
    ]


@responses.activate
def test_a_base_url_the_forum_does_not_know_is_not_a_forum() -> None:
    responses.get(f"{SUB}/t/external_id/pb_x.json", status=404, json=NOT_FOUND)
    responses.get(f"{SUB}/categories.json", status=404, json=NOT_FOUND)
    with pytest.raises(NotAForumError) as caught:
        checking(SUB).topic_by_external_id("pb_x")
    assert caught.value.unknown_address and caught.value.url == f"{SUB}/t/external_id/pb_x.json"
    message = not_a_forum_message(caught.value, SUB)
    assert f"no Discourse forum at {SUB}" in message and f"GET {SUB}/t/external_id/pb_x.json" in message
    assert "DISCOURSE_URL" in message and "extra.forum.url" in message and KEY not in message
    assert len(responses.calls) == 2


@responses.activate
def test_a_404_on_the_always_there_address_needs_no_second_look() -> None:
    responses.get(f"{SUB}/categories.json", status=404, json=NOT_FOUND)
    with pytest.raises(NotAForumError, match="an address the forum does not know"):
        checking(SUB).categories()
    assert len(responses.calls) == 1


@responses.activate
def test_an_html_answer_names_the_full_address_requested() -> None:
    responses.get(f"{SUB}/categories.json", status=404, body="<html>404 Not Found</html>", content_type="text/html")
    with pytest.raises(NotAForumError) as caught:
        checking(SUB).categories()
    message = not_a_forum_message(caught.value, SUB)
    assert f"HTTP 404 on GET {SUB}/categories.json, not JSON" in message and "subfolder" in message


@responses.activate
def test_redirects_under_the_subfolder_are_followed_and_others_refused() -> None:
    responses.get(
        f"{SUB}/c/5.json", status=301, headers={"Location": "http://example.com/community/c/playbooks/5.json"}
    )
    responses.get(f"{SUB}/c/playbooks/5.json", json={"topic_list": {"topics": [{"id": 7, "title": "A topic"}]}})
    responses.get(f"{SUB}/t/external_id/pb_x.json", status=301, headers={"Location": f"{SUB}/t/slug/42.json"})
    responses.get(f"{SUB}/t/42.json", json={"id": 42, "title": "A topic title here", "external_id": "pb_x"})
    responses.get(f"{SUB}/c/6.json", status=301, headers={"Location": "https://example.com/c/other/6.json"})
    responses.get(f"{SUB}/t/external_id/pb_y.json", status=301, headers={"Location": "https://example.com/t/s/9.json"})
    clock = FakeClock()
    forum = ForumClient(SUB, "sync-bot", KEY, per_minute=6000, sleep=clock.sleep, clock=clock, backoff=0)
    assert forum.base_path == "/community"
    assert [t.id for t in forum.category_topics(5)] == [7]
    assert forum.topic_by_external_id("pb_x").id == 42  # type: ignore[union-attr]
    with pytest.raises(ForumError, match="unexpected redirect of a category list"):
        list(forum.category_topics(6))
    with pytest.raises(ForumError, match="expected a redirect to the topic"):
        forum.topic_by_external_id("pb_y")
    assert all(c.request.url.startswith(SUB + "/") for c in responses.calls)
