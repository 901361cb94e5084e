"""Carry out the space actions (categories, groups, members) exactly as planned, recording new category ids.

Creates are made safe to retry as topic creates are: after a server error or a dropped connection the
forum may have committed, so the name is looked up before the create is tried again; and a name
already taken means someone else made it meanwhile, so it is looked up and used.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from .actions import AddMembers, CreateCategory, CreateGroup, RemoveMembers, Result
from .category_index import same_name
from .client import ForumClient
from .transport import CredentialsError, ForumError

CREATE_ATTEMPTS = 4
MEANWHILE = "made meanwhile by someone else (another sync, or an admin)"
T = TypeVar("T")


def retry_wait(attempt: int) -> float:
    """Seconds to wait before attempt number `attempt` (1, 2, 3...) of a create."""
    return min(8.0, 0.5 * 2.0**attempt)


def name_taken(exc: ForumError) -> bool:
    """Discourse's 422 for a category or group name in use (docs/dev/discourse.md#private-categories)."""
    return exc.status == 422 and "has already been taken" in exc.message.lower()


class Made(StrEnum):
    CREATED = "created"  # this run's request made it
    RECOVERED = "recovered"  # a request failed without an answer, and the thing was found: most likely ours
    TAKEN = "taken"  # the forum said the name is taken: someone else made it


class SpaceApplier:
    """One method per space action; each returns its Result and raises ForumError when the forum refuses."""

    def __init__(
        self,
        client: ForumClient,
        categories: dict[str, int],
        save: Callable[[], None],
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client, self.categories, self.save, self.sleep = client, categories, save, sleep
        self.created: set[str] = set()  # categories this run made: no topic in them yet

    def _create(self, create: Callable[[], T], find: Callable[[], T | None]) -> tuple[T, Made]:
        """Create, or find what a failed or refused create left; raise when neither works."""
        last: ForumError | None = None
        for attempt in range(CREATE_ATTEMPTS):
            if attempt:
                self.sleep(retry_wait(attempt))
            try:
                return create(), Made.CREATED
            except CredentialsError:
                raise
            except ForumError as exc:
                if exc.status is not None and exc.status < 500 and not name_taken(exc):
                    raise  # the forum refused it: trying again would not help
                found = find()
                if found is not None:
                    return found, Made.TAKEN if name_taken(exc) else Made.RECOVERED
                if name_taken(exc):
                    raise
                last = exc
        if last is None:
            raise ForumError("POST", "", None, "no attempt was made")
        raise ForumError(last.method, last.path, last.status, f"{last.message} (after {CREATE_ATTEMPTS} attempts)")

    def create_category(self, action: CreateCategory) -> Result:
        """A category found rather than made is checked like any other before anything is posted in it."""
        permissions, color = dict(action.permissions), action.color or "0088CC"
        category_id, made = self._create(
            lambda: self.client.create_category(action.name, permissions, color),
            lambda: self._category_named(action.name),
        )
        self.categories[action.name] = category_id
        if made is Made.CREATED:
            self.created.add(action.name)
        self.save()
        what = "private category" if action.private else "category"
        if made is Made.TAKEN:
            return Result(action, True, f"found {what} '{action.name}' (id {category_id}), {MEANWHILE}; using it")
        if made is Made.RECOVERED:
            return Result(action, True, f"created {what} '{action.name}' (id {category_id}; found after no answer)")
        return Result(action, True, f"created {what} '{action.name}' (id {category_id})")

    def _category_named(self, name: str) -> int | None:
        found = next((c for c in self.client.categories() if same_name(str(c.get("name", "")), name)), None)
        return int(found["id"]) if found is not None and isinstance(found.get("id"), int) else None

    def create_group(self, action: CreateGroup) -> Result:
        """One request: the group, seen only by its members and staff, with everyone who has an account."""
        names = list(action.usernames)
        mention = {"mentionable_level": action.mentionable_level} if action.mentionable_level is not None else {}
        answer, made = self._create(
            lambda: dict(
                self.client.create_group(action.name, action.full_name, action.visibility_level, names, **mention)
            ),
            lambda: self._group_named(action.name),
        )
        group: dict[str, Any] = answer.get("basic_group") or {}
        if made is not Made.CREATED:
            tail = ""
            if names and int(group.get("user_count", 0)) < len(names):  # another's group, or ours without them
                tail = "; " + self.add_members(AddMembers(action.name, int(group["id"]), action.usernames)).message
            if made is Made.RECOVERED:
                return Result(
                    action, True, f"created group '{action.name}' (id {group.get('id')}; found after no answer){tail}"
                )
            return Result(action, True, f"found group '{action.name}' (id {group.get('id')}), {MEANWHILE}{tail}")
        count = int(group.get("user_count", len(action.usernames)))
        message = f"created group '{action.name}' (id {group.get('id')}) with {count} member(s)"
        if count < len(action.usernames):
            message += f"; the forum did not know {len(action.usernames) - count} of the usernames"
        return Result(action, True, message)

    def _group_named(self, name: str) -> dict[str, Any] | None:
        found = self.client.group(name)
        return {"basic_group": found} if found is not None else None

    def add_members(self, action: AddMembers) -> Result:
        """One request for everyone; each of them had an account when the forum was read."""
        try:
            answer = self.client.add_members(action.group_id, list(action.usernames))
        except ForumError as exc:
            if exc.status == 422:  # everyone listed is already a member (docs/dev/discourse.md#groups): nothing to do
                return Result(action, True, f"kept the members of '{action.group}': everyone listed is already in it")
            raise
        added = {str(n).lower() for n in answer.get("usernames") or action.usernames}
        names = [n for n in action.usernames if n.lower() in added]
        return Result(action, True, f"added {len(names)} member(s) to '{action.group}': {', '.join(names)}")

    def remove_members(self, action: RemoveMembers) -> Result:
        self.client.remove_members(action.group_id, list(action.usernames))
        names = ", ".join(action.usernames)
        return Result(action, True, f"removed {len(action.usernames)} member(s) from '{action.group}': {names}")
