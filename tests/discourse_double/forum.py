"""Shared context of the forum operations: state, per-user limits, helpers."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from .errors import ApiError, rate_limited
from .guardian import Guardian
from .models import Post, Topic, User
from .ratelimit import LimiterRegistry
from .settings import SettingValue
from .state import ForumState
from .textutil import cook, fancy_title, slug_for


class Forum:
    """The state plus the per-user ``RateLimiter``s that Discourse applies to non-staff."""

    def __init__(self, state: ForumState, clock: Callable[[], float] = time.monotonic):
        self.state = state
        self.user_limits = LimiterRegistry(clock)

    @property
    def settings(self) -> dict[str, SettingValue]:
        return self.state.settings

    def setting_int(self, name: str) -> int:
        return int(self.state.settings[name])

    def guardian(self, user: User | None) -> Guardian:
        return Guardian(self.state, user)

    def user_rate_limit(self, user: User, key: str, max_actions: int, secs: float, enforce: bool) -> None:
        """Per-user limits (``rate_limit_create_topic`` etc.); staff are exempt (docs/dev/discourse.md#rate-limits)."""
        if not enforce or user.staff or max_actions <= 0 or secs <= 0:
            return
        limiter = self.user_limits.get(f"{key}:{user.id}", max_actions, secs)
        wait = limiter.performed()
        if wait is not None:
            raise rate_limited(wait, None)

    def check_user_rate_limit(self, user: User, key: str, max_actions: int, secs: float, enforce: bool) -> None:
        """Like :meth:`user_rate_limit` without logging an action (checked before a write)."""
        if not enforce or user.staff or max_actions <= 0 or secs <= 0:
            return
        wait = self.user_limits.get(f"{key}:{user.id}", max_actions, secs).seconds_to_wait()
        if wait:
            raise rate_limited(wait, None)

    # record helpers ---------------------------------------------------------
    def set_title(self, topic: Topic, title: str) -> None:
        topic.title = title
        topic.slug = slug_for(title)
        topic.fancy_title = fancy_title(title)

    def append_post(self, topic: Topic, user: User, when: datetime, **fields: Any) -> Post:
        """A new post at the end of the topic, numbered after its last one; `fields` set the rest."""
        state = self.state
        number = max((state.posts[p].post_number for p in topic.post_ids), default=0) + 1
        post = Post(
            id=state.next_post_id(),
            topic_id=topic.id,
            post_number=number,
            user_id=user.id,
            raw="",
            cooked="",
            created_at=when,
            updated_at=when,
            last_version_at=when,
            last_editor_id=user.id,
            **fields,
        )
        state.posts[post.id] = post
        topic.post_ids.append(post.id)
        return post

    def set_raw(self, post: Post, raw: str) -> None:
        post.raw = raw
        post.cooked = cook(raw)

    def topic_or_404(self, topic_id: int, with_deleted: bool) -> Topic:
        topic = self.state.topics.get(topic_id)
        if topic is None or (topic.deleted_at is not None and not with_deleted):
            from .errors import not_found

            raise not_found()
        return topic


def require_user(user: User | None) -> User:
    if user is None:
        from .errors import not_logged_in

        raise not_logged_in()
    return user


__all__ = ["ApiError", "Forum", "require_user"]
