"""Revisions: who made one, the version numbers, the grace period, and a forum that does not answer."""

from __future__ import annotations

from typing import Any

import pytest

from tests.discourse_double import DiscourseDouble

from .conftest import BODY, Api

NOT_FOUND = {"errors": ["The requested URL or resource could not be found."], "error_type": "not_found"}
BIG = ("A completely rewritten playbook body. " * 15).rstrip()  # further than 400 characters from BODY


def _topic(api: Api, category: int, title: str = "Running a deal review meeting") -> dict[str, Any]:
    response = api.create_topic(title, category=category)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _edit(api: Api, post_id: int, raw: str) -> int:
    response = api.put(f"/posts/{post_id}.json", data={"post[raw]": raw})
    assert response.status_code == 200, response.text
    version: int = response.json()["post"]["version"]
    return version


def test_latest_revision_names_the_editor_and_numbers_the_versions(
    api: Api, double: DiscourseDouble, category: int
) -> None:
    double.add_user("Mod-Person", moderator=True)
    moderator = Api(double, "Mod-Person", double.api_key_for("Mod-Person"))
    post = _topic(api, category)
    assert _edit(api, post["id"], BIG) == 2
    assert _edit(moderator, post["id"], BIG + " One sentence more.") == 3  # another user: a new version at once
    latest = api.get(f"/posts/{post['id']}/revisions/latest.json")
    assert latest.status_code == 200 and latest.headers["Content-Type"] == "application/json; charset=utf-8"
    body = latest.json()
    assert (body["username"], body["display_username"]) == ("mod-person", "Mod-Person")  # username_lower
    numbers = {k: body[k] for k in ("first_revision", "previous_revision", "current_revision", "next_revision")}
    assert numbers == {"first_revision": 2, "previous_revision": 2, "current_revision": 3, "next_revision": None}
    assert (body["last_revision"], body["current_version"], body["version_count"]) == (3, 3, 3)
    assert body["post_id"] == post["id"] and body["avatar_template"].startswith("/letter_avatar_proxy/")
    second = api.get(f"/posts/{post['id']}/revisions/2.json").json()
    assert second["username"] == "sync-bot" and second["previous_revision"] is None and second["next_revision"] == 3
    assert api.get(f"/posts/{post['id']}/revisions/0.json").json()["error_type"] == "invalid_parameters"


def test_a_never_revised_post_has_no_latest_revision(api: Api, category: int) -> None:
    post = _topic(api, category)
    response = api.get(f"/posts/{post['id']}/revisions/latest.json")
    assert response.status_code == 404 and response.json() == NOT_FOUND


def test_small_edits_fold_until_they_stray_too_far_from_the_versions_text(
    double: DiscourseDouble, category: int
) -> None:
    """The grace-period diff is measured from the text the version started with, not the last edit."""
    alice = Api(double, "alice", double.api_key_for("alice"))  # trust level 1: 100 characters of grace
    post = double.create_topic_as("alice", "Alice keeps her own notes", BODY, category)
    first = BODY + " " + "x" * 59
    assert _edit(alice, post.id, first) == 1  # 60 characters from the original: folded
    assert double.revisions_of(post.id) == []
    second = first + " " + "y" * 59
    assert _edit(alice, post.id, second) == 2  # 60 more, 120 from the original: a new version
    revision = double.revisions_of(post.id)[-1]
    assert (revision.raw_before, revision.raw_after) == (BODY, second)


def test_an_edit_undone_in_the_grace_period_leaves_no_revision(
    api: Api, double: DiscourseDouble, category: int
) -> None:
    post = _topic(api, category)
    double.age_post(post["id"], 301)  # out of the creation's grace period
    changed = BODY.replace("weekly", "monthly")
    assert _edit(api, post["id"], changed) == 2
    created_at = double.revisions_of(post["id"])[-1].created_at
    assert _edit(api, post["id"], changed + " Really.") == 2  # folded: the revision keeps its time
    assert double.revisions_of(post["id"])[-1].created_at == created_at
    assert _edit(api, post["id"], BODY) == 1  # back to the version's text: the revision is gone
    assert double.revisions_of(post["id"]) == []
    assert api.get(f"/posts/{post['id']}/revisions/latest.json").status_code == 404


def test_another_users_edit_is_a_new_version_even_in_the_grace_period(
    api: Api, double: DiscourseDouble, category: int
) -> None:
    double.add_user("moderator-one", moderator=True)
    post = _topic(api, category)
    double.edit_first_post_as("moderator-one", post["topic_id"], BODY + " Small fix.")
    assert double.post(post["id"]).version == 2  # type: ignore[union-attr]
    latest = api.get(f"/posts/{post['id']}/revisions/latest.json").json()
    assert latest["username"] == "moderator-one" and latest["current_revision"] == 2


@pytest.mark.parametrize(
    "status, html, content_type, error_type",
    [
        (404, False, "application/json; charset=utf-8", "not_found"),
        (404, True, "text/html; charset=utf-8", None),
        (403, False, "application/json; charset=utf-8", "invalid_access"),
        (400, False, "application/json; charset=utf-8", "invalid_parameters"),
    ],
)
def test_the_revision_routes_can_be_switched_off(
    api: Api, double: DiscourseDouble, category: int, status: int, html: bool, content_type: str, error_type: str
) -> None:
    """As an older forum, a plugin or a proxy would answer; the rest of the forum is unchanged."""
    post = _topic(api, category)
    _edit(api, post["id"], BIG)
    double.refuse_revisions(status, html=html)
    for path in (f"/posts/{post['id']}/revisions/latest.json", f"/posts/{post['id']}/revisions/2.json"):
        refused = api.get(path)
        assert refused.status_code == status and refused.headers["Content-Type"] == content_type
        if error_type:
            assert refused.json()["error_type"] == error_type
    assert api.get(f"/posts/{post['id']}.json").json()["version"] == 2
    double.serve_revisions()
    assert api.get(f"/posts/{post['id']}/revisions/latest.json").json()["username"] == "sync-bot"


def test_edit_history_hidden_from_the_public(api: Api, alice: Api, double: DiscourseDouble, category: int) -> None:
    post = _topic(api, category)
    _edit(api, post["id"], BIG)
    double.state.settings["edit_history_visible_to_public"] = False
    assert alice.get(f"/posts/{post['id']}/revisions/latest.json").status_code == 403
    assert api.get(f"/posts/{post['id']}/revisions/latest.json").status_code == 200  # staff still see it
    # the raw text of a revision follows the same rule (posts#markdown_num, guardian.ensure_can_see!)
    assert alice.get(f"/raw/{post['topic_id']}/1?revision=2").status_code == 403
    shown = api.get(f"/raw/{post['topic_id']}/1?revision=2")
    assert shown.status_code == 200 and shown.text == BIG
