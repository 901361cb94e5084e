"""``GET /posts.json`` (posts#latest, ``LatestPostsQuery#public_posts``): the newest posts with their raw text."""

from __future__ import annotations

from typing import Any

from tests.discourse_double import DiscourseDouble

from .conftest import BODY, Api, spec_ok


def _latest(api: Api, query: str = "") -> list[dict[str, Any]]:
    posts: list[dict[str, Any]] = spec_ok("get", "/posts.json", api.get("/posts.json" + query))["latest_posts"]
    return posts


def _topic(api: Api, category: int, title: str, raw: str = BODY) -> dict[str, Any]:
    response = api.create_topic(title, raw=raw, category=category)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_newest_first_with_raw_title_and_category(api: Api, double: DiscourseDouble, category: int) -> None:
    first = _topic(api, category, "Forecasting for new managers")
    reply = double.post_reply("alice", first["topic_id"], "We review the forecast every Monday morning.")
    posts = _latest(api)
    assert [p["id"] for p in posts[:2]] == [reply.id, first["id"]]
    entry = posts[1]
    assert entry["raw"] == BODY and entry["post_number"] == 1 and entry["version"] == 1
    assert entry["topic_id"] == first["topic_id"] and entry["topic_title"] == "Forecasting for new managers"
    assert entry["category_id"] == category and entry["username"] == "sync-bot" and entry["wiki"] is False
    assert posts[0]["username"] == "alice" and posts[0]["post_number"] == 2


def test_fifty_to_a_page_and_before_keeps_lower_ids(api: Api, double: DiscourseDouble, category: int) -> None:
    topic = _topic(api, category, "Coaching cadence for a new team")
    for n in range(60):
        double.post_reply("alice", topic["topic_id"], f"Reply number {n} about the coaching cadence.")
    page = _latest(api)
    assert len(page) == 50
    ids = [p["id"] for p in page]
    assert ids == sorted(ids, reverse=True)
    older = _latest(api, f"?before={ids[-1]}")
    assert older and all(p["id"] < ids[-1] for p in older)
    assert {p["id"] for p in page} | {p["id"] for p in older} >= {topic["id"]}
    assert _latest(api, "?before=abc")[0]["id"] == ids[0]  # to_i: not a number reads as 0, the newest page


def test_left_out_deleted_unlisted_and_private_to_others(
    api: Api, alice: Api, double: DiscourseDouble, category: int
) -> None:
    gone = _topic(api, category, "A playbook topic that was deleted")
    unlisted = _topic(api, category, "A playbook topic that was unlisted")
    double.soft_delete_topic(gone["topic_id"])
    double.set_topic_status(unlisted["topic_id"], "visible", False)
    double.create_group("leaders", ["bob"])
    private = double.create_category("Leaders", permissions={"leaders": 1}).id
    secret = _topic(api, private, "A private cohort topic for leaders")
    admin_ids = {p["id"] for p in _latest(api)}
    assert secret["id"] in admin_ids  # staff see every category
    assert gone["id"] not in admin_ids and unlisted["id"] not in admin_ids
    assert secret["id"] not in {p["id"] for p in _latest(alice)}
    anonymous = Api(double, None, None)
    assert secret["id"] not in {p["id"] for p in _latest(anonymous)}  # no login needed for public posts


def test_a_blocked_route_answers_its_refusal(api: Api, double: DiscourseDouble) -> None:
    double.refuse_latest_posts(404)
    assert api.get("/posts.json").status_code == 404
    double.refuse_latest_posts(None)
    assert api.get("/posts.json").status_code == 200
