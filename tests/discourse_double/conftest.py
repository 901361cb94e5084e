"""Fixtures for the double's own tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from tests.discourse_double import DiscourseDouble
from tests.discourse_double.openapi_check import assert_matches_spec

BODY = "This playbook explains, step by step, how the team runs the weekly review."


@dataclass
class Api:
    """A thin HTTP client for one user of the double (no retries, no redirects)."""

    double: DiscourseDouble
    username: str | None
    key: str | None

    def headers(self, accept_json: bool = True) -> dict[str, str]:
        headers: dict[str, str] = {}
        if accept_json:
            headers["Accept"] = "application/json"
        if self.key is not None:
            headers["Api-Key"] = self.key
        if self.username is not None:
            headers["Api-Username"] = self.username
        return headers

    def request(self, method: str, path: str, accept_json: bool = True, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 10)
        headers = self.headers(accept_json)
        headers.update(kwargs.pop("headers", {}))
        return requests.request(method, self.double.url + path, headers=headers, **kwargs)  # noqa: S113

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, **kwargs)

    def create_topic(
        self,
        title: str,
        raw: str = BODY,
        category: int | None = None,
        tags: list[str] | None = None,
        **extra: str,
    ) -> requests.Response:
        data: dict[str, Any] = {"title": title, "raw": raw, **extra}
        if tags is not None:
            data["tags[]"] = tags
        if category is not None:
            data["category"] = category
        return self.post("/posts.json", data=data)


@pytest.fixture
def double() -> Iterator[DiscourseDouble]:
    d = DiscourseDouble(admin_rate_limit=(1000, 6.0))
    d.add_user("sync-bot", admin=True)
    d.add_user("alice")
    d.add_user("bob")
    d.start()
    try:
        yield d
    finally:
        d.stop()


@pytest.fixture
def api(double: DiscourseDouble) -> Api:
    return Api(double, "sync-bot", double.api_key_for("sync-bot"))


@pytest.fixture
def alice(double: DiscourseDouble) -> Api:
    return Api(double, "alice", double.api_key_for("alice"))


@pytest.fixture
def category(double: DiscourseDouble) -> int:
    return double.create_category("Playbooks", slug="playbooks").id


def spec_ok(method: str, template: str, response: requests.Response) -> dict[str, Any]:
    """Assert a 200 JSON response with the exact content type and a body matching the spec."""
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    body: dict[str, Any] = response.json()
    assert_matches_spec(method, template, body)
    return body
