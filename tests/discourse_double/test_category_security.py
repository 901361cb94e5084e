"""A category's security: group_permissions on the show endpoint, and an admin widening it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.discourse_double import DiscourseDouble

from .conftest import BODY, Api, spec_ok


def _show(api: Api, category_id: int) -> dict[str, Any]:
    category: dict[str, Any] = spec_ok("get", "/c/{id}/show.json", api.get(f"/c/{category_id}/show.json"))["category"]
    return category


@pytest.fixture
def cohort(double: DiscourseDouble) -> int:
    """A cohort's space as the sync makes it: its group and staff, full access, nobody else."""
    double.create_group("cohort-spring", ["bob"])
    return double.create_category("Spring cohort", permissions={"cohort-spring": 1, "staff": 1}).id


def test_show_lists_group_permissions_by_group_name(api: Api, double: DiscourseDouble, cohort: int) -> None:
    shown = _show(api, cohort)
    group_id = double.group("cohort-spring").id  # type: ignore[union-attr]
    assert shown["group_permissions"] == [
        {"permission_type": 1, "group_name": "cohort-spring", "group_id": group_id},
        {"permission_type": 1, "group_name": "staff", "group_id": 3},
    ]
    assert shown["read_restricted"] is True
    assert "cohort-spring" not in shown["available_groups"] and "everyone" in shown["available_groups"]


def test_a_public_category_shows_everyone_with_full_access(api: Api, category: int) -> None:
    shown = _show(api, category)
    assert shown["group_permissions"] == [{"permission_type": 1, "group_name": "everyone", "group_id": 0}]
    assert shown["read_restricted"] is False


def test_only_those_who_may_edit_the_category_see_its_permissions(
    api: Api, alice: Api, double: DiscourseDouble, category: int, cohort: int
) -> None:
    shown = _show(alice, category)
    assert "group_permissions" not in shown and "available_groups" not in shown
    bob = Api(double, "bob", double.api_key_for("bob"))
    assert "group_permissions" not in _show(bob, cohort)
    assert alice.get(f"/c/{cohort}/show.json").status_code == 403


def test_an_admin_adding_trust_level_0_keeps_read_restricted(
    api: Api, alice: Api, double: DiscourseDouble, cohort: int
) -> None:
    """Every signed-in user can now read the category, yet read_restricted stays true."""
    topic = double.create_topic_as("sync-bot", "Week one of the spring cohort", BODY, cohort)
    assert alice.get(f"/t/{topic.topic_id}.json").status_code == 404
    widened = double.grant_category_access(cohort, "trust_level_0")
    assert widened.read_restricted is True
    shown = _show(api, cohort)
    assert shown["read_restricted"] is True
    assert [(p["group_name"], p["permission_type"]) for p in shown["group_permissions"]] == [
        ("cohort-spring", 1),
        ("staff", 1),
        ("trust_level_0", 1),
    ]
    listed = api.get("/categories.json?include_subcategories=true").json()["category_list"]["categories"]
    assert next(c for c in listed if c["id"] == cohort)["read_restricted"] is True
    assert alice.get(f"/t/{topic.topic_id}.json").status_code == 200
    assert Api(double, None, None).get(f"/t/{topic.topic_id}.json").status_code == 404  # anonymous: still not


def test_an_everyone_entry_clears_read_restricted(api: Api, alice: Api, double: DiscourseDouble, cohort: int) -> None:
    readonly = double.grant_category_access(cohort, "everyone", 3)
    assert readonly.read_restricted is False
    assert [(p["group_name"], p["permission_type"]) for p in _show(api, cohort)["group_permissions"]] == [
        ("cohort-spring", 1),
        ("everyone", 3),
        ("staff", 1),
    ]
    topic = double.create_topic_as("sync-bot", "Week two of the spring cohort", BODY, cohort)
    assert Api(double, None, None).get(f"/t/{topic.topic_id}.json").status_code == 200
    public = double.grant_category_access(cohort, "everyone", 1)
    assert public.read_restricted is False and public.permissions == {"everyone": 1}  # no group rows kept
    assert _show(api, cohort)["group_permissions"] == [{"permission_type": 1, "group_name": "everyone", "group_id": 0}]


def test_restricting_again_through_the_admin_operation(api: Api, alice: Api, double: DiscourseDouble) -> None:
    double.create_group("cohort-fall", ["bob"])
    category = double.create_category("Fall cohort", permissions={"everyone": 1})
    restricted = double.set_category_permissions(category.id, {"cohort-fall": 1, "staff": 1})
    assert restricted.read_restricted is True
    assert alice.get(f"/c/{category.id}/show.json").status_code == 403
    with pytest.raises(KeyError):
        double.grant_category_access(9999, "trust_level_0")


def test_permissions_sent_over_http_are_resolved_the_same_way(api: Api, double: DiscourseDouble) -> None:
    double.create_group("cohort-winter", [])
    created = api.post(
        "/categories.json", json={"name": "Winter cohort", "permissions": {"cohort-winter": 1, "everyone": 2}}
    )
    body = spec_ok("post", "/categories.json", created)["category"]
    assert body["read_restricted"] is False
    assert [(p["group_name"], p["permission_type"]) for p in body["group_permissions"]] == [
        ("cohort-winter", 1),
        ("everyone", 2),
    ]
    updated = api.put(f"/categories/{body['id']}.json", json={"permissions": {"cohort-winter": 1, "trust_level_0": 3}})
    category = spec_ok("put", "/categories/{id}.json", updated)["category"]
    assert category["read_restricted"] is True
    assert [p["group_name"] for p in category["group_permissions"]] == ["cohort-winter", "trust_level_0"]
