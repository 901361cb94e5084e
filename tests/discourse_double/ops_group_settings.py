"""``groups#update`` (PUT /groups/{id}.json): a group's settings, and its default notification levels.

As ``GroupsController#update`` and ``#user_default_notifications`` do (docs/dev/discourse.md#notifications):
an admin or the group's owner may change it; the fields come under ``group``; fields the controller does not
permit are dropped; ``<level>_category_ids`` lists replace the group's defaults at that level ("-1" stands for
an empty list, unknown category ids are skipped). When the change would touch members already in the group
and ``update_existing_users`` is blank, nothing is saved and the answer is 422 with ``user_count``; with the
text "true" members get the new defaults (those who chose a level for the category keep it), with anything
else they keep what they have. A JSON ``true`` is not the text "true".
"""

from __future__ import annotations

from typing import Any

from . import errors as E
from .forum import Forum
from .models import Group, User
from .notifications import ALIAS_LEVELS, LEVELS
from .params import as_text, present, truthy
from .textutil import username_errors

SIMPLE = ("full_name", "bio_raw", "title")
FLAGS = ("public_admission", "public_exit", "allow_membership_requests")
LEVEL_FIELDS = ("mentionable_level", "messageable_level", "default_notification_level")
STAFF_FIELDS = ("visibility_level", "members_visibility_level")
# Permitted by groups#update but not modelled here: refused loudly rather than ignored.
UNMODELLED = (
    "flair_bg_color",
    "flair_color",
    "flair_icon",
    "flair_upload_id",
    "incoming_email",
    "primary_group",
    "grant_trust_level",
    "automatic_membership_email_domains",
    "publish_read_state",
    "associated_group_ids",
    "membership_request_template",
)


def _int(value: Any, name: str) -> int:
    text = as_text(value)
    if text is None or not text.lstrip("-").isdigit():
        raise E.invalid_parameters(name)
    return int(text)


def _level_lists(forum: Forum, body: dict[str, Any]) -> dict[int, list[int]]:
    """The ``<level>_category_ids`` lists given, by level number; a list of anything but ids is not permitted."""
    given: dict[int, list[int]] = {}
    for name, number in LEVELS.items():
        value = body.get(f"{name}_category_ids")
        if not isinstance(value, list) or any(not isinstance(v, str | int) or isinstance(v, bool) for v in value):
            continue  # Rails' permit(x: []) drops a scalar or a list of objects
        ids = [int(t) if (t := str(v).strip()).lstrip("-").isdigit() else 0 for v in value if str(v) != "-1"]
        given[number] = [i for i in dict.fromkeys(ids) if i in forum.state.categories]
    return given


def _category_changes(group: Group, given: dict[int, list[int]]) -> dict[int, tuple[str, int | None, int | None]]:
    """category id -> (create | update | delete, old level, new level), as user_default_notifications builds it."""
    defaults = dict(group.category_defaults)
    changes: dict[int, tuple[str, int | None, int | None]] = {}
    for level, ids in given.items():
        for cid in ids:
            old = defaults.get(cid)
            if old is None:
                changes[cid] = ("create", None, level)
            elif old == level:
                defaults.pop(cid)
            else:
                changes[cid] = ("update", old, level)
    for cid, old in defaults.items():
        if cid not in changes:
            changes[cid] = ("delete", old, None)
    return changes


def _existing_users(forum: Forum, group: Group, changes: dict[int, tuple[str, int | None, int | None]]) -> set[int]:
    """The members a change would touch (``count_existing_users``)."""
    state = forum.state
    members = state.group_member_ids(group)
    touched: set[int] = set()
    for cid, (action, old, _new) in changes.items():
        if action in ("update", "delete"):
            touched |= {uid for uid in members if state.category_users.get((uid, cid)) == old}
        if action in ("create", "update"):
            touched |= {uid for uid in members if (uid, cid) not in state.category_users}
    return touched


def _update_existing(forum: Forum, group: Group, changes: dict[int, tuple[str, int | None, int | None]]) -> None:
    state = forum.state
    members = state.group_member_ids(group)
    for cid, (action, old, new) in changes.items():
        if action in ("update", "delete"):
            for uid in members:
                if state.category_users.get((uid, cid)) == old:
                    del state.category_users[(uid, cid)]
        if action in ("create", "update") and new is not None:
            for uid in members:
                state.category_users.setdefault((uid, cid), new)


def _attribute_errors(forum: Forum, group: Group, values: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    if "name" in values and values["name"].lower() != group.name.lower():
        errors += ["Name " + m for m in username_errors(values["name"])]
        if not errors and (forum.state.user_by_username(values["name"]) or forum.state.group_by_name(values["name"])):
            errors.append("Name has already been taken")
    for name in ("mentionable_level", "messageable_level"):
        if name in values and values[name] not in ALIAS_LEVELS:
            errors.append(f"{name.replace('_', ' ').capitalize()} is not included in the list")
    for name in STAFF_FIELDS:
        if name in values and not 0 <= values[name] <= 4:
            errors.append(f"{name.replace('_', ' ').capitalize()} is invalid")
    if "full_name" in values and values["full_name"] and len(values["full_name"]) > 100:
        errors.append("Full name is too long (maximum is 100 characters)")
    return errors


def update_group(forum: Forum, user: User, group_id: int, params: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """(answer, status): ``{"success": "OK"}``, or 422 ``{"user_count", "errors"}`` when members would change."""
    group = forum.state.groups.get(group_id)
    if group is None:
        raise E.not_found()
    owner = any(m.owner and m.user_id == user.id for m in group.members)
    if not (user.admin or (owner and not group.automatic)):
        raise E.invalid_access()
    body = params.get("group")
    if not isinstance(body, dict) or not body:
        raise E.param_missing("group")
    for name in UNMODELLED:
        if name in body:
            raise E.unsupported(f"group {name}")
    values: dict[str, Any] = {}
    fields = [*LEVEL_FIELDS, "bio_raw"] if group.automatic else [*LEVEL_FIELDS, *SIMPLE, *FLAGS]
    fields += [*STAFF_FIELDS] if user.staff else []
    fields += ["name"] if user.staff and not group.automatic else []
    for name in fields:
        if name in body:
            value = body[name]
            if name in FLAGS:
                values[name] = truthy(value)
            elif name in (*LEVEL_FIELDS, *STAFF_FIELDS):
                values[name] = _int(value, name)
            else:
                values[name] = as_text(value) or ""
    given = _level_lists(forum, body) if not group.automatic or user.admin else {}
    changes = _category_changes(group, given)
    touched = _existing_users(forum, group, changes)
    new_default = values.get("default_notification_level")
    if new_default is not None and new_default != group.default_notification_level:
        touched |= forum.state.group_member_ids(group)
    existing = params.get("update_existing_users")
    if not present(existing) and touched:
        message = "You supplied invalid parameters to the request: update_existing_users"
        return {"user_count": len(touched), "errors": [message]}, 422
    errors = _attribute_errors(forum, group, values)
    if errors:
        raise E.unprocessable(errors)
    for name, value in values.items():
        setattr(group, name, value)
    for level, ids in given.items():
        for cid in [c for c, lv in group.category_defaults.items() if lv == level and c not in ids]:
            del group.category_defaults[cid]
        for cid in ids:
            group.category_defaults[cid] = level
    if existing == "true":
        _update_existing(forum, group, changes)
    return {"success": "OK"}, 200
