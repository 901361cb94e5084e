"""Topics as the forum reports them: a topic with its first post, and an entry of a category list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RemoteTopic:
    """A topic as the forum reports it, with its first post."""

    id: int
    title: str
    category_id: int | None
    tags: tuple[str, ...] | None  # None: the forum shows no tags (tagging is turned off there)
    closed: bool
    visible: bool
    archived: bool
    post_id: int | None
    raw: str | None
    version: int
    posts_count: int
    reply_count: int
    participant_count: int
    like_count: int
    last_posted_at: str | None
    slug: str
    external_id: str | None = None
    wiki: bool | None = None  # the first post's wiki flag; None when the forum does not say


@dataclass(frozen=True)
class ListedTopic:
    """A topic as a category list shows it: no first post, no external_id."""

    id: int
    title: str
    category_id: int | None
    closed: bool
    visible: bool
    posts_count: int
    tags: tuple[str, ...] | None = None  # None: the list shows no tags (tagging is off, or not said)


def tag_names(tags: Any) -> tuple[str, ...]:
    names = []
    for tag in tags or ():
        names.append(str(tag.get("name", "")) if isinstance(tag, dict) else str(tag))
    return tuple(names)


def parse_topic(data: dict[str, Any]) -> RemoteTopic:
    posts = (data.get("post_stream") or {}).get("posts") or []
    first = next((p for p in posts if p.get("post_number") == 1), None)
    return RemoteTopic(
        id=int(data["id"]),
        title=str(data.get("title", "")),
        category_id=data.get("category_id"),
        tags=tag_names(data["tags"]) if "tags" in data else None,
        closed=bool(data.get("closed")),
        visible=bool(data.get("visible", True)),
        archived=bool(data.get("archived")),
        post_id=int(first["id"]) if first else None,
        raw=first.get("raw") if first else None,
        version=int(first.get("version", 1)) if first else 1,
        posts_count=int(data.get("posts_count", 0)),
        reply_count=int(data.get("reply_count", max(0, int(data.get("posts_count", 1)) - 1))),
        participant_count=int(data.get("participant_count", 0)),
        like_count=int(data.get("like_count", 0)),
        last_posted_at=data.get("last_posted_at"),
        slug=str(data.get("slug", "")),
        external_id=str(data["external_id"]) if data.get("external_id") else None,
        wiki=bool(first["wiki"]) if first and isinstance(first.get("wiki"), bool) else None,
    )
