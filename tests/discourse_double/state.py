"""The forum's data and the lock that guards it.

Everything that reads or writes the forum holds :attr:`ForumState.lock` (a
re-entrant lock), so each HTTP request and each in-process helper call is one
atomic step, as a database transaction would make it.
"""

from __future__ import annotations

import itertools
import secrets
import threading
from collections.abc import Iterator

from .models import AUTO_GROUPS, ApiKey, Category, Group, Notification, Post, Tag, Topic, User
from .settings import SettingValue


class ForumState:
    def __init__(self, settings: dict[str, SettingValue]):
        self.lock = threading.RLock()
        self.settings = settings
        # Discourse.base_path: "" at the root of a host, "/community" for a subfolder install.
        self.base_path = ""
        self.users: dict[int, User] = {}
        self.groups: dict[int, Group] = {}
        self.categories: dict[int, Category] = {}
        self.topics: dict[int, Topic] = {}
        self.posts: dict[int, Post] = {}
        self.tags: dict[str, Tag] = {}
        self.api_keys: dict[str, ApiKey] = {}
        # CategoryUser: (user id, category id) -> the user's notification level for the category
        self.category_users: dict[tuple[int, int], int] = {}
        self.notifications: list[Notification] = []
        self._user_ids = itertools.count(1)
        self._group_ids = itertools.count(41)
        self._category_ids = itertools.count(2)
        self._topic_ids = itertools.count(1)
        self._post_ids = itertools.count(1)
        self._tag_ids = itertools.count(1)
        for name, gid in AUTO_GROUPS.items():
            self.groups[gid] = Group(id=gid, name=name, automatic=True, visibility_level=1)
        uncategorized = int(settings["uncategorized_category_id"])
        self.categories[uncategorized] = Category(
            id=uncategorized,
            name="Uncategorized",
            slug="uncategorized",
            color="0088CC",
            permissions={"everyone": 1},
        )

    # ids -----------------------------------------------------------------
    def next_user_id(self) -> int:
        return next(self._user_ids)

    def next_group_id(self) -> int:
        return next(self._group_ids)

    def next_category_id(self) -> int:
        cid = next(self._category_ids)
        while cid in self.categories:
            cid = next(self._category_ids)
        return cid

    def next_topic_id(self) -> int:
        return next(self._topic_ids)

    def next_post_id(self) -> int:
        return next(self._post_ids)

    def new_tag(self, name: str) -> Tag:
        tag = Tag(id=next(self._tag_ids), name=name)
        self.tags[name.lower()] = tag
        return tag

    def new_api_key(self, user_id: int | None) -> str:
        key = secrets.token_hex(32)
        self.api_keys[key] = ApiKey(key=key, user_id=user_id)
        return key

    # lookups ---------------------------------------------------------------
    def user_by_username(self, username: str) -> User | None:
        lower = username.lower()
        for user in self.users.values():
            if user.username_lower == lower:
                return user
        return None

    def group_by_name(self, name: str) -> Group | None:
        lower = name.lower()
        for group in self.groups.values():
            if group.name.lower() == lower:
                return group
        return None

    def tag_by_name(self, name: str) -> Tag | None:
        return self.tags.get(name.lower())

    def tag_by_id(self, tag_id: int) -> Tag | None:
        for tag in self.tags.values():
            if tag.id == tag_id:
                return tag
        return None

    def posts_of(self, topic: Topic) -> list[Post]:
        return [self.posts[pid] for pid in topic.post_ids]

    def first_post(self, topic: Topic) -> Post:
        return self.posts[topic.post_ids[0]]

    def live_topics(self) -> Iterator[Topic]:
        return (t for t in self.topics.values() if t.deleted_at is None)

    def group_member_ids(self, group: Group) -> set[int]:
        """Members, computing the automatic groups from user flags as Discourse keeps them."""
        if not group.automatic:
            return {m.user_id for m in group.members}
        users = self.users.values()
        if group.name == "everyone":
            return {u.id for u in users}
        if group.name == "admins":
            return {u.id for u in users if u.admin}
        if group.name == "moderators":
            return {u.id for u in users if u.moderator}
        if group.name == "staff":
            return {u.id for u in users if u.staff}
        level = group.id - 10
        return {u.id for u in users if u.trust_level >= level}

    def groups_of(self, user: User) -> list[Group]:
        return [g for g in self.groups.values() if user.id in self.group_member_ids(g)]

    def subcategory_ids(self, category: Category) -> list[int]:
        return [c.id for c in self.categories.values() if c.parent_category_id == category.id]
