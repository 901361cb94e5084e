"""Who hears of a post: category watchers and @mentions, and the group defaults that make members watchers.

Discourse's sources: ``GroupUser.set_category_notifications`` (a new member gets the group's default level for
each category, unless they already chose a level that comes later in muted, regular, tracking,
watching_first_post, watching), ``PostAlerter`` (watchers of a category hear of each new topic, and with
``watching`` of each reply; a group @mention tells its members only when the poster may mention the group, and
only for a group of at most ``max_users_notified_per_group_mention`` members) and ``Group.mentionable``
(``mentionable_level`` against the poster: 99 everyone, 1 admins, 2 moderators and admins, 3 also the group's
members, 4 also its owners; 0 nobody). See docs/dev/discourse.md#notifications.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .models import Group, Notification, Post, Topic, User
from .state import ForumState

LEVELS = {"muted": 0, "regular": 1, "tracking": 2, "watching": 3, "watching_first_post": 4}
ORDER = (0, 1, 2, 4, 3)  # the order GroupUser.set_category_notifications walks the levels in
ALIAS_LEVELS = frozenset({0, 1, 2, 3, 4, 99})
MENTION = re.compile(r"(?<![\w@/`])@([\w][\w.-]*[\w]|\w)", re.ASCII)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
INLINE_CODE = re.compile(r"`[^`\n]*`")


def apply_group_defaults(state: ForumState, group: Group, user: User) -> None:
    """A member just joined ``group``: each category default becomes theirs unless they chose a later level."""
    for category_id, level in group.category_defaults.items():
        current = state.category_users.get((user.id, category_id))
        if current is None or ORDER.index(current) <= ORDER.index(level):
            state.category_users[(user.id, category_id)] = level


def may_mention(state: ForumState, group: Group, user: User) -> bool:
    """``Group.mentionable(user)``: whether ``user`` may @mention ``group`` so that its members hear of it."""
    level = group.mentionable_level
    if level == 99 or (level in (1, 2, 3, 4) and user.admin) or (level in (2, 3, 4) and user.moderator):
        return True
    if level == 3:
        return user.id in state.group_member_ids(group)
    if level == 4:
        return any(m.owner and m.user_id == user.id for m in group.members)
    return False


def mentions(raw: str) -> list[str]:
    """The @names in a post, outside code."""
    text = INLINE_CODE.sub(" ", FENCE.sub(" ", raw))
    return list(dict.fromkeys(m.group(1).lower() for m in MENTION.finditer(text)))


def alert(state: ForumState, post: Post, topic: Topic, author: User, can_see: Callable[[User, Topic], bool]) -> None:
    """Record the notifications a new post gives. ``can_see(user, topic)`` is the guardian's visibility check."""
    if post.post_type != 1 or topic.archetype != "regular":
        return
    told: set[int] = {author.id}

    def tell(user_id: int, kind: str, group: str | None = None) -> None:
        user = state.users.get(user_id)
        if user_id in told or user is None or not can_see(user, topic):
            return
        told.add(user_id)
        state.notifications.append(Notification(user_id, kind, topic.id, post.post_number, group))

    if state.settings["enable_mentions"]:
        for name in mentions(post.raw):
            person = state.user_by_username(name)
            if person is not None:
                tell(person.id, "mentioned")
                continue
            group = state.group_by_name(name)
            limit = int(state.settings["max_users_notified_per_group_mention"])
            if group is None or group.automatic or not may_mention(state, group, author):
                continue
            members = state.group_member_ids(group)
            if len(members) <= limit:
                for user_id in sorted(members):
                    tell(user_id, "group_mentioned", group.name)
    if topic.category_id is None:
        return
    wanted = {LEVELS["watching"]} | ({LEVELS["watching_first_post"]} if post.post_number == 1 else set())
    for (user_id, category_id), level in sorted(state.category_users.items()):
        if category_id == topic.category_id and level in wanted:
            tell(user_id, "posted")
