"""Every documented endpoint the double serves answers a body that matches the spec."""

from __future__ import annotations

import hashlib
from typing import Any

import requests

from tests.discourse_double import DiscourseDouble
from tests.discourse_double.openapi_check import (
    SPEC_PATCHES,
    SPEC_PATH,
    SPEC_SHA256,
    documented,
    load_spec,
    raw_response_schema,
    validation_errors,
)

from .conftest import BODY, Api

# (method, spec path) of every documented operation the double implements.
IMPLEMENTED = {
    ("post", "/posts.json"),
    ("get", "/posts/{id}.json"),
    ("get", "/posts.json"),
    ("put", "/posts/{id}.json"),
    ("post", "/post_actions.json"),
    ("get", "/t/{id}.json"),
    ("get", "/t/{id}/posts.json"),
    ("put", "/t/-/{id}.json"),
    ("put", "/t/{id}/status.json"),
    ("delete", "/t/{id}.json"),
    ("get", "/t/external_id/{external_id}.json"),
    ("get", "/c/{slug}/{id}.json"),
    ("get", "/c/{id}/show.json"),
    ("get", "/categories.json"),
    ("post", "/categories.json"),
    ("put", "/categories/{id}.json"),
    ("post", "/admin/groups.json"),
    ("get", "/groups/{name}.json"),
    ("put", "/groups/{id}.json"),
    ("get", "/groups/{name}/members.json"),
    ("put", "/groups/{id}/members.json"),
    ("delete", "/groups/{id}/members.json"),
}


def test_implemented_operations_are_in_the_spec() -> None:
    for method, path in IMPLEMENTED:
        assert documented(method, path) is not None, (method, path)
    for method, path in SPEC_PATCHES:
        assert (method, path) in IMPLEMENTED
    assert load_spec()["openapi"].startswith("3.1")


def _check(method: str, path: str, response: requests.Response, checked: set[tuple[str, str]]) -> Any:
    assert 200 <= response.status_code < 400, response.text
    operation = documented(method, path)
    assert operation is not None
    status = str(response.status_code)
    content = operation["responses"][status].get("content")
    if content is None:  # the spec documents no body (301 redirect, empty 200)
        checked.add((method, path))
        return None
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    errors = validation_errors(method, path, body, int(status))
    assert errors == [], f"{method.upper()} {path}: {errors}"
    checked.add((method, path))
    return body


def test_every_documented_endpoint_matches_its_schema(double: DiscourseDouble, api: Api) -> None:
    checked: set[tuple[str, str]] = set()
    alice = Api(double, "alice", double.api_key_for("alice"))
    group = _check(
        "post", "/admin/groups.json", api.post("/admin/groups.json", json={"group": {"name": "team"}}), checked
    )
    gid = group["basic_group"]["id"]
    _check(
        "put",
        "/groups/{id}/members.json",
        api.put(f"/groups/{gid}/members.json", json={"usernames": "alice,bob"}),
        checked,
    )
    _check("get", "/groups/{name}.json", api.get("/groups/team.json"), checked)
    settings = {"group": {"name": "team", "mentionable_level": 3}}
    _check("put", "/groups/{id}.json", api.put(f"/groups/{gid}.json", json=settings), checked)
    _check("get", "/groups/{name}/members.json", api.get("/groups/team/members.json"), checked)
    _check(
        "delete",
        "/groups/{id}/members.json",
        api.delete(f"/groups/{gid}/members.json", json={"usernames": "bob"}),
        checked,
    )
    cat = _check(
        "post",
        "/categories.json",
        api.post("/categories.json", json={"name": "Playbooks", "permissions": {"team": 1}}),
        checked,
    )
    cid = cat["category"]["id"]
    _check(
        "put", "/categories/{id}.json", api.put(f"/categories/{cid}.json", json={"name": "Sales Playbooks"}), checked
    )
    _check("get", "/categories.json", api.get("/categories.json"), checked)
    _check("get", "/c/{id}/show.json", api.get(f"/c/{cid}/show.json"), checked)
    created = _check(
        "post",
        "/posts.json",
        api.post(
            "/posts.json",
            data={
                "title": "Schema checked playbook",
                "raw": BODY,
                "category": cid,
                "tags[]": ["schema"],
                "external_id": "pb-schema",
            },
        ),
        checked,
    )
    tid, pid = created["topic_id"], created["id"]
    reply = _check(
        "post",
        "/posts.json",
        alice.post("/posts.json", data={"topic_id": tid, "raw": "A reply from a team member here."}),
        checked,
    )
    _check(
        "post",
        "/post_actions.json",
        alice.post("/post_actions.json", data={"id": pid, "post_action_type_id": 2}),
        checked,
    )
    _check("get", "/posts/{id}.json", api.get(f"/posts/{pid}.json"), checked)
    _check(
        "put",
        "/posts/{id}.json",
        api.put(f"/posts/{pid}.json", data={"post[raw]": BODY + " Edited.", "post[edit_reason]": "x"}),
        checked,
    )
    _check("get", "/posts.json", api.get(f"/posts.json?before={reply['id'] + 1}"), checked)
    _check("get", "/t/external_id/{external_id}.json", api.get("/t/external_id/pb-schema.json"), checked)
    _check("get", "/t/{id}.json", api.get(f"/t/{tid}.json?include_raw=true"), checked)
    _check("get", "/t/{id}/posts.json", api.get(f"/t/{tid}/posts.json?post_ids[]={reply['id']}"), checked)
    _check("get", "/c/{slug}/{id}.json", api.get(f"/c/playbooks/{cid}.json"), checked)
    _check("put", "/t/-/{id}.json", api.put(f"/t/-/{tid}.json", data={"title": "Schema checked playbook two"}), checked)
    _check(
        "put",
        "/t/{id}/status.json",
        api.put(f"/t/{tid}/status.json", data={"status": "pinned", "enabled": "true"}),
        checked,
    )
    _check("get", "/c/{slug}/{id}.json", api.get(f"/c/playbooks/{cid}.json"), checked)
    _check("delete", "/t/{id}.json", api.delete(f"/t/{tid}.json"), checked)
    assert checked == IMPLEMENTED


def test_plain_topic_matches_the_unpatched_schema(double: DiscourseDouble, api: Api, category: int) -> None:
    created = api.create_topic("A plain topic for the raw schema", category=category).json()
    body = api.get(f"/t/{created['topic_id']}.json").json()
    assert validation_errors("get", "/t/{id}.json", body, patched=False) == []
    post = api.get(f"/posts/{created['id']}.json").json()
    assert validation_errors("get", "/posts/{id}.json", post, patched=False) == []
    assert raw_response_schema("post", "/posts.json")["additionalProperties"] is False
    assert validation_errors("post", "/posts.json", {"id": 1}) != []  # the check does bite


def test_the_spec_kept_with_the_tests_is_the_official_one_unchanged() -> None:
    digest = hashlib.sha256(SPEC_PATH.read_bytes()).hexdigest()
    assert digest == SPEC_SHA256, f"{SPEC_PATH} differs from the official spec (sha256 {digest})"
    assert (SPEC_PATH.parent / "LICENSE.txt").is_file(), "the spec's MIT notice must stay beside it"
