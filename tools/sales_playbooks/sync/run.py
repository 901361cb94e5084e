"""One sync run: the run object, and the one read → plan → apply loop over its scopes.

Scopes are taken in order (the public category, the public topics, then each cohort's space and
topics). Each is read (reads only), planned (pure), and, unless this is a dry run, applied before the
next is read. A scope that fails stops the scopes that need it; the others go on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.progress import Progress

from ..cohorts.model import Cohort
from ..model import Library
from .actions import Action, Result
from .apply import Applier
from .category_index import CategoryIndex
from .client import ForumClient
from .cohorts import cohort_scopes
from .config import SyncConfig
from .resolve import Resolver
from .scopes import PublicSpace, PublicTopics, Reading, Scope, public_topics
from .state import SyncState
from .transport import CredentialsError, ForumError


@dataclass(frozen=True)
class Options:
    dry_run: bool = False  # read and plan only
    force: bool = False  # replace first posts that a person edited in the forum
    verify: bool = False  # read every first post, whatever the state file says
    prune_members: bool = False  # remove group members that a cohort file no longer lists
    today: dt.date | None = None  # release cohort topics as if it were this day
    now: dt.datetime | None = None  # release cohort topics as if it were this instant


@dataclass
class SyncRun:
    """Everything one sync works with: the forum, the state, the settings, the options, and the edit reason."""

    client: ForumClient
    state: SyncState
    state_path: Path | None  # saved after every write; None on a dry run
    config: SyncConfig
    options: Options
    edit_reason: str
    progress: Progress | None = None


@dataclass(frozen=True)
class Failure:
    """A scope that could not go on: the forum could not be read for it, or the sync refused to write there."""

    scope: str
    message: str

    @property
    def line(self) -> str:
        return f"FAILED    {self.scope}: {self.message}"


@dataclass
class Outcome:
    """Everything one sync did or would do, for printing and for the exit status."""

    notes: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    stopped: set[str] = field(default_factory=set)  # scopes that failed, or that needed one that did

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if not r.ok]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.failures

    def fail(self, scope: str, message: str) -> None:
        self.failures.append(Failure(scope, message))
        self.notes.append(Failure(scope, message).line)
        self.stopped.add(scope)


def scopes_for(run: SyncRun, library: Library, cohorts: list[Cohort]) -> list[Scope[Any]]:
    """The public category and topics, then each cohort's space and due topics."""
    config, options = run.config, run.options
    scopes: list[Scope[Any]] = [
        PublicSpace(config.category),
        PublicTopics(public_topics(library, config), options.force),
    ]
    return scopes + cohort_scopes(
        cohorts,
        library,
        config.site_url,
        config.root,
        options.today,
        options.prune_members,
        options.force,
        options.now,
        config.forum_url,
    )


def run_sync(run: SyncRun, scopes: list[Scope[Any]]) -> Outcome:
    """Read, plan and (unless a dry run) apply each scope in turn."""
    outcome = Outcome()
    categories = CategoryIndex(run.client, run.state)
    today = run.options.today or (run.options.now or dt.datetime.now(dt.UTC)).date()
    user, options = run.config.api_username, run.options
    reading = Reading(run.client, run.state, categories, user, today, options.verify, lookup_first=options.dry_run)
    resolve = Resolver(run.client, run.state, run.config.api_username, run.options.force)
    applier = Applier(run.client, run.state, run.state_path, run.edit_reason, run.state.categories, resolve=resolve)
    categories.fresh = applier.spaces.created  # a category this run made holds no topic yet
    for scope in scopes:
        outcome.notes += scope.intro()
        if scope.needs is not None and scope.needs in outcome.stopped:
            outcome.stopped.add(scope.name)
            continue
        try:
            view = scope.read(reading)
        except CredentialsError:
            raise
        except ForumError as exc:
            if not scope.contained:
                raise
            outcome.fail(scope.name, str(exc))
            continue
        planned = scope.plan(view)
        outcome.notes += planned.notes
        outcome.actions += planned.actions
        if planned.refusal is not None:
            outcome.fail(scope.name, planned.refusal)
        elif not run.options.dry_run:
            apply_scope(run, applier, scope, planned.actions, outcome)
    return outcome


def apply_scope(
    run: SyncRun,
    applier: Applier,
    scope: Scope[Any],
    actions: list[Action],
    outcome: Outcome,
) -> None:
    """Carry out one scope's plan in order; an all-or-nothing scope stops at its first failure."""
    progress = run.progress
    task = progress.add_task(f"Syncing {scope.name}", total=len(actions)) if progress and actions else None
    for index, action in enumerate(actions):
        result = applier.apply(action)
        outcome.results.append(result)
        if progress is not None and task is not None:
            progress.advance(task)
        if not result.ok and scope.all_or_nothing:
            skipped = actions[index + 1 :]
            outcome.results += [Result(a, False, "not done: an earlier step failed", sent=False) for a in skipped]
            outcome.stopped.add(scope.name)
            return
