"""`playbooks sync`: publish every playbook as a forum topic and keep it current."""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress

from ..commands.common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_PARTIAL,
    err_console,
    format_option,
    now_option,
    out_console,
    print_problems,
    refuse_both,
    root_option,
    state_file_option,
    summary_line,
    today_option,
)
from ..commands.forum_access import forum_client, forum_config, forum_failures
from ..errors import errors_in
from ..identity import PUBLIC_PREFIX, topic_external_id
from ..loader import load_library
from ..model import Library
from ..render_forum import forum_post
from ..settings import read_settings
from .apply import Applier, Result
from .client import ForumClient
from .cohorts import CohortRun, load_for_sync, sync_cohorts
from .config import SyncConfig, current_commit
from .plan import Action, Desired, make_plan
from .remote import RemoteReader
from .report import action_json, print_plan, print_results, result_json, summary
from .state import STATE_FILE, SyncState, load_state, save_state

PUBLIC_PERMISSIONS = {"everyone": 2}  # anyone may read and reply; topics come from the sync
TAGS_HIDDEN_NOTE = (
    "note      the forum shows no tags: tagging is turned off there (site setting tagging_enabled), so the "
    "playbooks' tags are not kept. Turn tagging on, or set extra.forum.tags: false in mkdocs.yml to stop sending them"
)


def public_topics(library: Library, config: SyncConfig) -> list[Desired]:
    return [
        Desired(
            key=p.id,
            external_id=topic_external_id(p.id),
            path=config.repo_path(p.path),
            title=p.title,
            tags=p.tags if config.send_tags else None,
            raw=forum_post(p, library.sources, config.site_url),
            category=config.category,
        )
        for p in library.playbooks
    ]


@dataclass
class Outcome:
    """Everything one sync did or would do, for printing and for the exit status."""

    notes: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if not r.ok]


def ensure_categories(
    client: ForumClient,
    state: SyncState,
    ids: dict[str, int | None],
    permissions: dict[str, dict[str, int]],
    dry_run: bool,
    notes: list[str],
) -> None:
    """Create missing categories (or say they would be created) and remember every id."""
    for name, found in sorted(ids.items()):
        if found is None:
            if dry_run:
                notes.append(f"create    category '{name}'")
                continue
            ids[name] = client.create_category(name, permissions.get(name, PUBLIC_PERMISSIONS))
            notes.append(f"created   category '{name}' (id {ids[name]})")
        state.categories[name] = int(ids[name])  # type: ignore[arg-type]


def run_topics(
    client: ForumClient,
    state: SyncState,
    state_path: Path | None,
    config: SyncConfig,
    wanted: list[Desired],
    scope: str,
    permissions: dict[str, dict[str, int]],
    edit_reason: str,
    dry_run: bool,
    force: bool,
    verify: bool,
    outcome: Outcome,
    progress: Progress | None,
) -> None:
    """Plan and (unless dry_run) apply one set of topics, adding to `outcome`."""
    view = RemoteReader(client, state, config.api_username, verify=verify).read(wanted, scope)
    ensure_categories(client, state, view.category_ids, permissions, dry_run, outcome.notes)
    if view.tags_hidden and any(w.tags for w in wanted):
        outcome.notes.append(TAGS_HIDDEN_NOTE)
    actions = make_plan(wanted, view.observed, view.category_ids, view.archived, view.retired, force=force)
    outcome.actions += actions
    if dry_run:
        return
    applier = Applier(client, state, state_path, edit_reason, view.category_ids)
    task = progress.add_task(f"Syncing {scope}", total=len(actions)) if progress else None
    for action in actions:
        outcome.results.append(applier.apply(action))
        if progress is not None and task is not None:
            progress.advance(task)


@click.command()
@click.option("--dry-run", is_flag=True, help="Read the forum, print the plan, change nothing.")
@click.option("--force", is_flag=True, help="Replace first posts that were edited in the forum.")
@click.option("--verify", is_flag=True, help="Read every first post, to catch edits made in the forum.")
@format_option("text", "json")
@root_option
@state_file_option("Where to keep the sync state", STATE_FILE)
@today_option("Release cohort topics (in every time zone)")
@now_option("Release cohort topics")
@click.option("--prune-members", is_flag=True, help="Remove group members that a cohort file no longer lists.")
def sync(
    dry_run: bool,
    force: bool,
    verify: bool,
    fmt: str,
    root: Path,
    state_file: Path | None,
    today: dt.date | None,
    now: dt.datetime | None,
    prune_members: bool,
) -> None:
    """Publish every playbook as a forum topic and keep it current.

    The forum URL and category come from mkdocs.yml (extra.forum); DISCOURSE_URL overrides the URL.
    Credentials come only from DISCOURSE_API_KEY and DISCOURSE_API_USERNAME; DISCOURSE_RATE_LIMIT
    (requests per minute, default 60) sets the pace. Exit status: 0 done, 1 invalid playbooks,
    2 settings or credentials, 3 some actions failed.

    Each cohort in peer-groups/ gets its group, members and private category, and its week-n topic
    at its release_at time (08:00 by default) on start + (n - 1) x cadence, in the cohort's time zone;
    --dry-run shows what is released and what comes next.
    """
    refuse_both(today, now)
    errors = err_console()
    settings = read_settings(root)
    loaded = load_library(settings)
    if errors_in(loaded.problems):
        print_problems(loaded.problems, errors)
        errors.print(
            summary_line(loaded.problems, len(loaded.checked)) + "; nothing was sent to the forum", markup=False
        )
        sys.exit(EXIT_INVALID)
    day = today
    cohorts = load_for_sync(settings, loaded.library)
    if errors_in(cohorts.problems):
        print_problems(cohorts.problems, errors)
        errors.print(f"{cohorts.files} peer-group file(s) have errors; nothing was sent to the forum", markup=False)
        sys.exit(EXIT_INVALID)
    config = forum_config("sync", settings, errors)
    path = state_file or (settings.root / STATE_FILE)
    state = load_state(path, config.forum_url)
    client = forum_client(config)
    console = out_console()
    outcome = Outcome()
    reason = f"Synced from the playbooks repository at {current_commit(settings.root)}"
    show_progress = fmt == "text" and not dry_run and console.is_terminal
    cohort_run = CohortRun()
    with forum_failures("sync", errors, config.forum_url):
        with Progress(console=console, transient=True, disable=not show_progress) as progress:
            run_topics(
                client,
                state,
                None if dry_run else path,
                config,
                public_topics(loaded.library, config),
                PUBLIC_PREFIX,
                {config.category: PUBLIC_PERMISSIONS},
                reason,
                dry_run,
                force,
                verify,
                outcome,
                progress if show_progress else None,
            )
        cohort_run = sync_cohorts(
            client,
            state,
            None if dry_run else path,
            settings,
            loaded.library,
            cohorts.cohorts,
            config.site_url,
            config.api_username,
            reason,
            day,
            prune_members,
            dry_run,
            force,
            verify,
            now=now,
        )
        outcome.notes += cohort_run.notes
        outcome.actions += cohort_run.actions
        outcome.results += cohort_run.results
    if not dry_run:
        save_state(path, state)
    emit(console, outcome, dry_run, fmt, client)
    sys.exit(EXIT_PARTIAL if outcome.failed or cohort_run.failures else EXIT_OK)


def emit(console: Console, outcome: Outcome, dry_run: bool, fmt: str, client: ForumClient) -> None:
    counts = client.counts
    if fmt == "json":
        payload: dict[str, Any] = {
            "forum": client.url,
            "dry_run": dry_run,
            "notes": outcome.notes,
            "plan": [action_json(a) for a in outcome.actions],
            "results": [result_json(r) for r in outcome.results],
            "summary": summary(outcome.actions, None if dry_run else outcome.results),
            "requests": {**vars(counts), "total": counts.total},
        }
        click.echo(json.dumps(payload, indent=2))
        return
    if dry_run:
        print_plan(console, outcome.actions, outcome.notes)
    else:
        for note in outcome.notes:
            console.print(note, markup=False)
        print_results(console, outcome.results)
    console.print(
        f"{'Plan' if dry_run else 'Sync'}: {summary(outcome.actions, None if dry_run else outcome.results)} "
        f"({counts.total} requests, {counts.rate_limited} rate-limited)",
        markup=False,
    )
