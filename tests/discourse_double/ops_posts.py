"""``posts#create`` (PostCreator / TopicCreator), ``posts#update`` and likes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlparse

from . import errors as E
from .forum import Forum
from .models import LIKE, Post, Topic, User, utcnow
from .notifications import alert
from .params import as_text, present, truthy
from .revisor import revise
from .textutil import raw_on_create, raw_on_edit
from .validation import (
    body_errors,
    category_errors,
    external_id_errors,
    prepare_title,
    tag_names_from_param,
    tags_for_saving,
    title_errors,
    too_many_tags,
)

DAY = 86400.0


def check_tag_count(forum: Forum, params: dict[str, Any]) -> None:
    """``reject_too_many_tags!`` runs in the controller, before anything else."""
    message = too_many_tags(forum.state, tag_names_from_param(forum.state, params.get("tags")))
    if message:
        raise E.unprocessable([message])


def refuse_unsupported(params: dict[str, Any]) -> None:
    if as_text(params.get("archetype")) == "private_message" or present(params.get("target_recipients")):
        raise E.unsupported("private messages")
    for name in ("skip_validations", "import_mode"):
        if truthy(params.get(name)):
            raise E.unsupported(name)


def _unique_post_error(forum: Forum, user: User, raw: str) -> str | None:
    mins = forum.setting_int("unique_posts_mins")
    if user.staff or mins <= 0:
        return None
    now = utcnow()
    for post in forum.state.posts.values():
        same = post.user_id == user.id and post.raw.strip() == raw.strip() and post.deleted_at is None
        if same and (now - post.created_at).total_seconds() < mins * 60:
            return "Body is too similar to what you recently posted"
    return None


def _parse_created_at(value: Any) -> datetime | None:
    text = as_text(value)
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise E.invalid_parameters("created_at") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def create_post(forum: Forum, user: User, params: dict[str, Any], enforce_limits: bool) -> Post:
    """Create a topic (no ``topic_id``) or a reply; raise :class:`ApiError` on refusal."""
    refuse_unsupported(params)
    check_tag_count(forum, params)
    raw = raw_on_create(as_text(params.get("raw")) or "")  # cleaned before it is validated or stored
    if present(params.get("topic_id")):
        return _create_reply(forum, user, params, raw, enforce_limits)
    return _create_topic(forum, user, params, raw, enforce_limits)


def _find_category(forum: Forum, value: Any) -> tuple[bool, int | None]:
    text = as_text(value)
    if not present(text):
        return False, None
    if text is not None and re.fullmatch(r"\d+", text) and int(text) in forum.state.categories:
        return True, int(text)
    return True, None


def _create_topic(forum: Forum, user: User, params: dict[str, Any], raw: str, enforce: bool) -> Post:
    state = forum.state
    guardian = forum.guardian(user)
    given, category_id = _find_category(forum, params.get("category"))
    category = state.categories.get(category_id) if category_id is not None else None
    if not guardian.can_create_topic_in(category):
        raise E.invalid_access()
    if given and category is None:
        raise E.invalid_parameters("category")
    title = prepare_title(state, as_text(params.get("title")))
    external_id = as_text(params.get("external_id")) if present(params.get("external_id")) else None
    errors = title_errors(state, title, category_id, None)
    errors += category_errors(state, category_id)
    if external_id is not None:
        errors += external_id_errors(state, external_id, None)
    if errors:
        raise E.create_post_failed(errors)
    post_errors = body_errors(state, raw, first_post=True)
    unique = _unique_post_error(forum, user, raw)
    if unique:
        post_errors.append(unique)
    if post_errors:
        raise E.create_post_failed(post_errors)
    embed_url = as_text(params.get("embed_url")) if present(params.get("embed_url")) else None
    if embed_url is not None:
        if urlparse(embed_url).scheme not in ("http", "https"):
            raise E.invalid_parameters("embed_url")
        for other in state.topics.values():
            if other.embed_url == embed_url and other.deleted_at is None:
                raise E.create_post_failed(["Embed url has already been taken"])
    forum.check_user_rate_limit(user, "create_topic", 1, forum.setting_int("rate_limit_create_topic"), enforce)
    forum.check_user_rate_limit(user, "topics-per-day", forum.setting_int("max_topics_per_day"), DAY, enforce)
    forum.user_rate_limit(user, "create_topic", 1, forum.setting_int("rate_limit_create_topic"), enforce)
    forum.user_rate_limit(user, "topics-per-day", forum.setting_int("max_topics_per_day"), DAY, enforce)

    tag_names = tag_names_from_param(state, params.get("tags")) or []
    tags = tags_for_saving(state, guardian, tag_names)
    for name in tags:
        if state.tag_by_name(name) is None:
            state.new_tag(name)
    for other in list(state.topics.values()):
        if embed_url is not None and other.embed_url == embed_url and other.deleted_at is not None:
            other.embed_url = None  # a trashed TopicEmbed with the same URL is destroyed first
    created_at = _parse_created_at(params.get("created_at")) or utcnow()
    visible = not truthy(params.get("unlist_topic"))
    if embed_url is not None and state.settings["embed_unlisted"]:
        visible = False
    topic = Topic(
        id=state.next_topic_id(),
        title="",
        slug="",
        fancy_title="",
        user_id=user.id,
        category_id=category_id,
        tags=tags,
        external_id=external_id,
        embed_url=embed_url,
        created_at=created_at,
        bumped_at=created_at,
        last_posted_at=created_at,
        last_post_user_id=user.id,
        visible=visible,
    )
    forum.set_title(topic, title)
    state.topics[topic.id] = topic
    return _add_post(forum, topic, user, raw, created_at, None)


def _add_post(forum: Forum, topic: Topic, user: User, raw: str, created_at: datetime, reply_to: int | None) -> Post:
    post = forum.append_post(topic, user, created_at, reply_to_post_number=reply_to)
    forum.set_raw(post, raw)
    user.last_posted_at = created_at
    alert(forum.state, post, topic, user, lambda who, seen: forum.guardian(who).can_see_topic(seen))  # PostAlerter
    return post


def _create_reply(forum: Forum, user: User, params: dict[str, Any], raw: str, enforce: bool) -> Post:
    state = forum.state
    guardian = forum.guardian(user)
    text = as_text(params.get("topic_id")) or ""
    topic = state.topics.get(int(text)) if text.isdigit() else None
    if topic is None or topic.deleted_at is not None or not guardian.can_reply(topic):
        raise E.create_post_failed([E.TOPIC_NOT_FOUND_MESSAGE])
    errors = body_errors(state, raw, first_post=False)
    unique = _unique_post_error(forum, user, raw)
    if unique:
        errors.append(unique)
    if errors:
        raise E.create_post_failed(errors)
    forum.user_rate_limit(user, "create_post", 1, forum.setting_int("rate_limit_create_post"), enforce)
    reply_to_text = as_text(params.get("reply_to_post_number"))
    reply_to = int(reply_to_text) if reply_to_text and reply_to_text.isdigit() else None
    now = utcnow()
    post = _add_post(forum, topic, user, raw, now, reply_to)
    topic.last_posted_at = now
    topic.bumped_at = now
    topic.last_post_user_id = user.id
    if topic.embed_url is not None and not topic.visible and state.settings["embed_unlisted"]:
        topic.visible = True  # embedded topics stay unlisted until the first reply
    return post


def find_post(forum: Forum, post_id: int, staff: bool) -> tuple[Post, Topic]:
    post = forum.state.posts.get(post_id)
    if post is None or (post.deleted_at is not None and not staff):
        raise E.not_found()
    return post, forum.state.topics[post.topic_id]


def update_post(forum: Forum, user: User, post_id: int, params: dict[str, Any], enforce: bool) -> Post:
    """``posts#update``: ``post[raw]``, ``post[edit_reason]``, ``post[original_text]``."""
    body = params.get("post")
    if not isinstance(body, dict) or not body:
        raise E.param_missing("post")
    guardian = forum.guardian(user)
    post, topic = find_post(forum, post_id, guardian.is_staff)
    if not guardian.can_see_topic(topic, hide_deleted=not guardian.is_staff):
        raise E.not_found()
    if not guardian.can_edit_post(post, topic):
        if post.user_id == user.id and guardian.edit_time_expired(post):
            raise E.unprocessable(["Sorry, it's too late to edit that post."])
        raise E.invalid_access()
    original = as_text(body.get("original_text")) or as_text(body.get("raw_old"))
    if present(original) and original != post.raw:
        raise E.edit_conflict()
    raw = as_text(body.get("raw"))
    # PostRevisor cleans the new raw before comparing and validating; an empty one stays empty.
    raw = post.raw if raw is None else (raw_on_edit(raw) if raw.strip() else "")
    edit_reason = as_text(body.get("edit_reason"))
    title: str | None = None
    if post.post_number == 1 and present(params.get("title")):
        title = prepare_title(forum.state, as_text(params.get("title")))
    if raw != post.raw:
        errors = body_errors(forum.state, raw, first_post=post.post_number == 1)
        if errors:
            raise E.unprocessable(errors)
    if title is not None and title != topic.title:
        if not guardian.can_edit_topic(topic):
            raise E.invalid_access()  # a wiki post's editors may change its text, not its topic's title
        errors = title_errors(forum.state, title, topic.category_id, topic)
        if errors:
            raise E.unprocessable(errors)
    if raw != post.raw or (title is not None and title != topic.title):
        forum.user_rate_limit(user, "edit-post", forum.setting_int("max_edits_per_day"), DAY, enforce)
    revise(forum, post, topic, user, raw=raw, title=title, edit_reason=edit_reason)
    return post


def set_wiki(forum: Forum, user: User, post_id: int, params: dict[str, Any]) -> Post:
    """``posts#wiki``: ``wiki`` (required) turns the flag on or off, through the revisor like an edit."""
    guardian = forum.guardian(user)
    post, topic = find_post(forum, post_id, guardian.is_staff)
    if not guardian.can_see_topic(topic, hide_deleted=not guardian.is_staff):
        raise E.invalid_access()
    if not present(params.get("wiki")):
        raise E.param_missing("wiki")
    if not guardian.can_wiki(post):
        raise E.invalid_access()
    revise(forum, post, topic, user, wiki=truthy(params.get("wiki")))
    return post


def like(forum: Forum, user: User, params: dict[str, Any]) -> Post:
    """``post_actions#create`` with ``post_action_type_id=2``."""
    if not present(params.get("post_action_type_id")):
        raise E.param_missing("post_action_type_id")
    id_text = as_text(params.get("id")) or as_text(params.get("post_id")) or ""
    post = forum.state.posts.get(int(id_text)) if id_text.isdigit() else None
    if post is None:
        raise E.not_found()
    topic = forum.state.topics[post.topic_id]
    guardian = forum.guardian(user)
    if not guardian.can_see_topic(topic):
        raise E.invalid_access()
    if as_text(params.get("post_action_type_id")) != str(LIKE):
        raise E.unsupported("post actions other than like (post_action_type_id=2)")
    if (
        post.user_id == user.id
        or user.id in post.likers
        or post.deleted_at is not None
        or topic.archived
        or post.post_type != 1
    ):
        raise E.forbidden_result()
    post.likers.append(user.id)
    return post
