"""Who may see and do what (a small ``Guardian``).

Staff see every category; admins may create topics anywhere.  Other users see
a read-restricted category only through one of its groups, and need permission
type 1 (full) to create topics and 1 or 2 to reply (docs/dev/discourse.md#private-categories).
"""

from __future__ import annotations

from .models import (
    PERMISSION_CREATE_POST,
    PERMISSION_FULL,
    Category,
    Post,
    Topic,
    User,
    utcnow,
)
from .state import ForumState


class Guardian:
    def __init__(self, state: ForumState, user: User | None):
        self.state = state
        self.user = user

    @property
    def is_staff(self) -> bool:
        return bool(self.user and self.user.staff)

    @property
    def is_admin(self) -> bool:
        return bool(self.user and self.user.admin)

    def _permission_types(self, category: Category) -> set[int]:
        """The permission types the user holds on ``category`` through any group."""
        types: set[int] = set()
        for group_name, ptype in category.permissions.items():
            if group_name == "everyone":
                types.add(ptype)
                continue
            if self.user is None:
                continue
            group = self.state.group_by_name(group_name)
            if group is not None and self.user.id in self.state.group_member_ids(group):
                types.add(ptype)
        return types

    def can_see_category(self, category: Category | None) -> bool:
        if category is None:
            return True
        if self.is_staff:
            return True
        if category.parent_category_id is not None:
            parent = self.state.categories.get(category.parent_category_id)
            if parent is not None and not self.can_see_category(parent):
                return False
        if not category.read_restricted:
            return True
        return bool(self._permission_types(category))

    def can_create_topic_in(self, category: Category | None) -> bool:
        if self.user is None:
            return False
        if category is None or self.is_admin:
            return True
        if not self.can_see_category(category):
            return False
        return PERMISSION_FULL in self._permission_types(category)

    def can_see_topic(self, topic: Topic, hide_deleted: bool = True) -> bool:
        if hide_deleted and topic.deleted_at is not None and not self.is_staff:
            return False
        category = self.state.categories.get(topic.category_id) if topic.category_id else None
        return self.can_see_category(category)

    def can_reply(self, topic: Topic) -> bool:
        if self.user is None or not self.can_see_topic(topic):
            return False
        if self.is_staff:
            return True
        if topic.closed or topic.archived or topic.deleted_at is not None:
            return False
        category = self.state.categories.get(topic.category_id) if topic.category_id else None
        if category is None:
            return True
        return bool(self._permission_types(category) & {PERMISSION_FULL, PERMISSION_CREATE_POST})

    def can_edit_post(self, post: Post, topic: Topic) -> bool:
        """``can_edit_post?``: staff; anyone of the setting's trust level on a wiki post they could reply
        to; else the author, within ``post_edit_time_limit``."""
        if self.user is None or not self.can_see_topic(topic):
            return False
        if self.is_staff:
            return True
        if topic.archived or post.deleted_at is not None:
            return False
        if post.wiki and self.user.trust_level >= int(str(self.state.settings["min_trust_to_edit_wiki_post"])):
            return self.can_create_post_in(topic)
        return post.user_id == self.user.id and not self.edit_time_expired(post)

    def edit_time_expired(self, post: Post) -> bool:
        """``edit_time_limit_expired?`` for a user below staff: ``post_edit_time_limit`` minutes from creation."""
        limit = int(self.state.settings["post_edit_time_limit"]) * 60
        return (utcnow() - post.created_at).total_seconds() > limit

    def can_create_post_in(self, topic: Topic) -> bool:
        """``can_create_post?(topic)``: the topic's category lets the user post (full or create-post)."""
        if self.is_staff:
            return True
        category = self.state.categories.get(topic.category_id) if topic.category_id else None
        if category is None:
            return True
        return bool(self._permission_types(category) & {PERMISSION_FULL, PERMISSION_CREATE_POST})

    def can_wiki(self, post: Post) -> bool:
        """``can_wiki?``: staff and trust level 4; the author from ``min_trust_to_allow_self_wiki``, in time."""
        if self.user is None:
            return False
        if self.is_staff or self.user.trust_level >= 4:
            return True
        own = post.user_id == self.user.id
        setting = int(str(self.state.settings["min_trust_to_allow_self_wiki"]))
        return own and self.user.trust_level >= setting and not self.edit_time_expired(post)

    def can_edit_topic(self, topic: Topic) -> bool:
        if self.user is None or not self.can_see_topic(topic):
            return False
        if self.is_staff:
            return True
        if topic.archived or topic.closed:
            return False
        return topic.user_id == self.user.id

    def can_create_tag(self) -> bool:
        if self.user is None:
            return False
        if self.is_staff:
            return True
        setting = str(self.state.settings["min_trust_to_create_tag"])
        if setting in ("admin", "staff"):
            return False
        return self.user.trust_level >= int(setting)

    def can_see_group(self, visibility_level: int, member: bool, owner: bool) -> bool:
        if self.is_admin:
            return True
        if visibility_level == 0:
            return True
        if self.user is None:
            return False
        if visibility_level == 1:
            return True
        if visibility_level == 2:
            return member or self.is_staff
        if visibility_level == 3:
            return self.is_staff or owner
        return owner

    def category_permission(self, category: Category) -> int | None:
        """``permission`` in category serializers: 1 where the user may create topics, else None."""
        return PERMISSION_FULL if self.can_create_topic_in(category) else None
