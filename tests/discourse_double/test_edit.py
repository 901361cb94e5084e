"""Edits: PUT /posts/{id}, revisions, PUT /t/-/{id}, PUT /t/{id}/status, DELETE /t/{id}."""

from __future__ import annotations

from typing import Any

from tests.discourse_double import DiscourseDouble

from .conftest import BODY, Api, spec_ok

NEW_BODY = ("A completely rewritten playbook body. " * 15).rstrip()  # a diff above the 400-char staff grace limit


def _topic(api: Api, category: int, title: str = "Running a deal review meeting", **extra: Any) -> dict[str, Any]:
    response = api.create_topic(title, category=category, **extra)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_update_post_creates_revision(api: Api, double: DiscourseDouble, category: int) -> None:
    post = _topic(api, category)
    response = api.put(f"/posts/{post['id']}.json", data={"post[raw]": NEW_BODY, "post[edit_reason]": "sync"})
    body = spec_ok("put", "/posts/{id}.json", response)["post"]
    assert body["raw"] == NEW_BODY and body["version"] == 2 and body["edit_reason"] == "sync"
    revisions = double.revisions_of(post["id"])
    assert [(r.number, r.username, r.edit_reason) for r in revisions] == [(2, "sync-bot", "sync")]
    assert revisions[0].raw_before == BODY and revisions[0].raw_after == NEW_BODY
    latest = api.get(f"/posts/{post['id']}/revisions/latest.json").json()
    assert latest["current_revision"] == 2 and latest["username"] == "sync-bot"
    assert api.get(f"/posts/{post['id']}/revisions/2.json").json()["edit_reason"] == "sync"
    assert api.get(f"/posts/{post['id']}/revisions/1.json").status_code == 400
    assert api.get(f"/posts/{post['id']}/revisions/7.json").status_code == 404
    assert api.get(f"/raw/{post['topic_id']}/1?revision=2").text == NEW_BODY
    assert api.get(f"/raw/{post['topic_id']}/1?revision=1").status_code == 400
    same = api.put(f"/posts/{post['id']}.json", data={"post[raw]": NEW_BODY})
    assert same.json()["post"]["version"] == 2  # identical raw: no revision


def test_whitespace_is_cleaned_as_discourse_does(api: Api, double: DiscourseDouble, category: int) -> None:
    """PostCreator and PostRevisor turn Unicode spaces into plain ones and cut trailing whitespace."""
    sent = "Run\u00a0the weekly review\u2009with every seller on the team, then\u3000note the next step. \n\n\t"
    post = _topic(api, category, raw=sent)
    stored = "Run the weekly review with every seller on the team, then note the next step."
    assert post["raw"] == stored
    assert api.get(f"/raw/{post['topic_id']}/1").text == stored
    assert double.post(post["id"]).raw == stored  # type: ignore[union-attr]
    # The same text again with other whitespace is no change: no revision, no new version.
    again = api.put(f"/posts/{post['id']}.json", data={"post[raw]": stored.replace(" ", "\u00a0", 2) + "\n \x00"})
    assert again.status_code == 200 and again.json()["post"]["version"] == 1
    assert double.revisions_of(post["id"]) == []
    # original_text is compared with the stored raw exactly: the text as sent no longer matches.
    conflict = api.put(f"/posts/{post['id']}.json", data={"post[raw]": NEW_BODY, "post[original_text]": sent})
    assert conflict.status_code == 409
    # Whitespace alone is no body: refused like an empty one.
    blank = api.put(f"/posts/{post['id']}.json", data={"post[raw]": "\u00a0 \n"})
    assert blank.status_code == 422


def test_grace_period_edits_fold_into_the_current_version(api: Api, double: DiscourseDouble, category: int) -> None:
    post = _topic(api, category)
    small = BODY.replace("weekly", "monthly")
    body = api.put(f"/posts/{post['id']}.json", data={"post[raw]": small}).json()["post"]
    assert body["version"] == 1 and body["raw"] == small
    assert double.revisions_of(post["id"]) == []
    big = api.put(f"/posts/{post['id']}.json", data={"post[raw]": NEW_BODY}).json()["post"]
    assert big["version"] == 2
    double.edit_first_post_as("sync-bot", post["topic_id"], NEW_BODY + " Tiny change.")
    assert double.post(post["id"]).version == 2  # type: ignore[union-attr]
    assert double.revisions_of(post["id"])[-1].raw_after == NEW_BODY + " Tiny change."
    double.age_post(post["id"], 301)
    double.edit_first_post_as("sync-bot", post["topic_id"], NEW_BODY + " Tiny change two.")
    assert double.post(post["id"]).version == 3  # type: ignore[union-attr]


def test_update_post_refusals(api: Api, alice: Api, double: DiscourseDouble, category: int) -> None:
    post = _topic(api, category)
    conflict = api.put(f"/posts/{post['id']}.json", data={"post[raw]": NEW_BODY, "post[original_text]": "stale text"})
    assert conflict.status_code == 409 and list(conflict.json()) == ["errors"]
    short = api.put(f"/posts/{post['id']}.json", data={"post[raw]": "short"})
    assert short.status_code == 422
    assert short.json() == {
        "errors": ["Body is too short (minimum is 20 characters)", "Body seems unclear, is it a complete sentence?"]
    }
    assert api.put(f"/posts/{post['id']}.json", data={"raw": NEW_BODY}).status_code == 400
    assert alice.put(f"/posts/{post['id']}.json", data={"post[raw]": NEW_BODY}).status_code == 403
    assert api.put("/posts/99999.json", data={"post[raw]": NEW_BODY}).status_code == 404
    ok = api.put(f"/posts/{post['id']}.json", json={"post": {"raw": NEW_BODY, "original_text": BODY}})
    assert ok.status_code == 200


def test_update_topic_title_tags_category(api: Api, double: DiscourseDouble, category: int) -> None:
    post = _topic(api, category, tags=["deals"])
    topic_id = post["topic_id"]
    other = double.create_category("Archive").id
    response = api.put(f"/t/-/{topic_id}.json", data={"title": "running a better deal review.", "category_id": other})
    body = spec_ok("put", "/t/-/{id}.json", response)
    assert body["basic_topic"]["title"] == "Running a better deal review"
    assert body["basic_topic"]["slug"] == "running-a-better-deal-review"
    topic = double.topic(topic_id)
    assert topic is not None and topic.category_id == other
    assert double.post(post["id"]).version == 1  # type: ignore[union-attr]  # same editor, grace period: folded
    double.age_post(post["id"], 301)
    api.put(f"/t/-/{topic_id}.json", data={"title": "Running a good deal review"})
    assert double.post(post["id"]).version == 2  # type: ignore[union-attr]
    revision = double.revisions_of(post["id"])[-1]
    assert (revision.title_before, revision.title_after) == (
        "Running a better deal review",
        "Running a good deal review",
    )
    repeat = api.put(f"/t/-/{topic_id}.json", data={"title": "Running a good deal review", "category_id": other})
    assert repeat.status_code == 200 and double.post(post["id"]).version == 2  # type: ignore[union-attr]
    tagged = api.put(f"/t/-/{topic_id}.json", data={"tags[]": ["deals", "Review Process"]})
    flat = tagged.json()
    assert "basic_topic" not in flat and flat["id"] == topic_id
    assert [t["name"] for t in flat["tags"]] == ["deals", "review-process"]
    cleared = api.put(f"/t/-/{topic_id}.json", json={"tags": []})
    assert cleared.json()["tags"] == [] and double.topic(topic_id).tags == []  # type: ignore[union-attr]
    by_slug = api.put(f"/t/anything/{topic_id}.json", data={"title": "Running the best deal review"})
    assert by_slug.status_code == 200


def test_update_topic_refusals(api: Api, alice: Api, double: DiscourseDouble, category: int) -> None:
    first = _topic(api, category, title="The first topic title here")
    second = _topic(api, category, title="The second topic title here")
    dup = api.put(f"/t/-/{second['topic_id']}.json", data={"title": "THE FIRST topic title here"})
    assert dup.status_code == 422 and dup.json() == {"errors": ["Title has already been used"]}
    short = api.put(f"/t/-/{second['topic_id']}.json", data={"title": "short"})
    assert short.status_code == 422
    conflict = api.put(
        f"/t/-/{first['topic_id']}.json", data={"title": "A new title for the first", "original_title": "old"}
    )
    assert conflict.status_code == 409
    tags_conflict = api.put(
        f"/t/-/{first['topic_id']}.json", json={"title": "A new title for the first", "original_tags": ["x"]}
    )
    assert tags_conflict.status_code == 409
    missing_category = api.put(f"/t/-/{first['topic_id']}.json", data={"category_id": 999})
    assert missing_category.status_code == 422
    assert alice.put(f"/t/-/{first['topic_id']}.json", data={"title": "Alice renames it all"}).status_code == 403
    too_many = api.put(f"/t/-/{first['topic_id']}.json", data={"tags[]": list("abcdef")})
    assert too_many.status_code == 422


def test_topic_status(api: Api, alice: Api, double: DiscourseDouble, category: int) -> None:
    post = _topic(api, category)
    topic_id = post["topic_id"]
    response = api.put(f"/t/{topic_id}/status.json", data={"status": "closed", "enabled": "true"})
    assert spec_ok("put", "/t/{id}/status.json", response) == {"success": "OK", "topic_status_update": None}
    topic = double.topic(topic_id)
    assert topic is not None and topic.closed is True
    posts = double.posts_of(topic_id)
    assert posts[-1].action_code == "closed.enabled" and posts[-1].post_type == 3
    again = api.put(f"/t/{topic_id}/status", data={"status": "closed", "enabled": "true"})
    assert again.status_code == 200 and len(double.posts_of(topic_id)) == 2  # no change, no small action
    capital = api.put(f"/t/{topic_id}/status", data={"status": "closed", "enabled": "True"})
    assert capital.status_code == 200 and double.topic(topic_id).closed is False  # type: ignore[union-attr]
    json_true = api.put(f"/t/{topic_id}/status", json={"status": "archived", "enabled": True})
    assert json_true.status_code == 200 and double.topic(topic_id).archived is False  # type: ignore[union-attr]
    assert api.put(f"/t/{topic_id}/status", json={"status": "archived", "enabled": False}).status_code == 400
    assert api.put(f"/t/{topic_id}/status", data={"status": "frozen", "enabled": "true"}).status_code == 400
    assert api.put(f"/t/{topic_id}/status", data={"status": "closed"}).status_code == 400
    assert alice.put(f"/t/{topic_id}/status", data={"status": "closed", "enabled": "true"}).status_code == 403
    view = api.get(f"/t/{topic_id}.json").json()
    assert view["posts_count"] == 3 and view["reply_count"] == 0  # small actions count as posts only
    spec_ok("get", "/t/{id}.json", api.get(f"/t/{topic_id}.json"))


def test_with_tagging_off_tags_are_neither_kept_nor_shown(api: Api, double: DiscourseDouble, category: int) -> None:
    """Guardian#can_see_tags? is false: no `tags` key in views, lists or the update's reply."""
    double.state.settings["tagging_enabled"] = False
    post = _topic(api, category, tags=["pipeline"])
    topic_id = post["topic_id"]
    assert double.topic(topic_id).tags == []  # type: ignore[union-attr]
    view = spec_ok("get", "/t/{id}.json", api.get(f"/t/{topic_id}.json"))
    assert "tags" not in view and "tags_descriptions" not in view
    listed = api.get(f"/c/playbooks/{category}.json").json()["topic_list"]["topics"]
    assert listed and all("tags" not in t for t in listed)
    reply = api.put(f"/t/-/{topic_id}.json", data={"title": "Running a better deal review", "tags[]": ["pipeline"]})
    assert reply.status_code == 200 and set(reply.json()) == {"basic_topic"}
    double.state.settings["tagging_enabled"] = True
    shown = api.put(f"/t/-/{topic_id}.json", data={"tags[]": ["pipeline"]}).json()
    assert [t["name"] for t in shown["tags"]] == ["pipeline"]
    assert [t["name"] for t in api.get(f"/t/{topic_id}.json").json()["tags"]] == ["pipeline"]


def test_a_deleted_topic_cannot_be_changed_even_by_staff(api: Api, double: DiscourseDouble, category: int) -> None:
    """topics#update and #status find topics with Topic.find_by, which skips soft-deleted ones."""
    post = _topic(api, category)
    topic_id = post["topic_id"]
    double.soft_delete_topic(topic_id, "sync-bot")
    retitle = api.put(f"/t/-/{topic_id}.json", data={"title": "Running a better deal review"})
    assert retitle.status_code == 403 and retitle.json()["error_type"] == "invalid_access"
    close = api.put(f"/t/{topic_id}/status", data={"status": "closed", "enabled": "true"})
    assert close.status_code == 403
    topic = double.topic(topic_id)
    assert topic is not None and topic.title == "Running a deal review meeting" and not topic.closed
    double.restore_topic(topic_id)
    assert api.put(f"/t/{topic_id}/status", data={"status": "closed", "enabled": "true"}).status_code == 200


def test_like_and_delete(api: Api, alice: Api, double: DiscourseDouble, category: int) -> None:
    post = _topic(api, category)
    liked = spec_ok(
        "post",
        "/post_actions.json",
        alice.post("/post_actions.json", data={"id": post["id"], "post_action_type_id": 2}),
    )
    assert liked["actions_summary"] == [{"id": 2, "count": 1, "acted": True, "can_undo": True}]
    again = alice.post("/post_actions.json", data={"id": post["id"], "post_action_type_id": 2})
    assert again.status_code == 403 and "error_type" not in again.json()
    own = api.post("/post_actions.json", data={"id": post["id"], "post_action_type_id": 2})
    assert own.status_code == 403
    assert alice.delete(f"/t/{post['topic_id']}.json").status_code == 422
    deleted = api.delete(f"/t/{post['topic_id']}.json")
    assert deleted.status_code == 200 and deleted.content == b""
    assert double.topic(post["topic_id"]).deleted_at is not None  # type: ignore[union-attr]
