"""The parts of one sync, each read then planned on its own: the public category, the public topics, and
for each cohort its space (group, members, category) and its topics.

A scope's `read` only reads; its `plan` is a pure function of what was read. The run applies each
scope's plan before reading the next, so a category created for the topics exists when they are read.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ..cohorts.model import Cohort, Schedule
from ..identity import COHORT_PREFIX, PUBLIC_PREFIX, topic_external_id
from ..model import Library
from ..render_forum import forum_post
from .actions import Action, Desired
from .category_index import CategoryIndex
from .client import ForumClient
from .config import SyncConfig
from .plan import make_plan
from .privacy import privacy_problem, read_category
from .remote import RemoteReader, RemoteView
from .spaces import CohortSpaceView, ScopePlan, plan_cohort_space, plan_public_space, read_cohort_space
from .state import SyncState

V = TypeVar("V")
TAGS_HIDDEN_NOTE = (
    "note      the forum shows no tags: tagging is turned off there (site setting tagging_enabled), so the "
    "playbooks' tags are not kept. Turn tagging on, or set extra.forum.tags: false in mkdocs.yml to stop sending them"
)


@dataclass
class Reading:
    """What every scope reads with: the forum, the state, the run's category index, and how closely to look."""

    client: ForumClient
    state: SyncState
    categories: CategoryIndex
    api_username: str
    today: dt.date  # the run's date: people without a forum account are looked up at most once a day
    verify: bool = False
    lookup_first: bool = False  # a dry run looks a topic up before it plans a create, to show what a run would do
    # Groups as the forum showed them to an earlier scope of this run (None: it had no such group), so a later
    # scope about the same group reads nothing again.
    groups: dict[str, dict[str, Any] | None] = field(default_factory=dict)

    def topics(self, wanted: list[Desired], prefix: str, closing: bool = True) -> RemoteView:
        reader = RemoteReader(
            self.client, self.state, self.api_username, self.categories, self.verify, self.lookup_first
        )
        return reader.read(wanted, prefix, closing)


class Scope(ABC, Generic[V]):
    """One part of the run. `needs` names a scope whose failure stops this one; `contained` keeps a failed
    read to this scope (and those that need it) instead of ending the run; `all_or_nothing` stops the
    rest of the scope's plan at its first failed write."""

    name: str
    needs: str | None = None
    contained = False
    all_or_nothing = False

    def intro(self) -> list[str]:
        """Notes shown whether or not the scope can be read."""
        return []

    @abstractmethod
    def read(self, reading: Reading) -> V: ...

    @abstractmethod
    def plan(self, view: V) -> ScopePlan: ...


class PublicSpace(Scope[int | None]):
    def __init__(self, category: str) -> None:
        self.name, self.category, self.all_or_nothing = "public", category, True

    def read(self, reading: Reading) -> int | None:
        return reading.categories.id_of(self.category)

    def plan(self, view: int | None) -> ScopePlan:
        return plan_public_space(self.category, view)


class PublicTopics(Scope[RemoteView]):
    def __init__(self, wanted: list[Desired], force: bool) -> None:
        self.name, self.needs, self.wanted, self.force = "public topics", "public", wanted, force

    def read(self, reading: Reading) -> RemoteView:
        return reading.topics(self.wanted, PUBLIC_PREFIX)

    def plan(self, view: RemoteView) -> ScopePlan:
        actions: list[Action] = list(
            make_plan(self.wanted, view.observed, view.category_ids, view.archived, view.retired, force=self.force)
        )
        notes = [TAGS_HIDDEN_NOTE] if view.tags_hidden and any(w.tags for w in self.wanted) else []
        return ScopePlan(actions, notes)


class CohortSpace(Scope[CohortSpaceView]):
    def __init__(self, cohort: Cohort, schedule_notes: list[str], prune: bool) -> None:
        self.name, self.cohort, self.notes, self.prune = f"cohort {cohort.id}", cohort, schedule_notes, prune
        self.contained = self.all_or_nothing = True

    def intro(self) -> list[str]:
        return self.notes

    def read(self, reading: Reading) -> CohortSpaceView:
        view = read_cohort_space(reading.client, reading.categories, self.cohort, reading.state, reading.today)
        reading.groups[self.cohort.group_name] = view.group
        return view

    def plan(self, view: CohortSpaceView) -> ScopePlan:
        return plan_cohort_space(view, self.prune)


@dataclass(frozen=True)
class CohortTopicsView:
    topics: RemoteView | None
    refusal: str | None = None  # why nothing may be posted into the cohort's category


class CohortTopics(Scope[CohortTopicsView]):
    """The cohort's due topics; never closes one: a discussion that left the curriculum belongs to the cohort."""

    def __init__(self, schedule: Schedule, wanted: list[Desired], force: bool) -> None:
        cohort = schedule.cohort
        self.name, self.needs, self.contained = f"cohort {cohort.id} topics", f"cohort {cohort.id}", True
        self.cohort, self.wanted, self.force = cohort, wanted, force

    def read(self, reading: Reading) -> CohortTopicsView:
        """Before anything is posted, the category's security is checked, unless this run made it or checked it."""
        name, categories = self.cohort.name, reading.categories
        if name not in categories.fresh and name not in categories.shown:
            shown = read_category(reading.client, categories, name)
            problem = privacy_problem(shown, self.cohort.group_name) if shown is not None else None
            if problem is not None:
                return CohortTopicsView(None, problem)
        return CohortTopicsView(reading.topics(self.wanted, f"{COHORT_PREFIX}{self.cohort.id}_", closing=False))

    def plan(self, view: CohortTopicsView) -> ScopePlan:
        if view.topics is None:
            return ScopePlan(refusal=view.refusal)
        in_curriculum = {self.cohort.external_id(p) for p in self.cohort.curriculum}
        notes = [
            f"note      {gone.external_id} is no longer in the curriculum; its topic is left as it is"
            for gone in view.topics.retired
            if gone.external_id not in in_curriculum
        ]
        topics = view.topics
        actions: list[Action] = list(
            make_plan(self.wanted, topics.observed, topics.category_ids, topics.archived, [], force=self.force)
        )
        return ScopePlan(actions, notes)


def public_topics(library: Library, config: SyncConfig) -> list[Desired]:
    """One topic per playbook, in the public category."""
    return [
        Desired(
            key=p.id,
            external_id=topic_external_id(p.id),
            path=config.repo_path(p.path),
            title=p.title,
            tags=p.tags if config.send_tags else None,
            raw=forum_post(p, library.sources, config.site_url),
            category=config.category,
            previous=tuple(topic_external_id(old) for old in p.previous_ids),
            wiki=config.wiki,
        )
        for p in library.playbooks
    ]
