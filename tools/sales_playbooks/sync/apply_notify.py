"""Carry out a group's notification settings exactly as planned: one PUT /groups/{id}.json."""

from __future__ import annotations

from typing import Any

from .actions import Result, SetGroupNotifications
from .client import ForumClient


def set_group_notifications(client: ForumClient, action: SetGroupNotifications) -> Result:
    """Sends the group's name (the API asks for it), every default level list when they change, and who may
    mention the group when that changes. Raises ForumError when the forum refuses."""
    if action.group_id is None or action.category_id is None:
        return Result(action, False, f"group '{action.group}' or category '{action.category}' does not exist yet")
    fields: dict[str, Any] = {"name": action.group}
    if action.levels is not None:
        fields.update({f"{level}_category_ids": list(ids) for level, ids in action.levels})
    if action.mentionable_level is not None:
        fields["mentionable_level"] = action.mentionable_level
    client.update_group(action.group_id, fields, action.update_existing_users if action.levels is not None else None)
    return Result(action, True, f"set {action.what}")
