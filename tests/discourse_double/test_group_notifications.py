"""PUT /groups/{id}.json and what members hear: default levels, update_existing_users, @mentions."""

from __future__ import annotations

from typing import Any

import pytest

from tests.discourse_double import DiscourseDouble

from .conftest import BODY, Api, spec_ok

WATCHING, REGULAR = 3, 1
LEVELS = ("watching", "tracking", "watching_first_post", "regular", "muted")


@pytest.fixture
def space(double: DiscourseDouble) -> tuple[int, int]:
    """(group id, category id): a cohort's group with alice and bob, and its private category."""
    group = double.create_group("cohort-spring", ["alice", "bob"], visibility_level=2)
    category = double.create_category("Spring cohort", permissions={"cohort-spring": 1, "staff": 1})
    return group.id, category.id


def watch(category_id: int, **top: Any) -> dict[str, Any]:
    lists: dict[str, Any] = {f"{level}_category_ids": [] for level in LEVELS}
    lists["watching_category_ids"] = [category_id]
    return {"group": {"name": "cohort-spring", **lists}, **top}


def test_a_change_that_touches_members_needs_update_existing_users(
    api: Api, double: DiscourseDouble, space: tuple[int, int]
) -> None:
    group_id, category_id = space
    refused = api.put(f"/groups/{group_id}.json", json=watch(category_id))
    assert refused.status_code == 422
    assert refused.json()["user_count"] == 2 and refused.json()["errors"]
    assert double.group("cohort-spring").category_defaults == {}  # type: ignore[union-attr]
    done = api.put(f"/groups/{group_id}.json", json=watch(category_id, update_existing_users="true"))
    assert spec_ok("put", "/groups/{id}.json", done) == {"success": "OK"}
    assert double.group("cohort-spring").category_defaults == {category_id: WATCHING}  # type: ignore[union-attr]
    assert [double.category_level(u, category_id) for u in ("alice", "bob")] == [WATCHING, WATCHING]


@pytest.mark.parametrize("flag", [True, "false"])
def test_anything_but_the_text_true_keeps_the_members_as_they_are(
    api: Api, double: DiscourseDouble, space: tuple[int, int], flag: object
) -> None:
    """Rails compares params[:update_existing_users] with "true": a JSON true saves the defaults only."""
    group_id, category_id = space
    done = api.put(f"/groups/{group_id}.json", json=watch(category_id, update_existing_users=flag))
    assert done.status_code == 200, done.text
    assert double.group("cohort-spring").category_defaults == {category_id: WATCHING}  # type: ignore[union-attr]
    assert double.category_level("alice", category_id) is None
    double.add_user("carol")
    double.add_group_members("cohort-spring", ["carol"])  # someone who joins later gets the default
    assert double.category_level("carol", category_id) == WATCHING


def test_a_member_who_chose_a_level_keeps_it(api: Api, double: DiscourseDouble, space: tuple[int, int]) -> None:
    group_id, category_id = space
    double.set_category_level("bob", category_id, REGULAR)
    answer = api.put(f"/groups/{group_id}.json", json=watch(category_id, update_existing_users="true"))
    assert answer.status_code == 200, answer.text
    assert double.category_level("alice", category_id) == WATCHING
    assert double.category_level("bob", category_id) == REGULAR


def test_who_may_change_a_group(api: Api, alice: Api, double: DiscourseDouble, space: tuple[int, int]) -> None:
    group_id, category_id = space
    body = watch(category_id, update_existing_users="true")
    assert alice.put(f"/groups/{group_id}.json", json=body).status_code == 403  # a member, not an owner
    anonymous = Api(double, None, None)
    assert anonymous.put(f"/groups/{group_id}.json", json=body).status_code == 403
    assert api.put("/groups/999.json", json=body).status_code == 404
    assert api.put("/groups/cohort-spring.json", json=body).status_code == 404  # Group.find takes an id
    assert api.put(f"/groups/{group_id}.json", json={"update_existing_users": "true"}).status_code == 400
    bad = api.put(f"/groups/{group_id}.json", json={"group": {"name": "cohort-spring", "mentionable_level": 7}})
    assert bad.status_code == 422 and "Mentionable level" in bad.json()["errors"][0]


def test_only_admins_and_owners_are_shown_the_default_levels(
    api: Api, alice: Api, double: DiscourseDouble, space: tuple[int, int]
) -> None:
    group_id, category_id = space
    api.put(f"/groups/{group_id}.json", json=watch(category_id, update_existing_users="true"))
    shown = spec_ok("get", "/groups/{name}.json", api.get("/groups/cohort-spring.json"))["group"]
    assert shown["watching_category_ids"] == [category_id] and shown["tracking_category_ids"] == []
    seen_by_member = spec_ok("get", "/groups/{name}.json", alice.get("/groups/cohort-spring.json"))["group"]
    assert not any(f"{level}_category_ids" in seen_by_member for level in LEVELS)


def test_watchers_hear_of_new_topics_and_outsiders_never(
    api: Api, double: DiscourseDouble, space: tuple[int, int]
) -> None:
    group_id, category_id = space
    api.put(f"/groups/{group_id}.json", json=watch(category_id, update_existing_users="true"))
    double.add_user("carol")
    double.set_category_level("carol", category_id, WATCHING)  # watches, but cannot see the category
    topic = api.create_topic("Week one of the spring cohort", category=category_id).json()["topic_id"]
    told = [(n.kind, n.topic_id, n.post_number) for n in double.notifications_of("alice")]
    assert told == [("posted", topic, 1)]
    assert double.notifications_of("carol") == [] and double.notifications_of("sync-bot") == []


@pytest.mark.parametrize(("level", "told"), [(0, False), (3, True), (99, True)])
def test_a_group_mention_tells_members_only_when_the_poster_may_mention_it(
    api: Api, double: DiscourseDouble, space: tuple[int, int], level: int, told: bool
) -> None:
    group_id, category_id = space
    answer = api.put(f"/groups/{group_id}.json", json={"group": {"name": "cohort-spring", "mentionable_level": level}})
    assert answer.status_code == 200, answer.text
    api.create_topic("Week two of the spring cohort", raw=f"{BODY} @cohort-spring", category=category_id)
    kinds = [(n.kind, n.group) for n in double.notifications_of("bob")]
    assert kinds == ([("group_mentioned", "cohort-spring")] if told else [])


def test_a_member_may_mention_a_members_mentionable_group_and_an_outsider_may_not(
    api: Api, double: DiscourseDouble, space: tuple[int, int]
) -> None:
    group_id, _category_id = space
    api.put(f"/groups/{group_id}.json", json={"group": {"name": "cohort-spring", "mentionable_level": 3}})
    public = double.create_category("Open talk", permissions={"everyone": 1}).id
    double.add_user("carol")
    carol = Api(double, "carol", double.api_key_for("carol"))
    carol.create_topic("A question for the whole cohort", raw=f"{BODY} @cohort-spring", category=public)
    assert double.notifications_of("alice") == []
    alice = Api(double, "alice", double.api_key_for("alice"))
    alice.create_topic("Our cohort meets on Tuesday", raw=f"{BODY} @cohort-spring", category=public)
    assert [n.kind for n in double.notifications_of("bob")] == ["group_mentioned"]
    assert double.notifications_of("alice") == []  # never told of one's own post


def test_a_group_is_created_mentionable_when_asked(api: Api, double: DiscourseDouble) -> None:
    body = {"group": {"name": "cohort-autumn", "usernames": "alice", "mentionable_level": 3}}
    made = spec_ok("post", "/admin/groups.json", api.post("/admin/groups.json", json=body))["basic_group"]
    assert made["mentionable_level"] == 3
    bad = api.post("/admin/groups.json", json={"group": {"name": "cohort-winter", "mentionable_level": 5}})
    assert bad.status_code == 422
