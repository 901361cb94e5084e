"""How members hear of each new week: their group watches its category, or the sync may @mention the group.

Discourse keeps a group's default notification level for each category (`<level>_category_ids`, shown to
admins and the group's owners) and gives it to everyone who joins the group later; PUT /groups/{id}.json with
`update_existing_users=true` gives it to the members already there (docs/dev/discourse.md#notifications). The
step reads nothing itself when the space step before it read the group; it sends all five lists, so other
categories' defaults stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..cohorts.model import NOTIFY_MENTION, NOTIFY_WATCHING, Cohort
from .actions import Action, SetGroupNotifications
from .scopes import Reading, Scope
from .spaces import MENTIONABLE, ScopePlan

LEVELS = ("watching", "tracking", "watching_first_post", "regular", "muted")  # NotificationLevels' names
ADMIN_MAY_MENTION = frozenset({1, 2, 3, 4, 99})  # Group::ALIAS_LEVELS that include admins (0 is nobody)


@dataclass(frozen=True)
class NotifyView:
    group: dict[str, Any]  # as the forum shows it; {} for a group this run made and has not read
    group_id: int | None  # None: not made yet (a dry run)
    category_id: int | None  # None: not made yet (a dry run)
    shown: bool  # the group was read, so missing level lists mean the forum hid them


class GroupNotify(Scope[NotifyView]):
    """One group's notification settings for one category, as the cohort file's `notify` asks."""

    def __init__(self, name: str, needs: str, group: str, category: str, mode: str, mentionable: int | None) -> None:
        self.name, self.needs, self.contained, self.all_or_nothing = name, needs, True, True
        self.group, self.category, self.mode = group, category, mode
        self.created_mentionable = mentionable  # what a group made in this run was made with

    def read(self, reading: Reading) -> NotifyView:
        categories = reading.categories
        shown = categories.shown.get(self.category)
        category_id = shown.id if shown is not None else reading.state.categories.get(self.category)
        seen = reading.groups.get(self.group)
        if seen is not None:
            return NotifyView(seen, int(seen["id"]), category_id, True)
        made_now = self.group in reading.groups  # the space step found no group: it made one (unless a dry run)
        if made_now and self.mode != NOTIFY_WATCHING:
            made = {"mentionable_level": self.created_mentionable or 0}
            return NotifyView(made, None, category_id, False)  # nothing to set on a group just made
        found = reading.client.group(self.group)
        reading.groups[self.group] = found
        return NotifyView(found or {}, int(found["id"]) if found else None, category_id, found is not None)

    def plan(self, view: NotifyView) -> ScopePlan:
        return plan_notify(view, self.group, self.category, self.mode)


def level_lists(group: dict[str, Any]) -> dict[str, list[int]] | None:
    """The group's default levels by category id; None when the forum did not show them."""
    found: dict[str, list[int]] = {}
    for level in LEVELS:
        ids = group.get(f"{level}_category_ids")
        if not isinstance(ids, list):
            return None
        found[level] = [int(i) for i in ids]
    return found


def plan_notify(view: NotifyView, group: str, category: str, mode: str) -> ScopePlan:
    """At most one write: the whole set of default levels, and who may mention the group."""
    levels = level_lists(view.group) if view.shown else {level: [] for level in LEVELS}
    if levels is None:
        return ScopePlan(
            refusal=f"the forum does not show the notification settings of group '{group}' to the API user (only "
            "admins and the group's owners see them), so the sync cannot tell whether members are told of new "
            "weeks. Use an admin's API key"
        )
    cid = view.category_id
    watched = cid is not None and cid in levels["watching"]
    new_levels: tuple[tuple[str, tuple[int, ...]], ...] | None = None
    what, existing = [], False
    if mode == NOTIFY_WATCHING and not watched:
        kept = {level: tuple(i for i in ids if i != cid) for level, ids in levels.items()}
        kept["watching"] = (*kept["watching"], *([cid] if cid is not None else []))
        new_levels, existing = tuple(kept.items()), True
        what.append(f"'{group}' watches '{category}': every member is told of each new topic and reply")
    elif mode != NOTIFY_WATCHING and watched:
        new_levels = tuple((level, tuple(i for i in ids if i != cid)) for level, ids in levels.items())
        what.append(f"'{group}' no longer watches '{category}' by default (members keep their own setting)")
    mentionable: int | None = None
    if mode == NOTIFY_MENTION and int(view.group.get("mentionable_level") or 0) not in ADMIN_MAY_MENTION:
        mentionable = MENTIONABLE
        what.append(f"the sync and the members of '{group}' may @mention it in each week's topic")
    if not what:
        return ScopePlan()
    action: Action = SetGroupNotifications(
        group, view.group_id, category, cid, new_levels, existing, mentionable, "; ".join(what)
    )
    return ScopePlan([action])


def cohort_notify(cohort: Cohort) -> GroupNotify:
    """The cohort's group and its category, as the cohort file's `notify` (watching by default) asks."""
    made = MENTIONABLE if cohort.notify == NOTIFY_MENTION else None
    name, needs = f"cohort {cohort.id} notifications", f"cohort {cohort.id}"
    return GroupNotify(name, needs, cohort.group_name, cohort.name, cohort.notify, made)
