"""JSON for topics: ``TopicViewSerializer``, list items and ``BasicTopicSerializer``."""

from __future__ import annotations

from typing import Any

from .guardian import Guardian
from .models import POST_TYPE_REGULAR, Post, Topic, iso
from .serialize_posts import avatar_template, basic_user, post_payload
from .state import ForumState
from .textutil import excerpt, word_count

CHUNK_SIZE = 20  # TopicView::CHUNK_SIZE


def live_posts(state: ForumState, topic: Topic, with_deleted: bool = False) -> list[Post]:
    return [p for p in state.posts_of(topic) if with_deleted or p.deleted_at is None]


def counts(state: ForumState, topic: Topic) -> dict[str, Any]:
    posts = live_posts(state, topic)
    regular = [p for p in posts if p.post_type == POST_TYPE_REGULAR]
    return {
        "posts_count": len(posts),
        "reply_count": len([p for p in regular if p.post_number > 1]),
        "highest_post_number": max((p.post_number for p in state.posts_of(topic)), default=0),
        "like_count": sum(len(p.likers) for p in posts),
        "participant_count": len({p.user_id for p in regular}),
        "word_count": sum(word_count(p.raw) for p in regular),
    }


def without_hidden_tags(state: ForumState, data: dict[str, Any]) -> dict[str, Any]:
    """TopicTagsMixin#include_tags? is Guardian#can_see_tags?: with tagging off, no tag keys at all."""
    if not state.settings["tagging_enabled"]:
        data.pop("tags", None)
        data.pop("tags_descriptions", None)
    return data


def tag_objects(state: ForumState, topic: Topic) -> list[dict[str, Any]]:
    result = []
    for name in topic.tags:
        tag = state.tag_by_name(name)
        if tag is not None:
            result.append({"id": tag.id, "name": tag.name, "slug": tag.name})
    return result


def participants(state: ForumState, topic: Topic) -> list[dict[str, Any]]:
    tally: dict[int, int] = {}
    for post in live_posts(state, topic):
        if post.post_type == POST_TYPE_REGULAR and post.action_code is None:
            tally[post.user_id] = tally.get(post.user_id, 0) + 1
    rows = []
    for user_id, count in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))[:24]:
        user = state.users[user_id]
        row = basic_user(user, state.base_path)
        row.update(
            {
                "post_count": count,
                "primary_group_name": None,
                "flair_name": None,
                "flair_url": None,
                "flair_color": None,
                "flair_bg_color": None,
                "flair_group_id": None,
                "admin": user.admin,
                "moderator": user.moderator,
                "trust_level": user.trust_level,
            }
        )
        rows.append(row)
    return rows


def _details(state: ForumState, guardian: Guardian, topic: Topic) -> dict[str, Any]:
    staff = guardian.is_staff
    flags = {
        "can_edit": guardian.can_edit_topic(topic),
        "can_move_posts": staff,
        "can_delete": staff,
        "can_remove_allowed_users": staff,
        "can_invite_to": staff,
        "can_invite_via_email": staff,
        "can_create_post": guardian.can_reply(topic),
        "can_reply_as_new_topic": guardian.user is not None,
        "can_flag_topic": guardian.user is not None,
        "can_convert_topic": staff,
        "can_review_topic": staff,
        "can_close_topic": staff,
        "can_archive_topic": staff,
        "can_split_merge_topic": staff,
        "can_edit_staff_notes": staff,
        "can_toggle_topic_visibility": staff,
        "can_pin_unpin_topic": staff,
        "can_moderate_category": staff,
        "can_banner_topic": staff,
    }
    # TopicViewDetailsSerializer includes each can_* key only when it is true.
    details: dict[str, Any] = {k: True for k, v in flags.items() if v}
    details["notification_level"] = 1
    if guardian.user is not None:
        details["can_remove_self_id"] = guardian.user.id
    last_poster_id = topic.last_post_user_id or topic.user_id
    details["created_by"] = basic_user(state.users[topic.user_id], state.base_path)
    details["last_poster"] = basic_user(state.users[last_poster_id], state.base_path)
    parts = participants(state, topic)
    if parts:
        details["participants"] = parts
    return details


def topic_view(state: ForumState, guardian: Guardian, topic: Topic, include_raw: bool) -> dict[str, Any]:
    show_deleted = topic.deleted_at is not None and guardian.is_staff
    posts = live_posts(state, topic, with_deleted=show_deleted)
    c = counts(state, topic)
    deleted_by = state.users.get(topic.deleted_by_id) if topic.deleted_by_id else None
    data: dict[str, Any] = {
        "post_stream": {
            "posts": [
                post_payload(state, guardian, p, topic, add_raw=include_raw, in_stream=True) for p in posts[:CHUNK_SIZE]
            ],
            "stream": [p.id for p in posts],
        },
        "timeline_lookup": [[1, 0]],
        "suggested_topics": [],
        "tags": tag_objects(state, topic),
        "tags_descriptions": {},
        "id": topic.id,
        "title": topic.title,
        "fancy_title": topic.fancy_title,
        "posts_count": c["posts_count"],
        "created_at": iso(topic.created_at),
        "views": topic.views,
        "reply_count": c["reply_count"],
        "like_count": c["like_count"],
        "last_posted_at": iso(topic.last_posted_at),
        "visible": topic.visible,
        "closed": topic.closed,
        "archived": topic.archived,
        "has_summary": False,
        "archetype": topic.archetype,
        "slug": topic.slug,
        "category_id": topic.category_id,
        "word_count": c["word_count"],
        "deleted_at": iso(topic.deleted_at),
        "user_id": topic.user_id,
        "featured_link": None,
        "pinned_globally": topic.pinned_globally,
        "pinned_at": iso(topic.pinned_at),
        "pinned_until": None,
        "image_url": None,
        "slow_mode_seconds": 0,
        "draft": None,
        "draft_key": f"topic_{topic.id}",
        "draft_sequence": 0,
        "unpinned": None,
        "pinned": topic.pinned_at is not None,
        "highest_post_number": c["highest_post_number"],
        "deleted_by": basic_user(deleted_by, state.base_path) if deleted_by else None,
        "has_deleted": False,
        "actions_summary": [],
        "chunk_size": CHUNK_SIZE,
        "bookmarked": False,
        "bookmarks": [],
        "topic_timer": None,
        "message_bus_last_id": 0,
        "participant_count": c["participant_count"],
        "show_read_indicator": False,
        "thumbnails": None,
        "slow_mode_enabled_until": None,
        "details": _details(state, guardian, topic),
    }
    if topic.external_id:
        # TopicViewSerializer#include_external_id?: only when set.
        data["external_id"] = topic.external_id
    return without_hidden_tags(state, data)


def list_item(state: ForumState, guardian: Guardian, topic: Topic) -> dict[str, Any]:
    c = counts(state, topic)
    last_poster_id = topic.last_post_user_id or topic.user_id
    posters = [
        {
            "extras": "latest single" if last_poster_id == topic.user_id else "",
            "description": "Original Poster, Most Recent Poster"
            if last_poster_id == topic.user_id
            else "Original Poster",
            "user_id": topic.user_id,
            "primary_group_id": None,
        }
    ]
    if last_poster_id != topic.user_id:
        posters.append(
            {
                "extras": "latest",
                "description": "Most Recent Poster",
                "user_id": last_poster_id,
                "primary_group_id": None,
            }
        )
    pinned = topic.pinned_at is not None
    data: dict[str, Any] = {
        "id": topic.id,
        "title": topic.title,
        "fancy_title": topic.fancy_title,
        "slug": topic.slug,
        "posts_count": c["posts_count"],
        "reply_count": c["reply_count"],
        "highest_post_number": c["highest_post_number"],
        "image_url": None,
        "created_at": iso(topic.created_at),
        "last_posted_at": iso(topic.last_posted_at),
        "bumped": True,
        "bumped_at": iso(topic.bumped_at),
        "archetype": topic.archetype,
        "unseen": False,
        "pinned": pinned,
        "unpinned": None,
        "visible": topic.visible,
        "closed": topic.closed,
        "archived": topic.archived,
        "bookmarked": None,
        "liked": None,
        "tags": tag_objects(state, topic),
        "tags_descriptions": {},
        "views": topic.views,
        "like_count": c["like_count"],
        "has_summary": False,
        "last_poster_username": state.users[last_poster_id].username,
        "category_id": topic.category_id,
        "pinned_globally": topic.pinned_globally,
        "featured_link": None,
        "posters": posters,
    }
    if pinned:
        # ListableTopicSerializer#include_excerpt?: pinned topics only.
        data["excerpt"] = excerpt(state.first_post(topic).raw)
    return without_hidden_tags(state, data)


def topic_list(
    state: ForumState,
    guardian: Guardian,
    topics: list[Topic],
    per_page: int,
    more_topics_url: str | None,
    can_create_topic: bool,
) -> dict[str, Any]:
    user_ids: list[int] = []
    items = []
    for topic in topics:
        item = list_item(state, guardian, topic)
        items.append(item)
        for poster in item["posters"]:
            if poster["user_id"] not in user_ids:
                user_ids.append(poster["user_id"])
    topic_list_body: dict[str, Any] = {
        "can_create_topic": can_create_topic,
        "per_page": per_page,
        "top_tags": [],
        "topics": items,
    }
    if more_topics_url is not None:
        topic_list_body["more_topics_url"] = more_topics_url
    return {
        "users": [basic_user(state.users[uid], state.base_path) for uid in user_ids],
        "primary_groups": [],
        "topic_list": topic_list_body,
    }


def basic_topic(state: ForumState, topic: Topic) -> dict[str, Any]:
    return {
        "id": topic.id,
        "title": topic.title,
        "fancy_title": topic.fancy_title,
        "slug": topic.slug,
        "posts_count": counts(state, topic)["posts_count"],
    }


__all__ = ["avatar_template", "basic_topic", "list_item", "tag_objects", "topic_list", "topic_view"]
