"""Carry out the space actions (categories, groups, members) exactly as planned, recording new category ids."""

from __future__ import annotations

from collections.abc import Callable

from .actions import AddMembers, CreateCategory, CreateGroup, RemoveMembers, Result
from .category_index import same_name
from .client import ForumClient
from .transport import ForumError

MEANWHILE = "made meanwhile by someone else (another sync, or an admin)"


def name_taken(exc: ForumError) -> bool:
    """Discourse's 422 for a category or group name in use (docs/dev/discourse.md#private-categories)."""
    return exc.status == 422 and "has already been taken" in exc.message.lower()


class SpaceApplier:
    """One method per space action; each returns its Result and raises ForumError when the forum refuses."""

    def __init__(self, client: ForumClient, categories: dict[str, int], save: Callable[[], None]) -> None:
        self.client, self.categories, self.save = client, categories, save
        self.created: set[str] = set()  # categories this run made: no topic in them yet

    def create_category(self, action: CreateCategory) -> Result:
        """A name already taken means someone made the category meanwhile: it is looked up and used.
        Its security is then checked like any category the run did not make, before anything is posted."""
        try:
            category_id = self.client.create_category(action.name, dict(action.permissions), action.color or "0088CC")
        except ForumError as exc:
            found = self._category_named(action.name) if name_taken(exc) else None
            if found is None:
                raise
            self.categories[action.name] = found
            self.save()
            return Result(action, True, f"found category '{action.name}' (id {found}), {MEANWHILE}; using it")
        self.categories[action.name] = category_id
        self.created.add(action.name)
        self.save()
        what = "private category" if action.private else "category"
        return Result(action, True, f"created {what} '{action.name}' (id {category_id})")

    def _category_named(self, name: str) -> int | None:
        found = next((c for c in self.client.categories() if same_name(str(c.get("name", "")), name)), None)
        return int(found["id"]) if found is not None and isinstance(found.get("id"), int) else None

    def create_group(self, action: CreateGroup) -> Result:
        """One request: the group, seen only by its members and staff, with everyone who has an account."""
        names = list(action.usernames)
        try:
            answer = self.client.create_group(action.name, action.full_name, action.visibility_level, names)
        except ForumError as exc:
            found = self.client.group(action.name) if name_taken(exc) else None
            if found is None:
                raise
            added = self.add_members(AddMembers(action.name, int(found["id"]), action.usernames)) if names else None
            tail = f"; {added.message}" if added is not None else ""
            return Result(action, True, f"found group '{action.name}' (id {found['id']}), {MEANWHILE}{tail}")
        group = answer.get("basic_group") or {}
        count = int(group.get("user_count", len(action.usernames)))
        message = f"created group '{action.name}' (id {group.get('id')}) with {count} member(s)"
        if count < len(action.usernames):
            message += f"; the forum did not know {len(action.usernames) - count} of the usernames"
        return Result(action, True, message)

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
