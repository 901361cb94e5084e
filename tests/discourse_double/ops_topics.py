"""Topic reads and edits: ``topics#show`` access, ``#update``, ``#update_tags``,
``#status``, deletion, and the category topic list (``TopicQuery``)."""

from __future__ import annotations

from typing import Any

from . import errors as E
from .forum import Forum
from .models import POST_TYPE_SMALL_ACTION, Category, Post, Topic, User, utcnow
from .params import as_text, present
from .revisor import revise
from .validation import (
    category_errors,
    prepare_title,
    tag_names_from_param,
    tags_for_saving,
    title_errors,
    too_many_tags,
)

PER_PAGE = 30  # TopicQuery::DEFAULT_PER_PAGE_COUNT
STATUSES = ("closed", "pinned", "pinned_globally", "archived", "visible")


def viewable_topic(forum: Forum, user: User | None, topic_id: int) -> Topic:
    """The topic ``topics#show`` would render; 404 when missing or not visible (detailed_404 off)."""
    guardian = forum.guardian(user)
    topic = forum.state.topics.get(topic_id)
    if topic is None:
        raise E.not_found()
    if not guardian.can_see_topic(topic):
        if forum.settings["detailed_404"] and topic.deleted_at is None:
            raise E.invalid_access()
        raise E.not_found()
    return topic


def _original_tags_match(value: Any, topic: Topic, forum: Forum) -> bool:
    if not isinstance(value, list):
        value = [value]
    names: list[str] = []
    for item in value:
        if isinstance(item, dict):
            if item.get("id") is not None:
                tag = forum.state.tag_by_id(int(item["id"]))
                names.append(tag.name if tag else f"#missing-{item['id']}")
            else:
                names.append(str(item.get("name")))
        else:
            names.append(str(item))
    return sorted(names) == sorted(topic.tags)


def update_topic(
    forum: Forum, user: User, topic_id: int, params: dict[str, Any], tags_only: bool = False
) -> tuple[Topic, bool]:
    """``topics#update``; returns the topic and whether ``tags`` was sent."""
    state = forum.state
    guardian = forum.guardian(user)
    topic = state.topics.get(topic_id)
    # Topic.find_by skips soft-deleted topics (Trashable's default scope), even for staff: nil cannot be edited.
    if topic is None or topic.deleted_at is not None or not guardian.can_edit_topic(topic):
        raise E.invalid_access()
    if tags_only and "tags" not in params:
        raise E.param_missing("tags")
    original_title = as_text(params.get("original_title"))
    if present(original_title) and original_title != topic.title:
        raise E.edit_conflict()
    if present(params.get("original_tags")) and not _original_tags_match(params["original_tags"], topic, forum):
        raise E.edit_conflict()
    message = too_many_tags(state, tag_names_from_param(state, params.get("tags")))
    if message:
        raise E.unprocessable([message])

    new_category: int | None = topic.category_id
    if not tags_only and present(params.get("category_id")):
        text = as_text(params.get("category_id")) or ""
        wanted = int(text) if text.lstrip("-").isdigit() else 0
        if wanted != (topic.category_id or 0):
            category = state.categories.get(wanted)
            if category is None and wanted != 0:
                raise E.unprocessable(["Category not found!"])
            if not guardian.can_create_topic_in(category):
                raise E.forbidden_result("You are not allowed to move this topic to that category.")
            new_category = category.id if category else None

    title: str | None = None
    if not tags_only and "title" in params and as_text(params.get("title")) != topic.title:
        title = prepare_title(state, as_text(params.get("title")))
    tags_sent = "tags" in params
    tags: list[str] | None = None
    if tags_sent:
        names = tag_names_from_param(state, params.get("tags"))
        if names is None:
            names = [] if as_text(params.get("tags")) in ("", None) else None
        if names is not None:
            names = [n for n in names if n.strip()]
            tags = tags_for_saving(state, guardian, names)
            if sorted(tags) == sorted(topic.tags):
                tags = None

    errors: list[str] = []
    if title is not None or new_category != topic.category_id:
        errors += title_errors(state, title if title is not None else topic.title, new_category, topic)
    if new_category != topic.category_id:
        errors += category_errors(state, new_category)
    if errors:
        raise E.unprocessable(errors)
    for name in tags or []:
        if state.tag_by_name(name) is None:
            state.new_tag(name)
    post = state.first_post(topic)
    if new_category != topic.category_id:
        revise(forum, post, topic, user, title=title, category_id=new_category, tags=tags)
    else:
        revise(forum, post, topic, user, title=title, tags=tags)
    return topic, tags_sent


def _small_action(forum: Forum, topic: Topic, user: User, code: str) -> Post:
    return forum.append_post(topic, user, utcnow(), post_type=POST_TYPE_SMALL_ACTION, action_code=code)


def set_status(forum: Forum, user: User, topic_id: int, params: dict[str, Any]) -> None:
    """``topics#status``: ``enabled`` is true only for the exact string ``"true"``."""
    if not present(params.get("status")):
        raise E.param_missing("status")
    if not present(params.get("enabled")):
        raise E.param_missing("enabled")
    status = as_text(params.get("status")) or ""
    enabled_value = params.get("enabled")
    enabled = isinstance(enabled_value, str) and enabled_value == "true"
    if status not in STATUSES:
        raise E.invalid_parameters("status")
    topic = forum.state.topics.get(topic_id)
    guardian = forum.guardian(user)
    # As in update_topic: a soft-deleted topic is not found, and nil may not be closed or listed.
    if topic is None or topic.deleted_at is not None or not guardian.is_staff or not guardian.can_see_topic(topic):
        raise E.invalid_access()
    if status == "pinned_globally":
        raise E.unsupported("pinned_globally")
    current = {
        "closed": topic.closed,
        "archived": topic.archived,
        "visible": topic.visible,
        "pinned": topic.pinned_at is not None,
    }[status]
    if current == enabled:
        return
    if status == "closed":
        topic.closed = enabled
    elif status == "archived":
        topic.archived = enabled
    elif status == "visible":
        topic.visible = enabled
    else:
        topic.pinned_at = utcnow() if enabled else None
    _small_action(forum, topic, user, f"{status}.{'enabled' if enabled else 'disabled'}")


def soft_delete(forum: Forum, user: User, topic: Topic) -> None:
    now = utcnow()
    topic.deleted_at = now
    topic.deleted_by_id = user.id
    first = forum.state.first_post(topic)
    first.deleted_at = now


def category_topics(forum: Forum, user: User | None, category: Category, page: int) -> tuple[list[Topic], bool]:
    """``TopicQuery#list_latest`` for a category and its subcategories, pinned first on page 0."""
    state = forum.state
    guardian = forum.guardian(user)
    ids = {category.id, *state.subcategory_ids(category)}
    topics = [
        t
        for t in state.live_topics()
        if t.category_id in ids and guardian.can_see_topic(t) and (t.visible or guardian.is_staff)
    ]
    topics.sort(key=lambda t: (t.bumped_at, t.id), reverse=True)
    pinned = [t for t in topics if t.pinned_at is not None and t.category_id == category.id]
    unpinned = [t for t in topics if t not in pinned]
    if page == 0:
        result = (pinned + unpinned)[:PER_PAGE]
    else:
        offset = max(page * PER_PAGE - len(pinned), 0)
        result = unpinned[offset : offset + PER_PAGE]
    return result, len(result) == PER_PAGE
