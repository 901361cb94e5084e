"""The records the double stores: users, groups, categories, topics, posts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Optional

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
    return datetime.now(timezone.utc)


def iso(moment: Optional[datetime]) -> Optional[str]:
    """Rails' JSON time format: ``2026-01-02T03:04:05.678Z``."""
    if moment is None:
        return None
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{moment.microsecond // 1000:03d}Z"
    )


@dataclass
class User:
    id: int
    username: str
    name: Optional[str]
    admin: bool = False
    moderator: bool = False
    trust_level: int = 1
    active: bool = True
    suspended: bool = False
    created_at: datetime = field(default_factory=utcnow)
    last_seen_at: datetime = field(default_factory=utcnow)
    last_posted_at: Optional[datetime] = None

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
    full_name: Optional[str] = None
    bio_raw: Optional[str] = None
    visibility_level: int = 0
    members_visibility_level: int = 0
    mentionable_level: int = 0
    messageable_level: int = 0
    primary_group: bool = False
    title: Optional[str] = None
    grant_trust_level: Optional[int] = None
    public_admission: bool = False
    public_exit: bool = False
    allow_membership_requests: bool = False
    default_notification_level: int = 3
    automatic: bool = False
    members: list[GroupMember] = field(default_factory=list)
    created_at: datetime = field(default_factory=utcnow)


@dataclass
class Category:
    id: int
    name: str
    slug: str
    color: str = "0088CC"
    text_color: str = "FFFFFF"
    description: Optional[str] = None
    parent_category_id: Optional[int] = None
    # group name -> permission type; "everyone" makes the category public.
    permissions: dict[str, int] = field(default_factory=dict)
    position: int = 0
    topic_id: Optional[int] = None  # the "About the X category" definition topic
    user_id: Optional[int] = None
    search_priority: int = 0
    allow_badges: bool = True
    topic_template: Optional[str] = None
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
    edit_reason: Optional[str]
    raw_before: str
    raw_after: str
    title_before: Optional[str] = None
    title_after: Optional[str] = None
    category_before: Optional[int] = None
    category_after: Optional[int] = None
    tags_before: Optional[list[str]] = None
    tags_after: Optional[list[str]] = None


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
    action_code: Optional[str] = None
    edit_reason: Optional[str] = None
    last_editor_id: Optional[int] = None
    reply_to_post_number: Optional[int] = None
    deleted_at: Optional[datetime] = None
    likers: list[int] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)


@dataclass
class Topic:
    id: int
    title: str
    slug: str
    fancy_title: str
    user_id: int
    category_id: Optional[int]
    tags: list[str] = field(default_factory=list)
    external_id: Optional[str] = None
    embed_url: Optional[str] = None
    created_at: datetime = field(default_factory=utcnow)
    bumped_at: datetime = field(default_factory=utcnow)
    last_posted_at: Optional[datetime] = None
    last_post_user_id: Optional[int] = None
    visible: bool = True
    closed: bool = False
    archived: bool = False
    pinned_at: Optional[datetime] = None
    pinned_globally: bool = False
    deleted_at: Optional[datetime] = None
    deleted_by_id: Optional[int] = None
    views: int = 0
    archetype: str = "regular"
    post_ids: list[int] = field(default_factory=list)
    is_category_definition: bool = False


@dataclass
class ApiKey:
    key: str
    user_id: Optional[int]  # None: a global key usable with any Api-Username
    revoked: bool = False
