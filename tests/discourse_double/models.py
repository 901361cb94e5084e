"""The records the double stores: users, groups, categories, topics, posts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

# Group::AUTO_GROUPS
AUTO_GROUPS: dict[str, int] = {
    "everyone": 0,
    "admins": 1,
    "moderators": 2,
    "staff": 3,
    "trust_level_0": 10,
    "trust_level_1": 11,
    "trust_level_2": 12,
    "trust_level_3": 13,
    "trust_level_4": 14,
}

# CategoryGroup.permission_types
PERMISSION_FULL = 1
PERMISSION_CREATE_POST = 2
PERMISSION_READONLY = 3

POST_TYPE_REGULAR = 1
POST_TYPE_SMALL_ACTION = 3

LIKE = 2  # PostActionType.types[:like]


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime | None) -> str | None:
    """Rails' JSON time format: ``2026-01-02T03:04:05.678Z``."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + (f"{moment.microsecond // 1000:03d}Z")


@dataclass
class User:
    id: int
    username: str
    name: str | None
    admin: bool = False
    moderator: bool = False
    trust_level: int = 1
    active: bool = True
    suspended: bool = False
    created_at: datetime = field(default_factory=utcnow)
    last_seen_at: datetime = field(default_factory=utcnow)
    last_posted_at: datetime | None = None

    @property
    def staff(self) -> bool:
        return self.admin or self.moderator

    @property
    def username_lower(self) -> str:
        return self.username.lower()


@dataclass
class GroupMember:
    user_id: int
    owner: bool
    added_at: datetime = field(default_factory=utcnow)


@dataclass
class Group:
    id: int
    name: str
    full_name: str | None = None
    bio_raw: str | None = None
    visibility_level: int = 0
    members_visibility_level: int = 0
    mentionable_level: int = 0
    messageable_level: int = 0
    primary_group: bool = False
    title: str | None = None
    grant_trust_level: int | None = None
    public_admission: bool = False
    public_exit: bool = False
    allow_membership_requests: bool = False
    default_notification_level: int = 3
    automatic: bool = False
    members: list[GroupMember] = field(default_factory=list)
    created_at: datetime = field(default_factory=utcnow)
    # GroupCategoryNotificationDefault: category id -> notification level given to members
    category_defaults: dict[int, int] = field(default_factory=dict)


@dataclass
class Category:
    id: int
    name: str
    slug: str
    color: str = "0088CC"
    text_color: str = "FFFFFF"
    description: str | None = None
    parent_category_id: int | None = None
    # group name -> permission type; "everyone" makes the category public.
    permissions: dict[str, int] = field(default_factory=dict)
    position: int = 0
    topic_id: int | None = None  # the "About the X category" definition topic
    user_id: int | None = None
    search_priority: int = 0
    allow_badges: bool = True
    topic_template: str | None = None
    created_at: datetime = field(default_factory=utcnow)

    @property
    def read_restricted(self) -> bool:
        return "everyone" not in self.permissions


@dataclass
class Tag:
    id: int
    name: str


@dataclass
class Revision:
    """A PostRevision: ``number`` is the post version it produced (first one is 2)."""

    number: int
    user_id: int
    username: str
    created_at: datetime
    edit_reason: str | None
    raw_before: str
    raw_after: str
    title_before: str | None = None
    title_after: str | None = None
    category_before: int | None = None
    category_after: int | None = None
    tags_before: list[str] | None = None
    tags_after: list[str] | None = None
    wiki_before: bool | None = None  # set only when the revision turned the wiki flag on or off
    wiki_after: bool | None = None


@dataclass
class Post:
    id: int
    topic_id: int
    post_number: int
    user_id: int
    raw: str
    cooked: str
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    last_version_at: datetime = field(default_factory=utcnow)
    version: int = 1
    post_type: int = POST_TYPE_REGULAR
    action_code: str | None = None
    edit_reason: str | None = None
    last_editor_id: int | None = None
    # PostRevisor's cached "original raw": the text before the first edit folded into the
    # current version, kept for ``editing_grace_period`` + 1 seconds from that edit.
    original_raw: str | None = None
    original_raw_at: datetime | None = None
    reply_to_post_number: int | None = None
    deleted_at: datetime | None = None
    likers: list[int] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    wiki: bool = False  # a wiki post: members of min_trust_to_edit_wiki_post and up may edit it


@dataclass
class Topic:
    id: int
    title: str
    slug: str
    fancy_title: str
    user_id: int
    category_id: int | None
    tags: list[str] = field(default_factory=list)
    external_id: str | None = None
    embed_url: str | None = None
    created_at: datetime = field(default_factory=utcnow)
    bumped_at: datetime = field(default_factory=utcnow)
    last_posted_at: datetime | None = None
    last_post_user_id: int | None = None
    visible: bool = True
    closed: bool = False
    archived: bool = False
    pinned_at: datetime | None = None
    pinned_globally: bool = False
    deleted_at: datetime | None = None
    deleted_by_id: int | None = None
    views: int = 0
    archetype: str = "regular"
    post_ids: list[int] = field(default_factory=list)
    is_category_definition: bool = False


@dataclass
class Notification:
    """One notification a user got: ``posted`` (they watch the topic's category), ``mentioned`` or
    ``group_mentioned`` (``group`` names the group)."""

    user_id: int
    kind: str
    topic_id: int
    post_number: int
    group: str | None = None


@dataclass
class ApiKey:
    key: str
    user_id: int | None  # None: a global key usable with any Api-Username
    revoked: bool = False
