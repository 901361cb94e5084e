"""Read discussion back from the forum: who posted in a topic, how many replies and likes.

What the forum answers is described in docs/dev/discourse.md#reading-topics-back.

Shared by `playbooks activity` (public topics) and `playbooks report` (cohort topics). Only reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .client import ForumClient
from .transport import ForumError, quote_id

CHUNK = 20  # TopicView::CHUNK_SIZE: the topic view carries the first 20 posts, the rest are fetched by id
REGULAR = 1  # Post.types[:regular]; small actions ("closed", "opened") and whispers are not replies


@dataclass(frozen=True)
class PostInfo:
    number: int
    username: str
    regular: bool
    created_at: str | None


@dataclass(frozen=True)
class TopicPosts:
    """One topic's posts (every one, not only the first chunk) and its counts."""

    id: int
    slug: str
    like_count: int
    last_posted_at: str | None
    posts: tuple[PostInfo, ...]

    @property
    def replies(self) -> tuple[PostInfo, ...]:
        """The people's posts after the first one."""
        return tuple(p for p in self.posts if p.number > 1 and p.regular)

    def repliers(self) -> set[str]:
        """Everyone who replied, lowercased (forum usernames are case-insensitive)."""
        return {p.username.lower() for p in self.replies}

    def url(self, forum_url: str) -> str:
        return f"{forum_url.rstrip('/')}/t/{self.slug or '-'}/{self.id}"


def _post(data: dict[str, Any]) -> PostInfo | None:
    if data.get("deleted_at") or data.get("hidden") or data.get("user_deleted"):
        return None
    return PostInfo(
        number=int(data.get("post_number", 0)),
        username=str(data.get("username", "")),
        regular=int(data.get("post_type", REGULAR)) == REGULAR and not data.get("action_code"),
        created_at=data.get("created_at"),
    )


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


class Reader:
    """Topic reads through the sync's paced client: one request per topic of up to 20 posts."""

    def __init__(self, client: ForumClient) -> None:
        self.client = client

    def topic_id(self, external_id: str) -> int | None:
        """The topic behind an external_id, from the forum's redirect alone (one request); None if none."""
        path = f"/t/external_id/{quote_id(external_id)}.json"
        try:
            answer = self.client.get(path)
        except ForumError as exc:
            if exc.status == 404:
                return None
            raise
        topic_id = self.client.topic_id_at(str((answer or {}).get("_redirect", "")))
        if topic_id is None:
            raise ForumError("GET", path, None, "expected a redirect to the topic")
        return topic_id

    def topic(self, topic_id: int) -> TopicPosts | None:
        """Every post of the topic; None when the forum has no such topic (404) or it was deleted."""
        try:
            data = self.client.get(f"/t/{topic_id}.json")
        except ForumError as exc:
            if exc.status in (404, 410):
                return None
            raise
        if not data or data.get("deleted_at"):
            return None  # staff can still open a deleted topic; its discussion is gone from the forum
        stream = data.get("post_stream") or {}
        raw_posts = list(stream.get("posts") or [])
        seen = {int(p["id"]) for p in raw_posts if "id" in p}
        missing = [int(i) for i in stream.get("stream") or [] if int(i) not in seen]
        for chunk in _chunks(missing):
            more = self.client.get(f"/t/{topic_id}/posts.json", **{"post_ids[]": chunk})
            raw_posts += list(((more or {}).get("post_stream") or {}).get("posts") or [])
        posts = [p for p in (_post(item) for item in raw_posts) if p is not None]
        return TopicPosts(
            id=int(data["id"]),
            slug=str(data.get("slug", "")),
            like_count=int(data.get("like_count", 0)),
            last_posted_at=data.get("last_posted_at"),
            posts=tuple(sorted(posts, key=lambda p: p.number)),
        )

    def find(self, external_id: str, known_id: int | None = None) -> TopicPosts | None:
        """The topic by a remembered id (one read), else by its external_id (two)."""
        if known_id is not None:
            found = self.topic(known_id)
            if found is not None:
                return found
        topic_id = self.topic_id(external_id)
        return self.topic(topic_id) if topic_id is not None else None
