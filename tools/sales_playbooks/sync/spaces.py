"""The spaces topics live in: the public category, and each cohort's group, members and private category.

Each is read first (reads only), then planned (a pure function) into typed actions. Group and
category endpoints need an admin API key (docs/dev/discourse.md#private-categories). Membership is
made to match the cohort file: missing members who have a forum account are added (someone already
a member is fine), people the file no longer lists are reported, and removed only when asked to prune.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cohorts.model import NOTIFY_MENTION, Cohort
from .actions import Action, AddMembers, CreateCategory, CreateGroup, RemoveMembers
from .category_index import CategoryIndex, CategoryShown
from .client import ForumClient
from .privacy import privacy_problem, read_category
from .state import MissingMembers, SyncState

PUBLIC_PERMISSIONS = (("everyone", 2),)  # anyone may read and reply; topics come from the sync
PERMISSION_FULL = 1  # CategoryGroup.permission_types: see, reply and create topics
COHORT_COLOR = "5B4B8A"
GROUP_VISIBILITY_MEMBERS = 2  # Group.visibility_levels: public 0, logged_on_users 1, members 2
MENTIONABLE = 3  # Group::ALIAS_LEVELS members_mods_and_admins: the sync (an admin) and the group itself may @mention it


@dataclass(frozen=True)
class ScopePlan:
    """What one scope of the run would write, what it notes, and why it refuses to go on (if it does)."""

    actions: list[Action] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    refusal: str | None = None


def cohort_permissions(cohort: Cohort) -> tuple[tuple[str, int], ...]:
    """Only the cohort's group and staff; with no 'everyone' entry the category is read-restricted."""
    return ((cohort.group_name, PERMISSION_FULL), ("staff", PERMISSION_FULL))


def plan_public_space(name: str, category_id: int | None) -> ScopePlan:
    """The public category, created when missing."""
    return ScopePlan([CreateCategory(name, PUBLIC_PERMISSIONS)] if category_id is None else [])


@dataclass(frozen=True)
class CohortSpaceView:
    """A cohort's space as the forum shows it."""

    cohort: Cohort
    group_id: int | None  # None: the group does not exist
    members: frozenset[str]  # lowercased usernames in the group
    accounts: dict[str, bool]  # username -> has a forum account, for everyone not yet in the group
    category: CategoryShown | None  # None: no category of the cohort's name
    group: dict[str, Any] | None = None  # the group as the forum showed it, for the steps after this one


def read_cohort_space(
    client: ForumClient, categories: CategoryIndex, cohort: Cohort, state: SyncState, today: dt.date
) -> CohortSpaceView:
    """The group, its members, the forum accounts of the people not in it yet, and the category (reads only).

    The category is read from its own page on every run, never trusted from the state file: its
    security settings tell whether it is still private to the group.
    """
    found = client.group(cohort.group_name)
    group_id = int(found["id"]) if found is not None else None
    listed = client.group_members(cohort.group_name) if found is not None else set()
    members = frozenset(m.lower() for m in listed)
    # Reads first: only people with a forum account are added, so a run with nothing new writes nothing.
    outside = [name for name in cohort.everyone if name.lower() not in members]
    accounts = read_accounts(client, state, cohort, outside, today)
    category = read_category(client, categories, cohort.name)
    return CohortSpaceView(cohort, group_id, members, accounts, category, found)


def file_hash(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""  # unreadable now: never matches, so everyone is looked up


def read_accounts(
    client: ForumClient, state: SyncState, cohort: Cohort, usernames: list[str], today: dt.date, key: str = ""
) -> dict[str, bool]:
    """Whether each of `usernames` has a forum account, one read each, except for those found without
    one earlier on the same day with the same cohort file: the state remembers them (and is updated),
    under the cohort's id or, for another of its groups, under `key`."""
    file, day, memo_key = file_hash(cohort.path), today.isoformat(), key or cohort.id
    memo = state.missing.get(memo_key)
    recent = memo is not None and memo.checked == day and memo.file == file and file != ""
    remembered = {name.lower() for name in memo.usernames} if memo is not None and recent else set()
    accounts = {name: name.lower() not in remembered and client.has_account(name) for name in usernames}
    absent = [name for name, has in accounts.items() if not has]
    if absent:
        state.missing[memo_key] = MissingMembers(memo.checked if memo and recent else day, file, absent)
    else:
        state.missing.pop(memo_key, None)
    return accounts


def plan_cohort_space(view: CohortSpaceView, prune: bool) -> ScopePlan:
    """The group with its members, and the private category: what to create, add or remove."""
    cohort = view.cohort
    problem = privacy_problem(view.category, cohort.group_name) if view.category is not None else None
    if problem is not None:
        return ScopePlan(refusal=problem)  # nothing is written for this cohort, not even its members
    actions: list[Action] = []
    notes: list[str] = []
    known = tuple(name for name, has in view.accounts.items() if has)
    absent = [name for name, has in view.accounts.items() if not has]
    if view.group_id is None:
        mentionable = MENTIONABLE if cohort.notify == NOTIFY_MENTION else None  # so the first topic tells everyone
        actions.append(CreateGroup(cohort.group_name, cohort.name, GROUP_VISIBILITY_MEMBERS, known, mentionable))
    elif known:
        actions.append(AddMembers(cohort.group_name, view.group_id, known))
    if absent:
        notes.append(
            f"warning   cohort {cohort.id}: no forum account yet for {', '.join(absent)}; they are added once "
            "they sign up (looked up again on the next day's run, or at once when the cohort file changes)"
        )
    listed = {name.lower() for name in cohort.everyone}
    extra = tuple(sorted(m for m in view.members if m not in listed))
    if extra and not prune:
        notes.append(
            f"warning   '{cohort.group_name}' has member(s) the cohort file does not list: {', '.join(extra)} "
            "(kept; run with --prune-members to remove them)"
        )
    elif extra and view.group_id is not None:
        actions.append(RemoveMembers(cohort.group_name, view.group_id, extra))
    if view.category is None:
        actions.append(CreateCategory(cohort.name, cohort_permissions(cohort), COHORT_COLOR))
    return ScopePlan(actions, notes)
