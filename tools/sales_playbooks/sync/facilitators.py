"""The facilitators' own space for a cohort that meets: their group, their private category, a session guide a week.

Members must never read the guides (they hold the members' names and the facilitators' plan), so the guides
live in a category of their own that only the facilitators' group and staff can see, checked before anything is
posted in it exactly as the cohort's category is (docs/dev/discourse.md#private-categories). Whispers would keep
the guide in the week's topic, but who reads them is one site-wide setting (`whispers_allowed_groups`): every
cohort's facilitators would see every whisper on the forum.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..cohorts.guide import facilitators_category, facilitators_group
from ..cohorts.model import NOTIFY_NONE, NOTIFY_WATCHING, Cohort
from ..identity import GUIDE_PREFIX
from .actions import Action, AddMembers, CreateCategory, CreateGroup, Desired, RemoveMembers
from .category_index import CategoryShown
from .notify import GroupNotify
from .plan import make_plan
from .privacy import privacy_problem, read_category
from .scopes import CohortTopicsView, Reading, Scope
from .spaces import GROUP_VISIBILITY_MEMBERS, PERMISSION_FULL, ScopePlan, read_accounts

FACILITATORS_COLOR = "3A6E8F"


@dataclass(frozen=True)
class FacilitatorSpaceView:
    group_id: int | None  # None: no group yet
    members: frozenset[str]  # lowercased
    accounts: dict[str, bool]  # facilitators not in the group yet -> has a forum account
    category: CategoryShown | None


class FacilitatorSpace(Scope[FacilitatorSpaceView]):
    """The facilitators' group (the cohort file's facilitators) and their private category."""

    def __init__(self, cohort: Cohort, prune: bool) -> None:
        self.cohort, self.prune, self.group = cohort, prune, facilitators_group(cohort)
        self.name, self.needs = f"cohort {cohort.id} facilitators", f"cohort {cohort.id}"
        self.contained = self.all_or_nothing = True

    def read(self, reading: Reading) -> FacilitatorSpaceView:
        client, cohort = reading.client, self.cohort
        found = client.group(self.group)
        reading.groups[self.group] = found
        members = frozenset(m.lower() for m in client.group_members(self.group)) if found is not None else frozenset()
        outside = [name for name in cohort.facilitators if name.lower() not in members]
        key = f"{cohort.id}/facilitators"
        accounts = read_accounts(client, reading.state, cohort, outside, reading.today, key)
        category = read_category(client, reading.categories, facilitators_category(cohort))
        return FacilitatorSpaceView(int(found["id"]) if found else None, members, accounts, category)

    def plan(self, view: FacilitatorSpaceView) -> ScopePlan:
        cohort, group = self.cohort, self.group
        problem = privacy_problem(view.category, group) if view.category is not None else None
        if problem is not None:
            return ScopePlan(refusal=problem)
        actions: list[Action] = []
        notes: list[str] = []
        known = tuple(name for name, has in view.accounts.items() if has)
        absent = [name for name, has in view.accounts.items() if not has]
        if view.group_id is None:
            actions.append(CreateGroup(group, f"Facilitators: {cohort.name}", GROUP_VISIBILITY_MEMBERS, known))
        elif known:
            actions.append(AddMembers(group, view.group_id, known))
        if absent:
            notes.append(
                f"warning   cohort {cohort.id}: facilitator(s) without a forum account yet: {', '.join(absent)}; "
                f"they join '{group}' once they sign up"
            )
        listed = {name.lower() for name in cohort.facilitators}
        extra = tuple(sorted(m for m in view.members if m not in listed))
        if extra and not self.prune:
            notes.append(
                f"warning   '{group}' has member(s) the cohort file does not list as facilitators: {', '.join(extra)} "
                "(kept; run with --prune-members to remove them)"
            )
        elif extra and view.group_id is not None:
            actions.append(RemoveMembers(group, view.group_id, extra))
        if view.category is None:
            permissions = ((group, PERMISSION_FULL), ("staff", PERMISSION_FULL))
            actions.append(CreateCategory(facilitators_category(cohort), permissions, FACILITATORS_COLOR))
        return ScopePlan(actions, notes)


class FacilitatorGuides(Scope[CohortTopicsView]):
    """The guides due now; like the cohort's topics, never closed."""

    def __init__(self, cohort: Cohort, wanted: list[Desired], force: bool) -> None:
        self.cohort, self.wanted, self.force = cohort, wanted, force
        self.name, self.needs, self.contained = f"cohort {cohort.id} guides", f"cohort {cohort.id} facilitators", True

    def read(self, reading: Reading) -> CohortTopicsView:
        """The category's security is checked before anything is posted, unless this run made it or read it."""
        name, categories = facilitators_category(self.cohort), reading.categories
        if name not in categories.fresh and name not in categories.shown:
            shown = read_category(reading.client, categories, name)
            problem = privacy_problem(shown, facilitators_group(self.cohort)) if shown is not None else None
            if problem is not None:
                return CohortTopicsView(None, problem)
        return CohortTopicsView(reading.topics(self.wanted, f"{GUIDE_PREFIX}{self.cohort.id}_", closing=False))

    def plan(self, view: CohortTopicsView) -> ScopePlan:
        if view.topics is None:
            return ScopePlan(refusal=view.refusal)
        topics = view.topics
        actions: list[Action] = list(
            make_plan(self.wanted, topics.observed, topics.category_ids, topics.archived, [], force=self.force)
        )
        return ScopePlan(actions)


def facilitator_scopes(
    cohort: Cohort, guides: list[Desired], prune: bool, force: bool, finished: bool = False
) -> list[Scope[Any]]:
    """The facilitators' space, their notifications (they watch their category unless `notify: none`), and the
    guides; nothing for a cohort that does not meet, nor for one that has finished (its guides are all out)."""
    if cohort.meets is None or finished:
        return []
    scopes: list[Scope[Any]] = [FacilitatorSpace(cohort, prune)]
    if cohort.notify != NOTIFY_NONE:
        name, needs = f"cohort {cohort.id} facilitators' notifications", f"cohort {cohort.id} facilitators"
        group, category = facilitators_group(cohort), facilitators_category(cohort)
        scopes.append(GroupNotify(name, needs, group, category, NOTIFY_WATCHING, None))
    scopes.append(FacilitatorGuides(cohort, guides, force))
    return scopes
