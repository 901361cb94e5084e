"""Categories, groups, memberships and site settings."""

from __future__ import annotations

import pytest

from tests.discourse_double import DiscourseDouble

from .conftest import Api, spec_ok


def test_create_category_form_permissions(api: Api, double: DiscourseDouble) -> None:
    double.create_group("playbook-team", ["alice"])
    response = api.post(
        "/categories.json",
        data={"name": "Team Playbooks", "color": "0088CC", "text_color": "FFFFFF", "permissions[playbook-team]": "1"},
    )
    body = spec_ok("post", "/categories.json", response)["category"]
    assert body["slug"] == "team-playbooks" and body["read_restricted"] is True
    assert body["group_permissions"] == [
        {"permission_type": 1, "group_name": "playbook-team", "group_id": double.group("playbook-team").id}  # type: ignore[union-attr]
    ]
    definition = double.topic(double.category(body["id"]).topic_id)  # type: ignore[arg-type, union-attr]
    assert definition is not None and definition.title == "About the Team Playbooks category"


def test_create_category_json_public_and_duplicates(api: Api) -> None:
    response = api.post("/categories.json", json={"name": "Open", "color": "FF0000", "permissions": {"everyone": 1}})
    body = spec_ok("post", "/categories.json", response)["category"]
    assert body["read_restricted"] is False
    dup = api.post("/categories.json", json={"name": "open", "permissions": {"everyone": 1}})
    assert dup.status_code == 422 and dup.json() == {"errors": ["Category Name has already been taken"]}
    missing = api.post("/categories.json", json={"color": "FF0000"})
    assert missing.status_code == 400 and missing.json()["errors"] == ["param is missing or the value is empty: name"]
    unknown_group = api.post("/categories.json", json={"name": "Ghosts", "permissions": {"ghosts": 1}})
    assert unknown_group.status_code == 422 and unknown_group.json() == {"errors": ["unknown group"]}
    slug_taken = api.post("/categories.json", json={"name": "Other", "slug": "open"})
    assert slug_taken.json() == {"errors": ["Slug is already in use"]}
    bad_color = api.post("/categories.json", json={"name": "Colors", "color": "#GGGGGG"})
    assert bad_color.status_code == 422


def test_create_category_without_permissions_is_staff_only(api: Api, alice: Api, double: DiscourseDouble) -> None:
    response = api.post("/categories.json", json={"name": "Unsaid", "color": "FF0000"})
    body = spec_ok("post", "/categories.json", response)["category"]
    assert body["read_restricted"] is True and body["group_permissions"] == []
    assert "Unsaid" in [c["name"] for c in api.get("/categories.json").json()["category_list"]["categories"]]
    assert "Unsaid" not in [c["name"] for c in alice.get("/categories.json").json()["category_list"]["categories"]]
    anonymous = Api(double, None, None)
    assert "Unsaid" not in [c["name"] for c in anonymous.get("/categories.json").json()["category_list"]["categories"]]
    assert alice.get(f"/c/{body['id']}/show.json").status_code in (403, 404)
    cleared = api.put(f"/categories/{body['id']}.json", json={"name": "Unsaid", "permissions": ""})
    assert cleared.json()["category"]["read_restricted"] is True


def test_update_category(api: Api, double: DiscourseDouble) -> None:
    category = double.create_category("Drafts")
    response = api.put(f"/categories/{category.id}.json", json={"name": "Published", "color": "00FF00"})
    body = spec_ok("put", "/categories/{id}.json", response)
    assert body["success"] == "OK" and body["category"]["name"] == "Published"
    assert body["category"]["slug"] == "drafts"  # an existing slug is kept
    assert api.put("/categories/999.json", json={"name": "x"}).status_code == 404


def test_regular_user_cannot_manage_categories(alice: Api, double: DiscourseDouble) -> None:
    assert alice.post("/categories.json", json={"name": "Mine"}).status_code == 403
    category = double.create_category("Theirs")
    assert alice.put(f"/categories/{category.id}.json", json={"name": "Mine"}).status_code == 403


def test_create_group_and_rules(api: Api, double: DiscourseDouble) -> None:
    response = api.post(
        "/admin/groups.json",
        json={
            "group": {
                "name": "playbook-editors",
                "full_name": "Editors",
                "usernames": "alice,nobody",
                "visibility_level": 2,
            }
        },
    )
    body = spec_ok("post", "/admin/groups.json", response)["basic_group"]
    assert body["name"] == "playbook-editors" and body["user_count"] == 1
    assert double.group_usernames("playbook-editors") == ["alice"]
    dup = api.post("/admin/groups.json", json={"group": {"name": "Playbook-Editors"}})
    assert dup.status_code == 422 and dup.json() == {"errors": ["Name has already been taken"]}
    clash = api.post("/admin/groups.json", json={"group": {"name": "alice"}})
    assert clash.json() == {"errors": ["Name has already been taken"]}
    assert api.post("/admin/groups.json", json={}).status_code == 400


@pytest.mark.parametrize(
    "name, message",
    [
        ("ab", "Name must be at least 3 characters"),
        ("a" * 21, "Name must be no more than 20 characters"),
        ("bad name", "Name must only include numbers, letters, dashes, dots, and underscores"),
        ("-team", "Name must begin with a letter, a number or an underscore"),
        ("team_", "Name must end with a letter or a number"),
        ("team--x", "Name must not contain a sequence of 2 or more special chars (.-_)"),
        ("teams.json", "Name must not end with a confusing suffix like .json or .png etc."),
    ],
)
def test_group_name_rules(api: Api, name: str, message: str) -> None:
    response = api.post("/admin/groups.json", json={"group": {"name": name}})
    assert response.status_code == 422 and response.json() == {"errors": [message]}


def test_group_members(api: Api, alice: Api, double: DiscourseDouble) -> None:
    group = double.create_group("coaches")
    add = api.put(f"/groups/{group.id}/members.json", json={"usernames": "alice,bob"})
    assert spec_ok("put", "/groups/{id}/members.json", add) == {
        "success": "OK",
        "usernames": ["alice", "bob"],
        "emails": [],
    }
    again = api.put(f"/groups/{group.id}/members.json", json={"usernames": "alice,bob"})
    assert again.status_code == 422 and again.json() == {"errors": ["alice, bob are already members of this group."]}
    one = api.put(f"/groups/{group.id}/members.json", data={"usernames": "alice"})
    assert one.json() == {"errors": ["alice is already a member of this group."]}
    unknown = api.put(f"/groups/{group.id}/members.json", json={"usernames": "alice,ghost"})
    assert unknown.status_code == 400 and unknown.json()["error_type"] == "invalid_parameters"
    assert api.put(f"/groups/{group.id}/members.json", json={}).status_code == 400
    assert alice.put(f"/groups/{group.id}/members.json", json={"usernames": "sync-bot"}).status_code == 403
    shown = spec_ok("get", "/groups/{name}.json", api.get("/groups/coaches.json"))
    assert shown["group"]["user_count"] == 2
    page = spec_ok("get", "/groups/{name}/members.json", api.get("/groups/coaches/members.json?limit=1&offset=1"))
    assert page["meta"] == {"total": 2, "limit": 1, "offset": 1} and len(page["members"]) == 1
    removed = api.delete(f"/groups/{group.id}/members.json", json={"usernames": "bob"})
    assert spec_ok("delete", "/groups/{id}/members.json", removed) == {
        "success": "OK",
        "usernames": ["bob"],
        "skipped_usernames": [],
    }
    skipped = api.delete(f"/groups/{group.id}/members.json", json={"usernames": "bob"})
    assert skipped.json()["skipped_usernames"] == ["bob"]
    assert api.get("/groups/nothing.json").status_code == 404
    assert api.put("/groups/9999/members.json", json={"usernames": "bob"}).status_code == 404


def test_group_visibility(api: Api, alice: Api, double: DiscourseDouble) -> None:
    double.create_group("secret-team", ["bob"], visibility_level=2)
    assert alice.get("/groups/secret-team.json").status_code == 404
    assert api.get("/groups/secret-team.json").status_code == 200


def test_site_settings(api: Api, alice: Api) -> None:
    body = api.get("/admin/site_settings.json").json()
    values = {row["setting"]: row["value"] for row in body["site_settings"]}
    assert values["min_topic_title_length"] == "15" and values["max_tags_per_topic"] == "5"
    assert values["allow_uncategorized_topics"] == "false"
    assert alice.get("/admin/site_settings.json").status_code == 404
    assert alice.post("/admin/groups.json", json={"group": {"name": "sneaky"}}).status_code == 404


def test_settings_overrides_are_enforced() -> None:
    double = DiscourseDouble(settings={"min_topic_title_length": 5, "max_tags_per_topic": 2})
    double.add_user("sync-bot", admin=True)
    category = double.create_category("Short").id
    with double:
        api = Api(double, "sync-bot", double.api_key_for("sync-bot"))
        assert api.create_topic("Tiny title", category=category).status_code == 200
        too_many = api.create_topic("Other tiny title", category=category, tags=["a", "b", "c"])
        assert too_many.status_code == 422
    with pytest.raises(ValueError):
        DiscourseDouble(settings={"no_such_setting": 1})
