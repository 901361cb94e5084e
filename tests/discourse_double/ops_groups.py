"""``admin/groups#create`` and ``groups#show/members/add_members/remove_member``."""

from __future__ import annotations

from typing import Any

from . import errors as E
from .forum import Forum
from .models import Group, GroupMember, User
from .notifications import ALIAS_LEVELS, apply_group_defaults
from .params import as_text, present, truthy
from .textutil import username_errors

ADD_MEMBERS_LIMIT = 1000


def _int_or_none(value: Any) -> int | None:
    text = as_text(value)
    if text is None or text == "":
        return None
    if not text.lstrip("-").isdigit():
        raise E.invalid_parameters("group")
    return int(text)


def create_group(forum: Forum, user: User, params: dict[str, Any]) -> Group:
    state = forum.state
    if not user.admin:
        raise E.not_found()  # admin routes are behind AdminConstraint
    body = params.get("group")
    if not isinstance(body, dict) or not body:
        raise E.param_missing("group")
    name = (as_text(body.get("name")) or "").strip()
    errors = ["Name " + m for m in username_errors(name)]
    if not errors and (state.user_by_username(name) or state.group_by_name(name)):
        errors.append("Name has already been taken")
    full_name = as_text(body.get("full_name"))
    if full_name is not None and len(full_name) > 100:
        errors.append("Full name is too long (maximum is 100 characters)")
    bio_raw = as_text(body.get("bio_raw"))
    if bio_raw is not None and len(bio_raw) > 3000:
        errors.append("Bio raw is too long (maximum is 3000 characters)")
    grant = _int_or_none(body.get("grant_trust_level"))
    if grant is not None and not 0 <= grant <= 4:
        errors.append(f"'{grant}' is not a valid trust level.")
    visibility = _int_or_none(body.get("visibility_level"))
    if visibility is not None and not 0 <= visibility <= 4:
        errors.append("Visibility level is invalid")
    mentionable = _int_or_none(body.get("mentionable_level"))
    if mentionable is not None and mentionable not in ALIAS_LEVELS:
        errors.append("Mentionable level is not included in the list")
    if errors:
        raise E.unprocessable(errors)
    group = Group(
        id=state.next_group_id(),
        name=name,
        full_name=full_name or None,
        bio_raw=bio_raw or None,
        visibility_level=visibility or 0,
        members_visibility_level=_int_or_none(body.get("members_visibility_level")) or 0,
        primary_group=truthy(body.get("primary_group")),
        title=as_text(body.get("title")),
        grant_trust_level=grant,
        public_admission=truthy(body.get("public_admission")),
        public_exit=truthy(body.get("public_exit")),
        default_notification_level=_int_or_none(body.get("default_notification_level")) or 3,
        mentionable_level=mentionable or 0,
    )
    owners = _exact_users(forum, as_text(body.get("owner_usernames")))
    for owner in owners:
        group.members.append(GroupMember(user_id=owner.id, owner=True))
    for member in _exact_users(forum, as_text(body.get("usernames"))):
        if member not in owners:
            group.members.append(GroupMember(user_id=member.id, owner=False))
    state.groups[group.id] = group
    return group


def _exact_users(forum: Forum, names: str | None) -> list[User]:
    """``User.where(username: names.split(","))``: exact names; unknown ones are skipped."""
    if not names:
        return []
    wanted = [n for n in names.split(",") if n]
    return [u for u in forum.state.users.values() if u.username in wanted]


def group_by_id(forum: Forum, group_id: int) -> Group:
    group = forum.state.groups.get(group_id)
    if group is None:
        raise E.not_found()
    return group


def visible_group(forum: Forum, user: User | None, name: str) -> Group:
    group = forum.state.group_by_name(name)
    if group is None:
        raise E.not_found()
    members = forum.state.group_member_ids(group)
    owner = any(m.owner and user is not None and m.user_id == user.id for m in group.members)
    member = user is not None and user.id in members
    if not forum.guardian(user).can_see_group(group.visibility_level, member, owner):
        raise E.not_found()
    return group


def _can_edit(user: User, group: Group) -> bool:
    if group.automatic:
        return False
    return user.admin or any(m.owner and m.user_id == user.id for m in group.members)


def _users_from_params(forum: Forum, params: dict[str, Any]) -> list[User]:
    """``users_from_params``.  Stricter than Discourse: any unknown username is a 400
    (Discourse refuses only when none of the names exist)."""
    names_text = as_text(params.get("usernames")) or as_text(params.get("username"))
    if not present(names_text):
        raise E.invalid_parameters("user_ids or usernames or user_emails must be present")
    users: list[User] = []
    for name in (names_text or "").split(","):
        name = name.strip()
        if not name:
            continue
        found = forum.state.user_by_username(name)
        if found is None:
            raise E.invalid_parameters("usernames")
        if found not in users:
            users.append(found)
    if not users:
        raise E.invalid_parameters("usernames")
    return users


def add_members(forum: Forum, user: User, group_id: int, params: dict[str, Any]) -> list[User]:
    group = group_by_id(forum, group_id)
    if not _can_edit(user, group):
        raise E.invalid_access()
    users = _users_from_params(forum, params)
    if len(users) > ADD_MEMBERS_LIMIT:
        raise E.unprocessable([f"You can't add more than {ADD_MEMBERS_LIMIT} users at once"])
    current = forum.state.group_member_ids(group)
    already = sorted(u.username for u in users if u.id in current)
    if already and len(already) == len(users):
        verb = "is already a member" if len(already) == 1 else "are already members"
        raise E.unprocessable([f"{', '.join(already)} {verb} of this group."])
    for member in users:
        if member.id not in current:
            group.members.append(GroupMember(user_id=member.id, owner=False))
            apply_group_defaults(forum.state, group, member)  # GroupUser#set_category_notifications
    return users


def remove_members(forum: Forum, user: User, group_id: int, params: dict[str, Any]) -> tuple[list[str], list[str]]:
    group = group_by_id(forum, group_id)
    if not _can_edit(user, group):
        raise E.invalid_access()
    removed: list[str] = []
    skipped: list[str] = []
    for member in _users_from_params(forum, params):
        before = len(group.members)
        group.members = [m for m in group.members if m.user_id != member.id]
        (removed if len(group.members) < before else skipped).append(member.username)
    return removed, skipped


def member_rows(forum: Forum, group: Group) -> list[tuple[User, Any, bool]]:
    """All members, owners first, then by the time they were added."""
    state = forum.state
    if group.automatic:
        rows = [(state.users[uid], state.users[uid].created_at, False) for uid in state.group_member_ids(group)]
    else:
        rows = [(state.users[m.user_id], m.added_at, m.owner) for m in group.members]
    rows.sort(key=lambda r: (not r[2], r[1], r[0].id))
    return rows
