"""``categories#create`` and ``#update``, with the category definition topic."""

from __future__ import annotations

import re
from typing import Any

from . import errors as E
from .forum import Forum
from .models import PERMISSION_FULL, Category, Post, Topic, User, utcnow
from .params import as_text, present
from .textutil import slug_for

DEFINITION_BODY = (
    "[Replace this first paragraph with a brief description of your new category. "
    "This guidance will appear in the category selection area, so try to keep it below "
    "200 characters.]\n\nUse the following paragraphs for a longer description, or to "
    "establish category guidelines or rules:\n\n- Why should people use this category? "
    "What is it for?\n\n- How exactly is this different than the other categories we "
    "already have?\n\n- What should topics in this category generally contain?\n\n- Do we "
    "need this category? Can we merge with another category, or subcategory?\n"
)
_HEX = re.compile(r"\A([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})\Z")


def _permissions(forum: Forum, value: Any) -> dict[str, int]:
    """``Category#permissions=`` (``Category.resolve_permissions``): ``{group name or id: type}``.

    ``read_restricted`` starts true and any ``everyone`` entry clears it; ``everyone`` with
    full access makes the category public and stores no group rows at all, while a lesser
    ``everyone`` entry is stored beside the other groups.  Discourse does not make clear what
    an omitted ``permissions`` does, so the double takes the strict reading: no permissions
    means no group rows, a staff-only category (docs/dev/discourse.md#private-categories).
    """
    if value is None or value == "":
        return {}
    if not isinstance(value, dict):
        raise E.invalid_parameters("permissions")
    result: dict[str, int] = {}
    for key, raw_type in value.items():
        text = as_text(raw_type) or ""
        if not text.lstrip("-").isdigit() or int(text) not in (1, 2, 3):
            raise E.unprocessable([f"Invalid permission type {text!r}"])
        key_text = str(key)
        by_id = key_text.isdigit()
        group = forum.state.groups.get(int(key_text)) if by_id else forum.state.group_by_name(key_text)
        if group is None:
            raise E.unprocessable(["unknown group"])  # ArgumentError rescued by categories#create
        result[group.name] = int(text)
    if result.get("everyone") == PERMISSION_FULL:
        return {"everyone": PERMISSION_FULL}
    return result


def _refuse_unsupported(params: dict[str, Any]) -> None:
    for name in ("allowed_tags", "allowed_tag_groups", "required_tag_groups"):
        if present(params.get(name)):
            raise E.unsupported(f"category {name}")
    required = as_text(params.get("minimum_required_tags"))
    if required and required.isdigit() and int(required) > 0:
        raise E.unsupported("category minimum_required_tags")


def _validate(forum: Forum, category: Category, name: str, slug_given: str | None, exclude: int | None) -> list[str]:
    errors: list[str] = []
    siblings = [
        c
        for c in forum.state.categories.values()
        if c.parent_category_id == category.parent_category_id and c.id != exclude
    ]
    if not name:
        errors.append("Category Name can't be blank")
    elif len(name) > 50:
        errors.append("Category Name is too long (maximum is 50 characters)")
    elif any(c.name.lower() == name.lower() for c in siblings):
        errors.append("Category Name has already been taken")
    for attr in ("color", "text_color"):
        if not _HEX.match(getattr(category, attr)):
            errors.append(f"{attr.replace('_', ' ').capitalize()} is invalid")
    if slug_given is not None:
        slug = slug_for(slug_given, "")
        if not slug:
            errors.append("Slug is invalid")
        elif any(c.slug == slug for c in siblings):
            errors.append("Slug is already in use")
        category.slug = slug
    else:
        slug = slug_for(name, "")
        category.slug = "" if any(c.slug == slug for c in siblings) else slug
    return errors


def create_category(forum: Forum, user: User, params: dict[str, Any]) -> Category:
    state = forum.state
    if not user.admin:
        raise E.invalid_access()
    name = (as_text(params.get("name")) or "").strip()
    if not name:
        raise E.param_missing("name")
    _refuse_unsupported(params)
    parent_id: int | None = None
    if present(params.get("parent_category_id")):
        text = as_text(params.get("parent_category_id")) or ""
        if not text.isdigit() or int(text) not in state.categories:
            raise E.unprocessable(["Parent category does not exist"])
        parent_id = int(text)
    permissions = _permissions(forum, params.get("permissions"))
    category = Category(
        id=0,
        name=name,
        slug="",
        color=as_text(params.get("color")) or "0088CC",
        text_color=as_text(params.get("text_color")) or "FFFFFF",
        parent_category_id=parent_id,
        permissions=permissions,
        position=len(state.categories),
        user_id=user.id,
    )
    slug_given = as_text(params.get("slug")) if present(params.get("slug")) else None
    errors = _validate(forum, category, name, slug_given, None)
    if errors:
        raise E.unprocessable(errors)
    category.id = state.next_category_id()
    if present(params.get("search_priority")):
        category.search_priority = int(as_text(params.get("search_priority")) or 0)
    state.categories[category.id] = category
    _create_definition_topic(forum, category, user)
    return category


def _create_definition_topic(forum: Forum, category: Category, user: User) -> None:
    """``Category#create_category_definition``: saved without validation, pinned."""
    state = forum.state
    now = utcnow()
    topic = Topic(
        id=state.next_topic_id(),
        title="",
        slug="",
        fancy_title="",
        user_id=user.id,
        category_id=category.id,
        created_at=now,
        bumped_at=now,
        last_posted_at=now,
        last_post_user_id=user.id,
        pinned_at=now,
        is_category_definition=True,
    )
    forum.set_title(topic, f"About the {category.name} category")
    post = Post(id=state.next_post_id(), topic_id=topic.id, post_number=1, user_id=user.id, raw="", cooked="")
    post.last_editor_id = user.id
    forum.set_raw(post, DEFINITION_BODY)
    state.topics[topic.id] = topic
    state.posts[post.id] = post
    topic.post_ids.append(post.id)
    category.topic_id = topic.id
    category.description = (
        "[Replace this first paragraph with a brief description of your new category. This "
        "guidance will appear in the category selection area, so try to keep it below 200 "
        "characters.]"
    )


def update_category(forum: Forum, user: User, category_id: int, params: dict[str, Any]) -> Category:
    state = forum.state
    category = state.categories.get(category_id)
    if category is None:
        raise E.not_found()
    if not user.admin:
        raise E.invalid_access()
    _refuse_unsupported(params)
    draft = Category(**{**category.__dict__})
    name = category.name
    if "name" in params:
        name = (as_text(params.get("name")) or "").strip()
    for attr in ("color", "text_color"):
        if present(params.get(attr)):
            setattr(draft, attr, as_text(params.get(attr)) or "")
    slug_given = as_text(params.get("slug")) if present(params.get("slug")) else None
    if slug_given is None:
        slug_given = category.slug or None  # an existing slug is kept on rename
    if "permissions" in params:
        draft.permissions = _permissions(forum, params.get("permissions"))
    errors = _validate(forum, draft, name, slug_given, category.id)
    if errors:
        raise E.unprocessable(errors)
    renamed = name != category.name
    draft.name = name
    category.__dict__.update(draft.__dict__)
    if renamed and category.topic_id in state.topics:
        forum.set_title(state.topics[category.topic_id], f"About the {category.name} category")
    return category
