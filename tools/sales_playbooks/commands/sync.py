"""`playbooks sync`: publish every playbook (and each cohort's due weeks) as forum topics and keep them current.

The command only loads, checks, locks and prints; reading, planning and writing live in sync/."""

from __future__ import annotations

import datetime as dt
import json
import sys
from contextlib import nullcontext
from pathlib import Path

import click
from rich.progress import Progress

from ..cohorts.check import repository_cohorts
from ..cohorts.model import Cohort
from ..errors import errors_in
from ..loader import load_library
from ..model import Library
from ..settings import read_settings
from ..sync.config import SyncConfig, current_commit
from ..sync.lock import SyncRunning, state_lock
from ..sync.report import outcome_json, print_outcome
from ..sync.run import Options, Outcome, SyncRun, run_sync, scopes_for
from ..sync.state import STATE_FILE, load_state, save_state
from .common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
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
from .forum_access import forum_client, forum_config, forum_failures


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
    2 settings or credentials, or another sync running on the same state file, 3 some actions failed or
    a first post edited in the forum was left alone (a conflict).

    Each cohort in peer-groups/ gets its group, members and private category, and its week-n topic
    at its release_at time (08:00 by default) on start + (n - 1) x cadence, in the cohort's time zone;
    --dry-run shows what is released and what comes next. Members hear of each week as the file's
    `notify` says (the group watches its category by default). A cohort that meets also gets its
    facilitators' group and private category, with each week's session guide a week ahead.

    \b
    Examples:
      playbooks sync --dry-run             what would change, with every write listed
      playbooks sync --verify              also catch edits made in the forum
      playbooks sync --format json > sync.json
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
    options = Options(dry_run, force, verify, prune_members, today, now)
    cohorts = repository_cohorts(settings, loaded.library)
    if errors_in(cohorts.problems):
        print_problems(cohorts.problems, errors)
        errors.print(f"{cohorts.files} peer-group file(s) have errors; nothing was sent to the forum", markup=False)
        sys.exit(EXIT_INVALID)
    config = forum_config("sync", settings, errors)
    path = state_file or (settings.root / STATE_FILE)
    try:
        with nullcontext() if dry_run else state_lock(path):
            outcome = run_and_save(config, settings.root, path, loaded.library, cohorts.cohorts, options, fmt)
    except SyncRunning as exc:
        errors.print(f"playbooks sync: {exc}", markup=False)
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_OK if outcome.ok else EXIT_PARTIAL)


def run_and_save(
    config: SyncConfig,
    root: Path,
    path: Path,
    library: Library,
    cohorts: list[Cohort],
    options: Options,
    fmt: str,
) -> Outcome:
    """Run the sync, save the state (unless a dry run) and print the outcome."""
    client = forum_client(config)
    console = out_console()
    show_progress = fmt == "text" and not options.dry_run and console.is_terminal
    errors = err_console()
    with Progress(console=console, transient=True, disable=not show_progress) as progress:
        run = SyncRun(
            client,
            load_state(path, config.forum_url),
            None if options.dry_run else path,
            config,
            options,
            f"Synced from the playbooks repository at {current_commit(root)}",
            progress if show_progress else None,
        )
        with forum_failures("sync", errors, config.forum_url):
            outcome = run_sync(run, scopes_for(run, library, cohorts))
    if not options.dry_run:
        save_state(path, run.state)
    if fmt == "json":
        click.echo(json.dumps(outcome_json(outcome, options.dry_run, client.url, client.counts), indent=2))
    else:
        print_outcome(console, outcome, options.dry_run, client.counts)
    return outcome
