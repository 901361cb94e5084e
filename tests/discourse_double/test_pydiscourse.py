"""End to end through the real pydiscourse 1.7.0 client (the fixture from fixtures.py)."""

from __future__ import annotations

import pytest
from pydiscourse import DiscourseClient
from pydiscourse.exceptions import DiscourseClientError, DiscourseRateLimitedError, DiscourseServerError

from tests.discourse_double import DiscourseDouble, Faults
from tests.discourse_double.openapi_check import assert_matches_spec

BODY = "This playbook explains, step by step, how the team runs the weekly review."


@pytest.fixture
def client(discourse: DiscourseDouble) -> DiscourseClient:
    return DiscourseClient(discourse.url, api_username="sync-bot", api_key=discourse.api_key_for("sync-bot"))


def test_full_sync_flow(discourse: DiscourseDouble, client: DiscourseClient) -> None:
    discourse.add_user("alice")
    group = client.create_group("playbook-team")
    assert_matches_spec("post", "/admin/groups.json", group)
    group_id = group["basic_group"]["id"]
    added = client.add_group_members(group_id, ["alice"])
    assert added == {"success": "OK", "usernames": ["alice"], "emails": []}
    with pytest.raises(DiscourseClientError, match="already a member"):
        client.add_group_members(group_id, ["alice"])
    assert [m["username"] for m in client.group_members("playbook-team")] == ["alice"]
    assert client.group("playbook-team")["group"]["name"] == "playbook-team"

    category = client.create_category("Playbooks", "0088CC", permissions={"playbook-team": 1})
    assert_matches_spec("post", "/categories.json", category)
    category_id = category["category"]["id"]
    assert category["category"]["read_restricted"] is True
    assert [c["name"] for c in client.categories()] == ["Playbooks"]
    assert client.category(category_id)["category"]["slug"] == "playbooks"

    post = client.create_post(
        BODY,
        category_id=category_id,
        title="Running the weekly pipeline review",
        tags=["Pipeline", "coaching"],
        external_id="pb-pipeline",
    )
    assert_matches_spec("post", "/posts.json", post)
    topic_id = post["topic_id"]
    assert discourse.topic(topic_id).tags == ["pipeline", "coaching"]  # type: ignore[union-attr]

    found = client._get("/t/external_id/pb-pipeline.json", override_request_kwargs={"allow_redirects": True})
    assert found["id"] == topic_id
    assert client._get("/t/external_id/pb-pipeline.json") is None  # 301 not followed, empty body
    assert client._get(f"/t/{topic_id}.json", include_raw="true")["post_stream"]["posts"][0]["raw"] == BODY
    listing = client.category_topics(category_id)
    assert topic_id in [t["id"] for t in listing["topic_list"]["topics"]]

    updated = client.update_post(post["id"], BODY + " Now with an extra closing paragraph.", edit_reason="sync")
    assert_matches_spec("put", "/posts/{id}.json", updated)
    assert updated["post"]["raw"].endswith("extra closing paragraph.")
    assert client.post_by_id(post["id"])["raw"] == updated["post"]["raw"]

    renamed = client.update_topic(f"/t/-/{topic_id}.json", "Running a better pipeline review")
    assert renamed["basic_topic"]["title"] == "Running a better pipeline review"
    retagged = client.update_topic(
        f"/t/-/{topic_id}.json", "Running a better pipeline review", **{"tags[]": ["pipeline"]}
    )
    assert [t["name"] for t in retagged["tags"]] == ["pipeline"]

    status = client.update_topic_status(topic_id, "closed", True)
    assert status == {"success": "OK", "topic_status_update": None}
    assert discourse.topic(topic_id).closed is True  # type: ignore[union-attr]
    client.update_topic_status(topic_id, "closed", False)
    assert discourse.topic(topic_id).closed is False  # type: ignore[union-attr]

    client.delete_group_member(group_id, "alice")
    assert client.group_members("playbook-team") == []
    assert "site_settings" in client.get_site_settings()
    client.update_category(category_id, name="Sales Playbooks")
    assert discourse.category(category_id).name == "Sales Playbooks"  # type: ignore[union-attr]


def test_client_errors_map_to_pydiscourse_exceptions(discourse: DiscourseDouble, client: DiscourseClient) -> None:
    category_id = discourse.create_category("Errors").id
    with pytest.raises(DiscourseClientError, match="Title is too short"):
        client.create_post(BODY, category_id=category_id, title="Short")
    with pytest.raises(DiscourseClientError, match="invalid parameters"):
        client.create_post(BODY, category_id=9999, title="A category that does not exist")
    bad = DiscourseClient(discourse.url, api_username="sync-bot", api_key="nope")
    with pytest.raises(DiscourseClientError, match="API username or key is invalid"):
        bad.categories()
    discourse.faults = Faults(server_error_rate=1.0)
    with pytest.raises(DiscourseServerError):
        client.categories()


def test_pydiscourse_retries_json_429_then_gives_up() -> None:
    double = DiscourseDouble(admin_rate_limit=(1, 60.0))
    double.add_user("sync-bot", admin=True)
    with double:
        client = DiscourseClient(double.url, api_username="sync-bot", api_key=double.api_key_for("sync-bot"))
        client.categories()
        import pydiscourse.client as pyd_client

        sleeps: list[float] = []
        original = pyd_client.time.sleep
        pyd_client.time.sleep = sleeps.append
        try:
            with pytest.raises(DiscourseRateLimitedError):
                client.categories()
        finally:
            pyd_client.time.sleep = original
        assert len(sleeps) == 3 and all(s >= 2 for s in sleeps)
        assert [r.status for r in double.requests][-4:] == [429, 429, 429, 429]
