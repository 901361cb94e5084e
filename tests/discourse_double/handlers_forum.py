"""Category, group and site-setting routes."""

from __future__ import annotations

from . import errors as E
from .forum import require_user
from .http_types import Request, Response, json_response
from .models import Category
from .ops_categories import create_category, update_category
from .ops_group_settings import update_group
from .ops_groups import add_members, create_group, member_rows, remove_members, visible_group
from .params import as_text
from .serialize_forum import basic_group, full_category, group_member, group_show, list_category
from .settings import site_settings_payload


def categories_index(req: Request) -> Response:
    forum = req.double.forum
    state = forum.state
    guardian = forum.guardian(req.user)
    hidden_uncategorized = not state.settings["allow_uncategorized_topics"]

    def listed(category: Category) -> bool:
        if hidden_uncategorized and category.id == state.settings["uncategorized_category_id"]:
            return False
        return guardian.can_see_category(category)

    tops = sorted(
        (c for c in state.categories.values() if c.parent_category_id is None and listed(c)),
        key=lambda c: (c.position, c.id),
    )
    rows = []
    for category in tops:
        row = list_category(state, guardian, category)
        if as_text(req.params.get("include_subcategories")) == "true":  # categories#index: exactly "true"
            subs = [state.categories[i] for i in state.subcategory_ids(category)]
            row["subcategory_list"] = [list_category(state, guardian, s) for s in subs if listed(s)]
        rows.append(row)
    body = {
        "category_list": {
            "can_create_category": guardian.is_admin,
            "can_create_topic": req.user is not None,
            "categories": rows,
        }
    }
    return json_response(body)


def category_show(req: Request) -> Response:
    forum = req.double.forum
    state = forum.state
    key = req.route["key"]
    category = next((c for c in state.categories.values() if c.slug == key), None)
    if category is None and key.isdigit():
        category = state.categories.get(int(key))
    if category is None:
        raise E.not_found()
    guardian = forum.guardian(req.user)
    if not guardian.can_see_category(category):
        raise E.invalid_access()
    return json_response({"category": full_category(state, guardian, category)})


def category_create(req: Request) -> Response:
    forum = req.double.forum
    user = require_user(req.user)
    category = create_category(forum, user, req.params)
    return json_response({"category": full_category(forum.state, forum.guardian(user), category)})


def category_update(req: Request) -> Response:
    forum = req.double.forum
    user = require_user(req.user)
    category = update_category(forum, user, int(req.route["id"]), req.params)
    return json_response({"success": "OK", "category": full_category(forum.state, forum.guardian(user), category)})


def group_create(req: Request) -> Response:
    forum = req.double.forum
    user = require_user(req.user)
    group = create_group(forum, user, req.params)
    return json_response({"basic_group": basic_group(forum.state, forum.guardian(user), group)})


def group_get(req: Request) -> Response:
    forum = req.double.forum
    group = visible_group(forum, req.user, req.route["name"])
    guardian = forum.guardian(req.user)
    names = []
    for other in sorted(forum.state.groups.values(), key=lambda g: g.name):
        if other.id == 0:
            continue
        members = forum.state.group_member_ids(other)
        member = req.user is not None and req.user.id in members
        owner = any(m.owner and req.user is not None and m.user_id == req.user.id for m in other.members)
        if guardian.can_see_group(other.visibility_level, member, owner):
            names.append(other.name)
    return json_response({"group": group_show(forum.state, guardian, group), "extras": {"visible_group_names": names}})


def group_members(req: Request) -> Response:
    forum = req.double.forum
    group = visible_group(forum, req.user, req.route["key"])
    guardian = forum.guardian(req.user)
    members = forum.state.group_member_ids(group)
    is_member = req.user is not None and req.user.id in members
    if not (guardian.is_staff or group.members_visibility_level == 0 or is_member):
        raise E.invalid_access()
    limit_text = as_text(req.params.get("limit")) or "50"
    offset_text = as_text(req.params.get("offset")) or "0"
    if not limit_text.isdigit() or int(limit_text) > 1000:
        raise E.invalid_parameters("limit")
    if not offset_text.isdigit():
        raise E.invalid_parameters("offset")
    limit, offset = int(limit_text), int(offset_text)
    rows = member_rows(forum, group)
    page = rows[offset : offset + limit]
    return json_response(
        {
            "members": [group_member(u, added, forum.state.base_path) for u, added, _owner in page],
            "owners": [group_member(u, added, forum.state.base_path) for u, added, owner in rows if owner],
            "meta": {"total": len(rows), "limit": limit, "offset": offset},
        }
    )


def group_members_add(req: Request) -> Response:
    user = require_user(req.user)
    key = req.route["key"]
    if not key.isdigit():
        raise E.not_found()
    users = add_members(req.double.forum, user, int(key), req.params)
    return json_response({"success": "OK", "usernames": [u.username for u in users], "emails": []})


def group_update(req: Request) -> Response:
    """``groups#update``: Group.find(params[:id]) finds by id only."""
    user = require_user(req.user)
    key = req.route["id"]
    if not key.isdigit():
        raise E.not_found()
    body, status = update_group(req.double.forum, user, int(key), req.params)
    return json_response(body, status)


def group_members_remove(req: Request) -> Response:
    user = require_user(req.user)
    key = req.route["key"]
    if not key.isdigit():
        raise E.not_found()
    removed, skipped = remove_members(req.double.forum, user, int(key), req.params)
    return json_response({"success": "OK", "usernames": removed, "skipped_usernames": skipped})


def site_settings(req: Request) -> Response:
    user = req.user
    if user is None or not user.admin:
        raise E.not_found()
    return json_response(site_settings_payload(req.double.forum.settings))
