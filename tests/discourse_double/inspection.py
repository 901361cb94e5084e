"""In-process reads and forum-people helpers of :class:`DiscourseDouble`.

Reads return deep copies taken under the state lock.  The helpers act as a
named user through the same operations and validations as the HTTP API (they
raise :class:`~tests.discourse_double.errors.ApiError` on refusal) but skip
faults, the request log and the per-user/admin rate limits.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from . import errors as E
from .models import Category, Group, Notification, Post, Revision, Topic, User, utcnow
from .ops_categories import create_category, update_category
from .ops_groups import add_members, create_group
from .ops_posts import create_post, like, update_post
from .ops_topics import set_status, soft_delete

if TYPE_CHECKING:  # pragma: no cover
    from .forum import Forum
    from .state import ForumState


T = TypeVar("T")


class InspectionMixin:
    state: ForumState
    forum: Forum

    def _user(self, username: str) -> User:  # pragma: no cover - provided by the double
        raise NotImplementedError

    def _snapshot(self, value: T) -> T:
        with self.state.lock:
            return copy.deepcopy(value)

    # reads -------------------------------------------------------------------
    @property
    def settings(self) -> dict[str, Any]:
        return dict(self.state.settings)

    def topics(self, include_deleted: bool = True) -> list[Topic]:
        with self.state.lock:
            found = [t for t in self.state.topics.values() if include_deleted or t.deleted_at is None]
            return copy.deepcopy(sorted(found, key=lambda t: t.id))

    def topic(self, topic_id: int) -> Topic | None:
        return self._snapshot(self.state.topics.get(topic_id))

    def topic_by_external_id(self, external_id: str) -> Topic | None:
        """Exact match first, then case-insensitive; soft-deleted topics included."""
        with self.state.lock:
            topics = list(self.state.topics.values())
            found = next((t for t in topics if t.external_id == external_id), None)
            if found is None:
                lower = external_id.lower()
                found = next((t for t in topics if (t.external_id or "").lower() == lower), None)
            return copy.deepcopy(found)

    def posts_of(self, topic_id: int) -> list[Post]:
        with self.state.lock:
            topic = self.state.topics.get(topic_id)
            return copy.deepcopy(self.state.posts_of(topic)) if topic else []

    def post(self, post_id: int) -> Post | None:
        return self._snapshot(self.state.posts.get(post_id))

    def revisions_of(self, post_id: int) -> list[Revision]:
        with self.state.lock:
            post = self.state.posts.get(post_id)
            return copy.deepcopy(post.revisions) if post else []

    def categories(self) -> list[Category]:
        with self.state.lock:
            return copy.deepcopy(sorted(self.state.categories.values(), key=lambda c: c.id))

    def category(self, category_id: int) -> Category | None:
        return self._snapshot(self.state.categories.get(category_id))

    def groups(self, include_automatic: bool = False) -> list[Group]:
        with self.state.lock:
            found = [g for g in self.state.groups.values() if include_automatic or not g.automatic]
            return copy.deepcopy(sorted(found, key=lambda g: g.id))

    def group(self, name: str) -> Group | None:
        with self.state.lock:
            return copy.deepcopy(self.state.group_by_name(name))

    def group_usernames(self, name: str) -> list[str]:
        with self.state.lock:
            group = self.state.group_by_name(name)
            if group is None:
                return []
            return sorted(self.state.users[u].username for u in self.state.group_member_ids(group))

    def users(self) -> list[User]:
        with self.state.lock:
            return copy.deepcopy(sorted(self.state.users.values(), key=lambda u: u.id))

    def tags(self) -> list[str]:
        with self.state.lock:
            return sorted(t.name for t in self.state.tags.values())

    def notifications_of(self, username: str) -> list[Notification]:
        """What a user has been told of, oldest first."""
        with self.state.lock:
            user_id = self._user(username).id
            return copy.deepcopy([n for n in self.state.notifications if n.user_id == user_id])

    def category_level(self, username: str, category_id: int) -> int | None:
        """The user's notification level for a category (None: they have none, so 'regular')."""
        with self.state.lock:
            return self.state.category_users.get((self._user(username).id, category_id))

    def set_category_level(self, username: str, category_id: int, level: int) -> None:
        """A user chooses their own level for a category (watching 3, regular 1, muted 0...)."""
        with self.state.lock:
            self.state.category_users[(self._user(username).id, category_id)] = level

    # people in the forum ----------------------------------------------------
    def create_topic_as(
        self,
        username: str,
        title: str,
        raw: str,
        category_id: int | None,
        tags: Iterable[str] | None = None,
        external_id: str | None = None,
    ) -> Post:
        params: dict[str, Any] = {"title": title, "raw": raw}
        if category_id is not None:
            params["category"] = str(category_id)
        if tags is not None:
            params["tags"] = list(tags)
        if external_id is not None:
            params["external_id"] = external_id
        with self.state.lock:
            post = create_post(self.forum, self._user(username), params, enforce_limits=False)
            return copy.deepcopy(post)

    def post_reply(self, username: str, topic_id: int, raw: str) -> Post:
        with self.state.lock:
            params = {"topic_id": str(topic_id), "raw": raw}
            post = create_post(self.forum, self._user(username), params, enforce_limits=False)
            return copy.deepcopy(post)

    def like(self, username: str, post_id: int) -> Post:
        with self.state.lock:
            params = {"id": str(post_id), "post_action_type_id": "2"}
            return copy.deepcopy(like(self.forum, self._user(username), params))

    def edit_first_post_as(self, username: str, topic_id: int, new_raw: str, edit_reason: str | None = None) -> Post:
        with self.state.lock:
            topic = self.state.topics.get(topic_id)
            if topic is None:
                raise E.not_found()
            first = self.state.first_post(topic)
            body: dict[str, Any] = {"raw": new_raw}
            if edit_reason is not None:
                body["edit_reason"] = edit_reason
            post = update_post(self.forum, self._user(username), first.id, {"post": body}, enforce=False)
            return copy.deepcopy(post)

    def soft_delete_topic(self, topic_id: int, username: str = "system") -> None:
        with self.state.lock:
            topic = self.state.topics.get(topic_id)
            if topic is None:
                raise KeyError(f"no such topic: {topic_id}")
            if topic.deleted_at is None:
                soft_delete(self.forum, self._user(username), topic)

    def restore_topic(self, topic_id: int) -> None:
        with self.state.lock:
            topic = self.state.topics[topic_id]
            topic.deleted_at = None
            topic.deleted_by_id = None
            self.state.first_post(topic).deleted_at = None

    def set_topic_status(self, topic_id: int, status: str, enabled: bool, username: str = "system") -> None:
        with self.state.lock:
            params = {"status": status, "enabled": "true" if enabled else "false"}
            set_status(self.forum, self._user(username), topic_id, params)

    def add_views(self, topic_id: int, count: int = 1) -> None:
        with self.state.lock:
            self.state.topics[topic_id].views += count

    def age_post(self, post_id: int, seconds: float) -> None:
        """Move a post's creation and last-version times back (to leave the edit grace period)."""
        from datetime import timedelta

        with self.state.lock:
            post = self.state.posts[post_id]
            post.created_at -= timedelta(seconds=seconds)
            post.last_version_at -= timedelta(seconds=seconds)
            if post.original_raw_at is not None:
                post.original_raw_at -= timedelta(seconds=seconds)
            post.updated_at = min(post.updated_at, utcnow())

    def create_category(
        self,
        name: str,
        permissions: dict[str, int] | None = None,
        slug: str | None = None,
        parent_category_id: int | None = None,
        color: str = "0088CC",
    ) -> Category:
        params: dict[str, Any] = {"name": name, "color": color}
        params["permissions"] = {k: str(v) for k, v in (permissions or {"everyone": 1}).items()}
        if slug is not None:
            params["slug"] = slug
        if parent_category_id is not None:
            params["parent_category_id"] = str(parent_category_id)
        with self.state.lock:
            return copy.deepcopy(create_category(self.forum, self._user("system"), params))

    def set_category_permissions(self, category_id: int, permissions: Mapping[str, int]) -> Category:
        """An admin replaces a category's security (``PUT /categories/{id}`` with ``permissions``).

        ``read_restricted`` follows as Discourse computes it: any ``everyone`` entry clears it.
        """
        params = {"permissions": {name: str(ptype) for name, ptype in permissions.items()}}
        with self.state.lock:
            return copy.deepcopy(update_category(self.forum, self._user("system"), category_id, params))

    def set_category_slug(self, category_id: int, slug: str) -> Category:
        """An admin changes a category's slug (``PUT /categories/{id}`` with ``slug``): its address moves."""
        with self.state.lock:
            return copy.deepcopy(update_category(self.forum, self._user("system"), category_id, {"slug": slug}))

    def grant_category_access(self, category_id: int, group_name: str, permission_type: int = 1) -> Category:
        """An admin adds one group (``trust_level_0``, ``everyone``...) to a category's security,
        keeping the groups already there."""
        with self.state.lock:
            category = self.state.categories.get(category_id)
            if category is None:
                raise KeyError(f"no such category: {category_id}")
            permissions = {**category.permissions, group_name: permission_type}
            return self.set_category_permissions(category_id, permissions)

    def create_group(self, name: str, usernames: Iterable[str] = (), visibility_level: int = 0) -> Group:
        body = {"name": name, "usernames": ",".join(usernames), "visibility_level": visibility_level}
        with self.state.lock:
            return copy.deepcopy(create_group(self.forum, self._user("system"), {"group": body}))

    def add_group_members(self, group_name: str, usernames: Iterable[str]) -> None:
        with self.state.lock:
            group = self.state.group_by_name(group_name)
            if group is None:
                raise KeyError(f"no such group: {group_name}")
            params = {"usernames": ",".join(usernames)}
            add_members(self.forum, self._user("system"), group.id, params)
