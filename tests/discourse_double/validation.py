"""Model validations: topic title and category, post body, external_id, tags.

Messages are Rails full messages ("Title is too short (minimum is 15
characters)").  Where the double is deliberately stricter than a current
Discourse, the comment says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .guardian import Guardian
from .models import Topic
from .state import ForumState
from .textutil import TextSentinel, clean_tag, clean_title, emoji_count, stripped_length

EXTERNAL_ID_MAX_LENGTH = 50


def _too_short(count: int) -> str:
    unit = "character" if count == 1 else "characters"
    return f"is too short (minimum is {count} {unit})"


def _too_long(count: int) -> str:
    unit = "character" if count == 1 else "characters"
    return f"is too long (maximum is {count} {unit})"


def prepare_title(state: ForumState, title: str | None) -> str:
    """The title as the Topic model stores it (``before_validation`` cleaning).

    Discourse lowercases an all-caps title when ``title_prettify`` is on;
    docs/dev/discourse.md#validation-limits says an all-caps title fails.  The double keeps the stricter reading: it
    never lowercases, so the TextSentinel "quiet" check refuses all-caps titles.
    """
    return clean_title(title or "", bool(state.settings["title_prettify"]), False)


def title_sentinel(state: ForumState, text: str) -> TextSentinel:
    s = state.settings
    min_length = int(s["min_topic_title_length"])
    entropy = int(s["title_min_entropy"])
    if min_length <= entropy:
        entropy = int(min_length * 0.7)
    return TextSentinel(
        text,
        min_entropy=entropy,
        max_word_length=int(s["title_max_word_length"]),
        allow_uppercase=bool(s["allow_uppercase_posts"]),
    )


def title_errors(state: ForumState, title: str, category_id: int | None, exclude: Topic | None) -> list[str]:
    """Topic title validators, in Discourse's order, on an already cleaned title.

    The minimum length applies to every user.  (Current Discourse lets topics
    owned by admins have titles from 1 character; the double keeps the
    15-255 of docs/dev/discourse.md#validation-limits for everyone, the stricter reading.)
    """
    s = state.settings
    errors: list[str] = []
    if not title.strip():
        errors.append("Title can't be blank")
    else:
        min_len = int(s["min_topic_title_length"])
        max_len = int(s["max_topic_title_length"])
        if len(title) < min_len:
            errors.append("Title " + _too_short(min_len))
        elif len(title) > max_len:
            errors.append("Title " + _too_long(max_len))
    sentinel = title_sentinel(state, title)
    if not sentinel.valid():
        if not sentinel.seems_meaningful():
            errors.append("Title seems unclear, most of the words contain the same letters over and over?")
        elif not sentinel.seems_unpretentious():
            errors.append("Title seems unclear, one or more words is very long?")
        elif not sentinel.seems_quiet():
            errors.append("Title seems unclear, did you mean to enter it in ALL CAPS?")
        else:
            errors.append("Title seems unclear, is it a complete sentence?")
    max_emojis = int(s["max_emojis_in_title"])
    if emoji_count(title) > max_emojis:
        errors.append(f"Title can't have more than {max_emojis} emoji")
    if title.strip() and not s["allow_duplicate_topic_titles"]:
        lower = title.lower()
        for other in state.live_topics():
            if exclude is not None and other.id == exclude.id:
                continue
            if other.archetype == "private_message" or other.title.lower() != lower:
                continue
            if s["allow_duplicate_topic_titles_category"] and other.category_id != category_id:
                continue
            errors.append("Title has already been used")
            break
    return errors


def category_errors(state: ForumState, category_id: int | None) -> list[str]:
    if state.settings["allow_uncategorized_topics"]:
        return []
    if category_id is None:
        return ["Category can't be blank"]
    if category_id == state.settings["uncategorized_category_id"]:
        return ["Category is reserved"]
    return []


def external_id_errors(state: ForumState, external_id: str, exclude: Topic | None) -> list[str]:
    """``validates :external_id`` (uniqueness ignores the trash, as Rails' validator does)."""
    errors: list[str] = []
    lower = external_id.lower()
    for other in state.topics.values():
        if exclude is not None and other.id == exclude.id:
            continue
        if other.external_id is not None and other.external_id.lower() == lower:
            errors.append("External has already been taken")
            break
    if len(external_id) > EXTERNAL_ID_MAX_LENGTH:
        errors.append("External " + _too_long(EXTERNAL_ID_MAX_LENGTH))
    if not re.fullmatch(r"[\w-]+", external_id, re.ASCII) or "\n" in external_id:
        errors.append("External is invalid")
    return errors


def body_errors(state: ForumState, raw: str, first_post: bool) -> list[str]:
    """``PostValidator``: stripped length then TextSentinel (``raw_quality``)."""
    s = state.settings
    errors: list[str] = []
    min_len = int(s["min_first_post_length"] if first_post else s["min_post_length"])
    max_len = int(s["max_post_length"])
    if not raw.strip():
        errors.append("Body can't be blank")
    else:
        length = stripped_length(raw)
        if length < min_len:
            errors.append("Body " + _too_short(min_len))
        elif length > max_len:
            errors.append(f"Body is limited to {max_len} characters; you entered {length}.")
    entropy = int(s["body_min_entropy"])
    min_post = int(s["min_post_length"])
    if entropy > min_post:
        entropy = int(min_post * 0.7)
    sentinel = TextSentinel(raw, min_entropy=entropy, allow_uppercase=bool(s["allow_uppercase_posts"]))
    if not sentinel.valid():
        errors.append("Body seems unclear, is it a complete sentence?")
    return errors


def tag_names_from_param(state: ForumState, value: Any) -> list[str] | None:
    """Tag names from ``tags[]``/``tags`` (strings or ``{id, name}`` objects); None if absent.

    A scalar ``tags=x`` is not a permitted array parameter and is dropped, as
    Rails' strong parameters drop it.
    """
    if value is None or not isinstance(value, list):
        return None
    names: list[str] = []
    for item in value:
        if isinstance(item, dict):
            if isinstance(item.get("name"), str):
                names.append(item["name"])
            elif item.get("id") is not None:
                tag = state.tag_by_id(int(item["id"]))
                if tag is not None:
                    names.append(tag.name)
        elif item is not None:
            names.append(str(item))
    return names


def tags_for_saving(state: ForumState, guardian: Guardian, names: Iterable[str]) -> list[str]:
    """``DiscourseTagging.tags_for_saving``: existing tags, plus cleaned new ones for creators.

    Users who may not create tags silently lose the names that do not exist yet,
    as in Discourse.
    """
    if not state.settings["tagging_enabled"] or guardian.user is None:
        return []
    names = [n for n in names if n is not None]
    result: list[str] = []
    for name in names:
        tag = state.tag_by_name(name)
        if tag is not None and tag.name not in result:
            result.append(tag.name)
    if guardian.can_create_tag():
        for name in names:
            if state.tag_by_name(name) is not None:
                continue
            cleaned = clean_tag(
                name,
                bool(state.settings["force_lowercase_tags"]),
                int(state.settings["max_tag_length"]),
            )
            existing = state.tag_by_name(cleaned) if cleaned else None
            final = existing.name if existing is not None else cleaned
            if final and final not in result:
                result.append(final)
    limit = int(state.settings["max_tags_per_topic"])
    return result[:limit]


def too_many_tags(state: ForumState, names: list[str] | None) -> str | None:
    limit = int(state.settings["max_tags_per_topic"])
    if names is not None and len(names) > limit:
        return f"You can only apply up to {limit} tags to a topic."
    return None
