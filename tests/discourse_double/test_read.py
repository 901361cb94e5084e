"""Reads: external-id redirects, topic views, category lists and categories."""

from __future__ import annotations

from typing import Any

from tests.discourse_double import DiscourseDouble

from .conftest import BODY, Api, spec_ok

NOT_FOUND = {"errors": ["The requested URL or resource could not be found."], "error_type": "not_found"}


def _topic(api: Api, category: int, title: str = "Forecasting for new managers", **extra: Any) -> dict[str, Any]:
    response = api.create_topic(title, category=category, **extra)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_external_id_redirect_shape(api: Api, category: int) -> None:
    post = _topic(api, category, external_id="pb-forecast")
    response = api.get("/t/external_id/pb-forecast.json?include_raw=true&print=true&foo=bar&api_key=x")
    assert response.status_code == 301
    location = response.headers["Location"]
    assert location == (
        f"{api.double.url}/t/forecasting-for-new-managers/{post['topic_id']}.json?include_raw=true&print=true"
    )
    followed = api.get(location.replace(api.double.url, ""))
    body = spec_ok("get", "/t/{id}.json", followed)
    assert body["external_id"] == "pb-forecast"
    assert body["post_stream"]["posts"][0]["raw"] == BODY


def test_external_id_lookup_refusals(api: Api, alice: Api, double: DiscourseDouble, category: int) -> None:
    missing = api.get("/t/external_id/nope.json")
    assert missing.status_code == 404 and missing.json() == NOT_FOUND
    post = _topic(api, category, external_id="pb-gone")
    assert api.get("/t/external_id/PB-GONE.json").status_code == 404  # find_by is exact
    double.soft_delete_topic(post["topic_id"])
    assert api.get("/t/external_id/pb-gone.json").json() == NOT_FOUND
    double.create_group("leaders", ["bob"])
    private = double.create_category("Leaders", permissions={"leaders": 1}).id
    _topic(api, private, title="A private leadership playbook", external_id="pb-private")
    forbidden = alice.get("/t/external_id/pb-private.json")
    assert forbidden.status_code == 403
    assert forbidden.json()["error_type"] == "invalid_access"
    html = api.get("/t/external_id/pb-private", accept_json=False)
    assert html.status_code == 200 and html.headers["Content-Type"].startswith("text/html")
    assert api.get("/t/external_id/has.dot.json").status_code == 404


def test_topic_view_fields_and_slug_redirect(api: Api, double: DiscourseDouble, category: int) -> None:
    post = _topic(api, category, tags=["forecast"])
    topic_id = post["topic_id"]
    double.post_reply("alice", topic_id, "We do this every Monday and it works well.")
    double.like("alice", post["id"])
    body = spec_ok("get", "/t/{id}.json", api.get(f"/t/{topic_id}.json"))
    assert "external_id" not in body
    assert body["posts_count"] == 2 and body["reply_count"] == 1 and body["highest_post_number"] == 2
    assert body["like_count"] == 1 and body["participant_count"] == 2
    assert body["tags"] == [{"id": 1, "name": "forecast", "slug": "forecast"}]
    assert [p["username"] for p in body["details"]["participants"]] == ["sync-bot", "alice"]
    assert body["post_stream"]["stream"] == [p["id"] for p in body["post_stream"]["posts"]]
    assert "raw" not in body["post_stream"]["posts"][0]
    wrong = api.get(f"/t/wrong-slug/{topic_id}.json?include_raw=1&page=1&x=1")
    assert wrong.status_code == 301
    assert wrong.headers["Location"].endswith(f"/t/forecasting-for-new-managers/{topic_id}.json?include_raw=1&page=1")
    assert api.get(f"/t/forecasting-for-new-managers/{topic_id}.json").status_code == 200
    assert api.get(f"/t/{topic_id}", accept_json=False).headers["Content-Type"].startswith("text/html")
    assert api.get("/t/424242.json").json() == NOT_FOUND


def test_topic_view_chunks_posts(api: Api, double: DiscourseDouble, category: int) -> None:
    topic_id = _topic(api, category)["topic_id"]
    for i in range(24):
        double.post_reply("alice" if i % 2 else "bob", topic_id, f"Reply number {i} with enough words in it.")
    body = spec_ok("get", "/t/{id}.json", api.get(f"/t/{topic_id}.json"))
    assert len(body["post_stream"]["posts"]) == 20 and len(body["post_stream"]["stream"]) == 25
    rest = body["post_stream"]["stream"][20:]
    query = "&".join(f"post_ids[]={pid}" for pid in rest)
    more = spec_ok("get", "/t/{id}/posts.json", api.get(f"/t/{topic_id}/posts.json?{query}"))
    assert [p["id"] for p in more["post_stream"]["posts"]] == rest


def test_private_category_is_404_for_outsiders(api: Api, alice: Api, double: DiscourseDouble) -> None:
    double.create_group("leaders", ["bob"])
    private = double.create_category("Leaders", permissions={"leaders": 1})
    topic_id = _topic(api, private.id)["topic_id"]
    assert alice.get(f"/t/{topic_id}.json").json() == NOT_FOUND
    assert alice.get(f"/c/{private.slug}/{private.id}.json").json() == NOT_FOUND
    assert alice.get(f"/c/{private.id}/show.json").status_code == 403
    names = [c["name"] for c in alice.get("/categories.json").json()["category_list"]["categories"]]
    assert "Leaders" not in names
    bob = Api(double, "bob", double.api_key_for("bob"))
    assert bob.get(f"/t/{topic_id}.json").status_code == 200
    assert bob.get(f"/c/{private.slug}/{private.id}.json").status_code == 200
    anonymous = Api(double, None, None)
    assert anonymous.get(f"/t/{topic_id}.json").status_code == 404


def test_soft_deleted_topic_visibility(api: Api, alice: Api, double: DiscourseDouble, category: int) -> None:
    topic_id = _topic(api, category)["topic_id"]
    double.soft_delete_topic(topic_id)
    assert alice.get(f"/t/{topic_id}.json").status_code == 404
    staff_view = spec_ok("get", "/t/{id}.json", api.get(f"/t/{topic_id}.json"))
    assert staff_view["deleted_at"] is not None and staff_view["deleted_by"]["username"] == "system"


def test_category_list_pagination_and_redirects(api: Api, double: DiscourseDouble, category: int) -> None:
    for i in range(30):
        double.create_topic_as("bob", f"Playbook number {i:02d} for the team", BODY + f" {i}", category)
    first = spec_ok("get", "/c/{slug}/{id}.json", api.get(f"/c/playbooks/{category}.json"))
    topics = first["topic_list"]["topics"]
    assert len(topics) == 30 and first["topic_list"]["per_page"] == 30
    assert topics[0]["title"] == "About the Playbooks category" and topics[0]["pinned"] is True
    assert "excerpt" in topics[0] and "excerpt" not in topics[1]
    assert first["topic_list"]["more_topics_url"] == f"/c/playbooks/{category}/l/latest?page=1"
    second = api.get(first["topic_list"]["more_topics_url"])  # Accept header, no .json
    body = spec_ok("get", "/c/{slug}/{id}.json", second)
    assert len(body["topic_list"]["topics"]) == 1
    assert "more_topics_url" not in body["topic_list"]
    assert "external_id" not in body["topic_list"]["topics"][0]
    shown = {t["id"] for t in topics} | {t["id"] for t in body["topic_list"]["topics"]}
    assert len(shown) == 31
    redirect = api.get(f"/c/{category}.json?page=1")
    assert redirect.status_code == 301
    assert redirect.headers["Location"] == f"{api.double.url}/c/playbooks/{category}.json?page=1"
    wrong = api.get(f"/c/wrong/{category}/l/latest.json")
    assert wrong.headers["Location"] == f"{api.double.url}/c/playbooks/{category}/l/latest.json"
    assert api.get("/c/nothing/999.json").json() == NOT_FOUND
    assert api.get(f"/c/playbooks/{category}", accept_json=False).headers["Content-Type"].startswith("text/html")


def test_unlisted_topics_hidden_from_regular_lists(
    api: Api, alice: Api, double: DiscourseDouble, category: int
) -> None:
    topic_id = _topic(api, category)["topic_id"]
    double.set_topic_status(topic_id, "visible", False)
    ids = [t["id"] for t in alice.get(f"/c/playbooks/{category}.json").json()["topic_list"]["topics"]]
    assert topic_id not in ids
    ids = [t["id"] for t in api.get(f"/c/playbooks/{category}.json").json()["topic_list"]["topics"]]
    assert topic_id in ids
    assert alice.get(f"/t/{topic_id}.json").status_code == 200


def test_categories_index_and_show(api: Api, double: DiscourseDouble, category: int) -> None:
    double.create_category("Sub team", parent_category_id=category)
    body = spec_ok("get", "/categories.json", api.get("/categories.json"))
    rows = body["category_list"]["categories"]
    assert [r["name"] for r in rows] == ["Playbooks"]  # Uncategorized hidden, subcategories nested
    assert rows[0]["has_children"] is True and len(rows[0]["subcategory_ids"]) == 1
    with_subs = api.get("/categories.json?include_subcategories=true").json()
    assert with_subs["category_list"]["categories"][0]["subcategory_list"][0]["name"] == "Sub team"
    for other in ("True", "1", "yes"):  # the controller compares with "true" exactly
        rows = api.get(f"/categories.json?include_subcategories={other}").json()["category_list"]["categories"]
        assert "subcategory_list" not in rows[0], other
    shown = spec_ok("get", "/c/{id}/show.json", api.get(f"/c/{category}/show.json"))
    assert shown["category"]["slug"] == "playbooks" and shown["category"]["read_restricted"] is False
    assert api.get("/c/999/show.json").status_code == 404


def test_get_post_and_raw(api: Api, alice: Api, double: DiscourseDouble, category: int) -> None:
    post = _topic(api, category)
    body = spec_ok("get", "/posts/{id}.json", api.get(f"/posts/{post['id']}.json"))
    assert body["raw"] == BODY and body["version"] == 1
    raw = api.get(f"/raw/{post['topic_id']}/1", accept_json=False)
    assert raw.status_code == 200 and raw.text == BODY
    assert raw.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert api.get(f"/raw/{post['topic_id']}").text == BODY
    assert api.get(f"/posts/{post['id']}/raw").text == BODY
    assert api.get(f"/raw/{post['topic_id']}/9").status_code == 404
    assert api.get("/posts/999999.json").json() == NOT_FOUND


def test_user_lookup_answers_404_for_unknown_and_the_card_for_known(api: Api, alice: Api) -> None:
    card = spec_ok("get", "/u/{username}.json", api.get("/u/alice.json"))
    assert card["user"]["username"] == "alice"
    missing = api.get("/u/nobody-here.json")
    assert missing.status_code == 404 and missing.json()["error_type"] == "not_found"
    assert alice.get("/u/bob.json").status_code == 200  # any signed-in user may look a user up
