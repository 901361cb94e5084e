"""A cohort's private space in the forum: its group, the group's members, and its private category.

Group and category endpoints need an admin API key (docs/dev/discourse.md#private-categories).
Membership is made to match the cohort file: missing members are added (someone already a member is
fine), people the file no longer lists are reported, and removed only when asked to prune.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..cohorts.model import Cohort
from .client import ForumClient
from .state import SyncState
from .transport import CredentialsError, ForumError

PERMISSION_FULL = 1  # CategoryGroup.permission_types: see, reply and create topics
COHORT_COLOR = "5B4B8A"
GROUP_VISIBILITY_MEMBERS = 2  # Group.visibility_levels: public 0, logged_on_users 1, members 2


def cohort_permissions(cohort: Cohort) -> dict[str, int]:
    """Only the cohort's group and staff; with no 'everyone' entry the category is read-restricted."""
    return {cohort.group_name: PERMISSION_FULL, "staff": PERMISSION_FULL}


@dataclass
class Space:
    """What one cohort's space looks like after `ensure`, and what was done or would be done."""

    cohort: Cohort
    group_id: int | None = None
    category_id: int | None = None
    notes: list[str] = field(default_factory=list)
    not_on_forum: list[str] = field(default_factory=list)  # usernames in the file that the forum does not know
    not_in_file: list[str] = field(default_factory=list)  # group members the file no longer lists
    error: str | None = None  # set when the cohort's topics must not be synced this run

    @property
    def ready(self) -> bool:
        return self.error is None and self.category_id is not None


class Spaces:
    """Makes sure each cohort has its group, members and private category. One instance per run."""

    def __init__(self, client: ForumClient, state: SyncState, dry_run: bool, prune: bool) -> None:
        self.client, self.state, self.dry_run, self.prune = client, state, dry_run, prune
        self._categories: list[dict[str, Any]] | None = None

    def categories(self) -> list[dict[str, Any]]:
        """Read once per run, never from the state file: each run re-checks that categories are private."""
        if self._categories is None:
            self._categories = self.client.categories()
        return self._categories

    def ensure(self, cohort: Cohort) -> Space:
        space = Space(cohort)
        try:
            self._group(space)
            self._category(space)
        except CredentialsError:
            raise
        except ForumError as exc:
            space.error = str(exc)
            space.notes.append(f"FAILED    cohort {cohort.id}: {exc}")
        return space

    # group and members -----------------------------------------------------------------------

    def _group(self, space: Space) -> None:
        cohort = space.cohort
        wanted = {name.lower(): name for name in cohort.everyone}
        found = self.client.group(cohort.group_name)
        members: set[str] = set()
        if found is None and self.dry_run:
            known = self._with_accounts(list(wanted.values()), space)
            space.notes.append(f"create    group '{cohort.group_name}' with {len(known)} member(s)")
        elif found is None:
            space.group_id, count = self._create_group(cohort)
            space.notes.append(f"created   group '{cohort.group_name}' (id {space.group_id}) with {count} member(s)")
            # The forum skips usernames it does not know; only then is the member list worth a read.
            members = set(wanted) if count == len(wanted) else self._members(cohort)
            space.not_on_forum += [name for key, name in wanted.items() if key not in members]
        else:
            space.group_id = int(found["id"])
            members = self._members(cohort)
            # Reads first: only people with a forum account are added, so a run with nothing new writes nothing.
            missing = self._with_accounts([name for key, name in wanted.items() if key not in members], space)
            if missing and self.dry_run:
                space.notes.append(f"add       {len(missing)} member(s) to '{cohort.group_name}': {', '.join(missing)}")
            elif missing:
                added = self._add(space.group_id, missing)
                if added:
                    space.notes.append(f"added     {len(added)} member(s) to '{cohort.group_name}': {', '.join(added)}")
        if space.not_on_forum:
            space.notes.append(
                f"warning   cohort {cohort.id}: no forum account yet for {', '.join(space.not_on_forum)}; "
                "they are added on the first run after they sign up"
            )
        space.not_in_file = sorted(m for m in members if m not in wanted)
        if space.not_in_file:
            self._extra(space)

    def _members(self, cohort: Cohort) -> set[str]:
        return {m.lower() for m in self.client.group_members(cohort.group_name)}

    def _create_group(self, cohort: Cohort) -> tuple[int, int]:
        """One request: the group, seen only by its members and staff, with everyone the file lists."""
        answer = self.client.create_group(
            cohort.group_name, cohort.name, GROUP_VISIBILITY_MEMBERS, list(cohort.everyone)
        )
        group = answer.get("basic_group") or {}
        return int(group["id"]), int(group.get("user_count", -1))

    def _with_accounts(self, usernames: list[str], space: Space) -> list[str]:
        """The usernames the forum knows, one read each; the others go to `space.not_on_forum`."""
        known: list[str] = []
        for name in usernames:
            if self.client.has_account(name):
                known.append(name)
            else:
                space.not_on_forum.append(name)
        return known

    def _add(self, group_id: int, usernames: list[str]) -> list[str]:
        """One request for everyone; each of them has an account (checked just before)."""
        try:
            answer = self.client.add_members(group_id, usernames)
        except ForumError as exc:
            if exc.status == 422:
                return []  # everyone listed is already a member (docs/dev/discourse.md#groups): nothing to do
            raise
        added = {str(n).lower() for n in answer.get("usernames") or usernames}
        return [n for n in usernames if n.lower() in added]

    def _extra(self, space: Space) -> None:
        cohort, extra = space.cohort, space.not_in_file
        if not self.prune:
            space.notes.append(
                f"warning   '{cohort.group_name}' has member(s) the cohort file does not list: {', '.join(extra)} "
                "(kept; run with --prune-members to remove them)"
            )
        elif self.dry_run:
            space.notes.append(f"remove    {len(extra)} member(s) from '{cohort.group_name}': {', '.join(extra)}")
        elif space.group_id is not None:
            self.client.remove_members(space.group_id, extra)
            space.notes.append(f"removed   {len(extra)} member(s) from '{cohort.group_name}': {', '.join(extra)}")

    # category ----------------------------------------------------------------------------------

    def _category(self, space: Space) -> None:
        cohort = space.cohort
        wanted = cohort.name.strip().lower()
        found = next((c for c in self.categories() if str(c.get("name", "")).strip().lower() == wanted), None)
        if found is not None:
            if not found.get("read_restricted"):
                space.error = (
                    f"the category '{cohort.name}' can be read by everyone; cohort topics go only into a private "
                    "category. Restrict it to the group in the forum's category security settings, then sync again"
                )
                space.notes.append(f"FAILED    cohort {cohort.id}: {space.error}")
                return
            space.category_id = int(found["id"])
        elif self.dry_run:
            space.notes.append(
                f"create    private category '{cohort.name}' (group '{cohort.group_name}' and staff only)"
            )
            return
        else:
            space.category_id = self.client.create_category(cohort.name, cohort_permissions(cohort), COHORT_COLOR)
            space.notes.append(f"created   private category '{cohort.name}' (id {space.category_id})")
        self.state.categories[cohort.name] = space.category_id
