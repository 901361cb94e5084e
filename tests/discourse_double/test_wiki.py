"""Wiki posts: the toggle (``PUT /posts/{id}/wiki``), who may edit a wiki post, and how those edits are kept."""

from __future__ import annotations

from typing import Any

import pytest

from tests.discourse_double import DiscourseDouble, member_edit
from tests.discourse_double.openapi_check import documented, validation_errors

from .conftest import BODY, Api

INVALID_ACCESS = {"errors": ["You are not permitted to view the requested resource."], "error_type": "invalid_access"}


def _topic(api: Api, category: int) -> dict[str, Any]:
    response = api.create_topic("Running a deal review meeting", category=category)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _wiki(api: Api, post_id: int, value: str = "true") -> None:
    response = api.put(f"/posts/{post_id}/wiki", data={"wiki": value})
    assert response.status_code == 200 and response.content == b"", response.text


def _post(api: Api, post_id: int) -> dict[str, Any]:
    body: dict[str, Any] = api.get(f"/posts/{post_id}.json").json()
    return body


def test_staff_turn_a_post_into_a_wiki_and_back(api: Api, alice: Api, category: int) -> None:
    post = _topic(api, category)
    assert (_post(api, post["id"])["wiki"], _post(alice, post["id"])["can_edit"]) == (False, False)
    _wiki(api, post["id"])
    seen_by_staff, seen_by_alice = _post(api, post["id"]), _post(alice, post["id"])
    assert (seen_by_staff["wiki"], seen_by_staff["can_wiki"]) == (True, True)
    assert (seen_by_alice["wiki"], seen_by_alice["can_wiki"], seen_by_alice["can_edit"]) == (True, False, True)
    assert validation_errors("get", "/posts/{id}.json", seen_by_alice) == []
    stream = api.get(f"/t/{post['topic_id']}.json").json()["post_stream"]["posts"]
    assert stream[0]["wiki"] is True
    _wiki(api, post["id"], "false")
    assert (_post(api, post["id"])["wiki"], _post(alice, post["id"])["can_edit"]) == (False, False)


def test_the_wiki_route_is_not_in_the_api_document() -> None:
    """Like the revision routes, it is checked against Discourse's controller, not the spec."""
    assert documented("put", "/posts/{id}/wiki.json") is None
    assert documented("put", "/posts/{id}/wiki") is None


def test_a_toggle_right_after_the_create_folds_into_the_first_version(
    api: Api, double: DiscourseDouble, category: int
) -> None:
    post = _topic(api, category)
    _wiki(api, post["id"])
    assert _post(api, post["id"])["version"] == 1 and double.revisions_of(post["id"]) == []


def test_a_toggle_on_an_older_post_is_a_revision_by_whoever_toggled(
    api: Api, double: DiscourseDouble, category: int
) -> None:
    post = _topic(api, category)
    double.age_post(post["id"], 301)
    _wiki(api, post["id"])
    assert _post(api, post["id"])["version"] == 2
    latest = api.get(f"/posts/{post['id']}/revisions/latest.json").json()
    assert latest["username"] == "sync-bot" and latest["wiki_changes"] == {"previous": False, "current": True}
    assert latest["wiki"] is True
    assert double.post(post["id"]).raw == BODY  # type: ignore[union-attr]
    _wiki(api, post["id"], "false")  # undone within the grace period: the revision goes, the version steps back
    assert _post(api, post["id"])["version"] == 1 and double.revisions_of(post["id"]) == []


def test_the_toggle_refuses_as_discourse_does(api: Api, alice: Api, double: DiscourseDouble, category: int) -> None:
    post = _topic(api, category)
    missing = api.put(f"/posts/{post['id']}/wiki", data={})
    assert missing.status_code == 400 and missing.json() == {"errors": ["param is missing or the value is empty: wiki"]}
    json_false = api.put(f"/posts/{post['id']}/wiki", json={"wiki": False})  # blank to Rails' params.require
    assert json_false.status_code == 400
    refused = alice.put(f"/posts/{post['id']}/wiki", data={"wiki": "true"})  # trust level 1, not her post
    assert refused.status_code == 403 and refused.json() == INVALID_ACCESS
    assert api.put("/posts/999/wiki", data={"wiki": "true"}).status_code == 404
    anonymous = Api(double, None, None).put(f"/posts/{post['id']}/wiki", data={"wiki": "true"})
    assert anonymous.status_code == 403 and anonymous.json()["error_type"] == "not_logged_in"
    assert _post(api, post["id"])["wiki"] is False


def test_authors_of_trust_level_3_may_wiki_their_own_posts_only(
    api: Api, double: DiscourseDouble, category: int
) -> None:
    double.add_user("carol", trust_level=3)
    carol = Api(double, "carol", double.api_key_for("carol"))
    own = double.create_topic_as("carol", "Carol shares her coaching notes", BODY, category)
    _wiki(carol, own.id)
    other = _topic(api, category)
    assert carol.put(f"/posts/{other['id']}/wiki", data={"wiki": "true"}).status_code == 403


def test_members_edit_a_wiki_post_only_once_it_is_one(api: Api, double: DiscourseDouble, category: int) -> None:
    post = _topic(api, category)
    changed = BODY.replace("weekly", "monthly")
    before = member_edit(double, "alice", post["id"], changed)
    assert before.status_code == 403 and before.json() == INVALID_ACCESS
    _wiki(api, post["id"])
    after = member_edit(double, "alice", post["id"], changed, edit_reason="clearer cadence")
    assert after.status_code == 200, after.text
    assert after.json()["post"]["version"] == 2  # another user than the last editor: a new version at once
    latest = api.get(f"/posts/{post['id']}/revisions/latest.json").json()
    assert (latest["username"], latest["edit_reason"]) == ("alice", "clearer cadence")
    assert double.post(post["id"]).raw == changed  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("trust_level", "setting", "allowed"),
    [(0, "1", False), (1, "1", True), (1, "2", False), (2, "2", True)],
)
def test_the_trust_level_a_wiki_edit_needs(trust_level: int, setting: str, allowed: bool, category: int) -> None:
    double = DiscourseDouble(settings={"min_trust_to_edit_wiki_post": setting}, admin_rate_limit=(1000, 6.0))
    double.add_user("sync-bot", admin=True)
    double.add_user("dana", trust_level=trust_level)
    with double:
        cid = double.create_category("Playbooks", slug="playbooks").id
        api = Api(double, "sync-bot", double.api_key_for("sync-bot"))
        post = _topic(api, cid)
        _wiki(api, post["id"])
        response = member_edit(double, "dana", post["id"], BODY + " One more step.")
        assert response.status_code == (200 if allowed else 403), response.text


def test_no_wiki_edit_where_the_member_may_not_post(api: Api, double: DiscourseDouble, category: int) -> None:
    post = _topic(api, category)
    _wiki(api, post["id"])
    double.set_category_permissions(category, {"everyone": 3})  # members may see, not reply
    assert member_edit(double, "alice", post["id"], BODY + " One more step.").status_code == 403
    double.set_category_permissions(category, {"everyone": 2})
    assert member_edit(double, "alice", post["id"], BODY + " One more step.").status_code == 200
    double.set_topic_status(post["topic_id"], "archived", True)
    assert member_edit(double, "alice", post["id"], BODY + " Two more steps.").status_code == 403


def test_a_wiki_editor_changes_the_text_not_the_title(api: Api, alice: Api, category: int) -> None:
    post = _topic(api, category)
    _wiki(api, post["id"])
    data = {"post[raw]": BODY + " One more step.", "title": "A title alice would rather have"}
    assert alice.put(f"/posts/{post['id']}.json", data=data).status_code == 403


def test_an_old_wiki_post_stays_open_to_members_while_their_own_old_posts_close(
    api: Api, double: DiscourseDouble, category: int
) -> None:
    post = _topic(api, category)
    _wiki(api, post["id"])
    own = double.create_topic_as("alice", "Alice keeps her own notes", BODY, category)
    day = 1441 * 60
    double.age_post(post["id"], day)
    double.age_post(own.id, day)
    assert member_edit(double, "alice", post["id"], BODY + " One more step.").status_code == 200
    late = member_edit(double, "alice", own.id, BODY + " One more step.")
    assert late.status_code == 422 and late.json() == {"errors": ["Sorry, it's too late to edit that post."]}


def test_a_members_edits_fold_within_the_grace_period_and_not_across_editors(
    api: Api, double: DiscourseDouble, category: int
) -> None:
    post = _topic(api, category)
    _wiki(api, post["id"])
    double.age_post(post["id"], 301)
    first = BODY + " " + "a" * 59  # out of the toggle's grace period: a new version
    assert member_edit(double, "alice", post["id"], first).json()["post"]["version"] == 2
    second = first + " " + "b" * 59  # 60 characters from the version's text: folded (trust level 1: 100)
    assert member_edit(double, "alice", post["id"], second).json()["post"]["version"] == 2
    third = second + " " + "c" * 59  # 120 from the version's text: a new version
    assert member_edit(double, "alice", post["id"], third).json()["post"]["version"] == 3
    fourth = third + " d"
    assert member_edit(double, "bob", post["id"], fourth).json()["post"]["version"] == 4  # another editor
    assert member_edit(double, "alice", post["id"], fourth + " e").json()["post"]["version"] == 5
    revisions = double.revisions_of(post["id"])
    assert [(r.number, r.username) for r in revisions] == [(2, "alice"), (3, "alice"), (4, "bob"), (5, "alice")]
    assert (revisions[0].raw_before, revisions[0].raw_after) == (BODY, second)


def test_a_new_edit_reason_starts_a_new_version(api: Api, double: DiscourseDouble, category: int) -> None:
    post = _topic(api, category)
    _wiki(api, post["id"])
    double.age_post(post["id"], 301)
    assert member_edit(double, "alice", post["id"], BODY + " x").json()["post"]["version"] == 2
    again = member_edit(double, "alice", post["id"], BODY + " xy", edit_reason="typo")
    assert again.json()["post"]["version"] == 3


def test_a_wiki_posts_history_stays_public_when_other_histories_are_not(
    api: Api, alice: Api, double: DiscourseDouble, category: int
) -> None:
    post = _topic(api, category)
    double.age_post(post["id"], 301)
    _wiki(api, post["id"])
    double.state.settings["edit_history_visible_to_public"] = False
    assert alice.get(f"/posts/{post['id']}/revisions/latest.json").status_code == 200
    _wiki(api, post["id"], "false")
    double.age_post(post["id"], 301)
    assert member_edit(double, "alice", post["id"], BODY).status_code == 403  # no longer a wiki
    assert alice.get(f"/posts/{post['id']}/revisions/latest.json").status_code == 403
