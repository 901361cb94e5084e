"""JSON for categories and groups."""

from __future__ import annotations

from typing import Any

from .guardian import Guardian
from .models import Category, Group, User, iso
from .notifications import LEVELS, may_mention
from .serialize_posts import avatar_template
from .state import ForumState


def category_slug_path(state: ForumState, category: Category) -> str:
    parts = []
    node: Category | None = category
    while node is not None:
        parts.append(node.slug or f"{node.id}-category")
        node = state.categories.get(node.parent_category_id) if node.parent_category_id else None
    return "/".join(reversed(parts))


def topic_count(state: ForumState, category: Category) -> int:
    return len(
        [t for t in state.live_topics() if t.category_id == category.id and not t.is_category_definition and t.visible]
    )


def post_count(state: ForumState, category: Category) -> int:
    total = 0
    for topic in state.live_topics():
        if topic.category_id == category.id:
            total += len([p for p in state.posts_of(topic) if p.deleted_at is None])
    return total


def basic_category(state: ForumState, guardian: Guardian, category: Category) -> dict[str, Any]:
    subs = state.subcategory_ids(category)
    definition = state.topics.get(category.topic_id) if category.topic_id else None
    data: dict[str, Any] = {
        "id": category.id,
        "name": category.name,
        "color": category.color,
        "text_color": category.text_color,
        "style_type": "square",
        "emoji": None,
        "icon": None,
        "slug": category.slug,
        "topic_count": topic_count(state, category),
        "post_count": post_count(state, category),
        "position": category.position,
        "description": category.description,
        "description_text": category.description,
        "description_excerpt": category.description,
        "topic_url": f"{state.base_path}/t/{definition.slug}/{definition.id}" if definition else None,
        "read_restricted": category.read_restricted,
        "permission": guardian.category_permission(category),
        "notification_level": 1,
        "can_edit": guardian.is_admin,
        "topic_template": category.topic_template,
        "topic_title_placeholder": None,
        "has_children": bool(subs),
        "subcategory_count": len(subs) if subs else None,
        "sort_order": None,
        "sort_ascending": None,
        "show_subcategory_list": False,
        "num_featured_topics": 3,
        "default_view": None,
        "subcategory_list_style": "rows_with_featured_topics",
        "default_top_period": "all",
        "default_list_filter": "all",
        "minimum_required_tags": 0,
        "navigate_to_first_post_after_read": False,
        "uploaded_logo": None,
        "uploaded_logo_dark": None,
        "uploaded_background": None,
        "uploaded_background_dark": None,
    }
    if category.parent_category_id is not None:
        # BasicCategorySerializer#include_parent_category_id?: only when set.
        data["parent_category_id"] = category.parent_category_id
    return data


def list_category(state: ForumState, guardian: Guardian, category: Category) -> dict[str, Any]:
    data = basic_category(state, guardian, category)
    data.update(
        {
            "topics_day": 0,
            "topics_week": 0,
            "topics_month": 0,
            "topics_year": 0,
            "topics_all_time": topic_count(state, category),
            "subcategory_ids": [
                cid for cid in state.subcategory_ids(category) if guardian.can_see_category(state.categories[cid])
            ],
        }
    )
    return data


def full_category(state: ForumState, guardian: Guardian, category: Category) -> dict[str, Any]:
    """``CategorySerializer`` (create, show and update responses)."""
    data = basic_category(state, guardian, category)
    data.update(
        {
            "locale": None,
            "form_template_ids": [],
            "custom_fields": {},
            "allowed_tags": [],
            "allowed_tag_groups": [],
            "allow_global_tags": False,
            "required_tag_groups": [],
            "category_setting": {
                "auto_bump_cooldown_days": 1,
                "num_auto_bump_daily": None,
                "require_reply_approval": False,
                "require_topic_approval": False,
            },
            "category_localizations": [],
            "read_only_banner": None,
            "auto_close_hours": None,
            "auto_close_based_on_last_post": False,
            "allow_unlimited_owner_edits_on_first_post": False,
            "default_slow_mode_seconds": None,
            "email_in": None,
            "email_in_allow_strangers": False,
            "mailinglist_mirror": False,
            "all_topics_wiki": False,
            "can_delete": guardian.is_admin and topic_count(state, category) == 0,
            "allow_badges": category.allow_badges,
            "topic_featured_link_allowed": True,
            "search_priority": category.search_priority,
            "topic_posting_review_group_ids": [],
            "reply_posting_review_group_ids": [],
        }
    )
    if guardian.is_admin:
        # include_group_permissions? and include_available_groups?: only for those who may edit it.
        data["group_permissions"] = group_permissions(state, category)
        data["available_groups"] = sorted(g.name for g in state.groups.values() if g.name not in category.permissions)
    return data


def group_permissions(state: ForumState, category: Category) -> list[dict[str, Any]]:
    """``CategorySerializer#group_permissions``: one row per group, by group name.

    A public category stores no rows and shows ``everyone`` with full access instead.
    """
    rows = []
    for name, ptype in category.permissions.items():
        group = state.group_by_name(name)
        if group is not None:
            rows.append({"permission_type": ptype, "group_name": group.name, "group_id": group.id})
    return sorted(rows, key=lambda row: str(row["group_name"]))


def basic_group(state: ForumState, guardian: Guardian, group: Group) -> dict[str, Any]:
    members = state.group_member_ids(group)
    is_member = guardian.user is not None and guardian.user.id in members
    return {
        "id": group.id,
        "automatic": group.automatic,
        "name": group.name,
        "user_count": len(members),
        "mentionable_level": group.mentionable_level,
        "messageable_level": group.messageable_level,
        "visibility_level": group.visibility_level,
        "primary_group": group.primary_group,
        "title": group.title,
        "grant_trust_level": group.grant_trust_level,
        "incoming_email": None,
        "has_messages": False,
        "flair_url": None,
        "flair_bg_color": None,
        "flair_color": None,
        "bio_raw": group.bio_raw,
        "bio_cooked": f"<p>{group.bio_raw}</p>" if group.bio_raw else None,
        "bio_excerpt": group.bio_raw,
        "public_admission": group.public_admission,
        "public_exit": group.public_exit,
        "allow_membership_requests": group.allow_membership_requests,
        "full_name": group.full_name,
        "default_notification_level": group.default_notification_level,
        "membership_request_template": None,
        "members_visibility_level": group.members_visibility_level,
        "can_see_members": guardian.is_staff or group.members_visibility_level == 0 or is_member,
        "can_admin_group": guardian.is_admin,
        "can_edit_group": guardian.is_admin,
        "publish_read_state": False,
    }


def group_show(state: ForumState, guardian: Guardian, group: Group) -> dict[str, Any]:
    data = basic_group(state, guardian, group)
    members = state.group_member_ids(group)
    owner_ids = {m.user_id for m in group.members if m.owner}
    user = guardian.user
    data.update(
        {
            "is_group_user": user is not None and user.id in members,
            "is_group_owner_display": user is not None and user.id in owner_ids,
            "mentionable": user is not None and may_mention(state, group, user),
            "messageable": guardian.is_staff,
            "automatic_membership_email_domains": None,
            "smtp_server": None,
            "smtp_port": None,
            "smtp_ssl_mode": None,
            "email_username": None,
            "email_password": None,
            "message_count": 0,
            "allow_unknown_sender_topic_replies": False,
        }
    )
    if guardian.is_admin or (user is not None and user.id in owner_ids):
        # GroupShowSerializer.admin_or_owner_attributes: the default levels, for admins and the group's owners.
        for name, level in LEVELS.items():
            data[f"{name}_category_ids"] = sorted(c for c, lv in group.category_defaults.items() if lv == level)
    return data


def group_member(user: User, added_at: Any, base_path: str) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "name": user.name,
        "avatar_template": avatar_template(user, base_path),
        "title": None,
        "last_posted_at": iso(user.last_posted_at),
        "last_seen_at": iso(user.last_seen_at),
        "added_at": iso(added_at),
        "timezone": "UTC",
    }
