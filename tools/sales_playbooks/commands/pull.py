"""`playbooks pull`: bring edits made in the forum's playbook topics back into the playbook files.

The command loads, checks, writes and prints; reading the forum and merging live in sync/pull.py."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from ..errors import Problem, display_path, errors_in
from ..fileio import atomic_write_text
from ..loader import docs_pages, load_library
from ..model import Library, Playbook
from ..render_forum import forum_post
from ..settings import Settings, read_settings
from ..sync.pull import Pulled, Puller
from ..sync.pull_report import print_pulled, pull_json
from ..sync.state import STATE_FILE, load_state
from ..validate import Context, check_file
from ..yamlsource import read_front_matter
from .common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_PARTIAL,
    err_console,
    format_option,
    out_console,
    print_problems,
    root_option,
    state_file_option,
    summary_line,
    today_option,
)
from .forum_access import forum_client, forum_config, forum_failures


@click.command()
@click.option("--dry-run", is_flag=True, help="Print each playbook's patch (a unified diff); write no file.")
@format_option("text", "json")
@root_option
@state_file_option("The sync state, which holds the text the sync last wrote", STATE_FILE)
@today_option("Check the merged playbooks")
def pull(dry_run: bool, fmt: str, root: Path, state_file: Path | None, today: dt.date | None) -> None:
    """Bring edits made in the forum back into the playbook files.

    For each playbook whose first post a person edited in the forum since the last sync, the change
    (from the text the sync last wrote to the forum's text now) is merged into the playbook file.
    Lines the forum post adds (its header, footer and citations) cannot be edited this way: such
    changes are reported as rejected. When the file changed the same lines, nothing is written and
    both versions are reported as a conflict. A merged file that fails `playbooks validate` is not
    written. Front matter is never touched. Reads only from the forum, paced as `sync`; the forum
    URL comes from mkdocs.yml (DISCOURSE_URL overrides it), credentials only from
    DISCOURSE_API_KEY and DISCOURSE_API_USERNAME. Exit status: 0 done, 1 invalid playbooks,
    2 settings or credentials, 3 a conflict, a rejected change, a merged file that does not validate,
    or a topic that could not be read.

    \b
    Examples:
      playbooks pull --dry-run             the patch each forum edit would make
      playbooks pull                       write the merged playbook files
      playbooks pull --format json > pull.json
    """
    errors = err_console()
    settings = read_settings(root)
    loaded = load_library(settings, today)
    if errors_in(loaded.problems):
        print_problems(loaded.problems, errors)
        errors.print(summary_line(loaded.problems, len(loaded.checked)) + "; nothing was pulled", markup=False)
        sys.exit(EXIT_INVALID)
    library = loaded.library
    config = forum_config("pull", settings, errors)
    client = forum_client(config)
    state = load_state(state_file or (settings.root / STATE_FILE), config.forum_url)
    pages = docs_pages(settings.root / settings.docs_dir) | {p.page_uri for p in library.playbooks}
    puller = Puller(client, state, config.api_username, config.site_url, pages)
    with forum_failures("pull", errors, config.forum_url, unchanged="every playbook file"):
        pulled = puller.pull(library, lambda p: settings.playbooks_dir / p.file_name, config.repo_path)
    for item in pulled:
        settle(item, settings, library, today or dt.date.today(), dry_run)
    if fmt == "json":
        click.echo(json.dumps(pull_json(pulled, client.url, dry_run), indent=2))
    else:
        print_pulled(out_console(), pulled, dry_run)
    for item in pulled:
        if item.problems:
            errors.print("\n".join(item.problems), markup=False)
    clean = all(not item.failure and not item.problems and item.merged and item.merged.clean for item in pulled)
    sys.exit(EXIT_OK if clean else EXIT_PARTIAL)


def settle(item: Pulled, settings: Settings, library: Library, today: dt.date, dry_run: bool) -> None:
    """Check the merged file in memory; write it (atomically) unless it fails or this is a dry run."""
    if item.merged is None or item.merged.text is None:
        return
    problems = errors_in(check_text(settings, library, item.file, item.merged.text, today))
    item.problems = [p.format() for p in problems]
    if not problems and not dry_run:
        atomic_write_text(item.file, item.merged.text)
        item.written = True


def check_text(settings: Settings, library: Library, file: Path, text: str, today: dt.date) -> list[Problem]:
    """`playbooks validate`'s checks of one file, on a text not yet written."""
    from ..pages import absent_pages  # the page list imports the renderers, as in the loader

    site_url = settings.site_url or "https://example.org/"

    def body(playbook: Playbook) -> str:
        return forum_post(playbook, library.sources, site_url)

    ctx = Context(
        sources=frozenset(library.sources),
        docs_pages=docs_pages(settings.root / settings.docs_dir, absent_pages(settings)),
        limits=settings.forum.limits,
        today=today,
        forum_body=body,
    )
    shown = display_path(file)
    doc, found = read_front_matter(text, shown)
    return found + check_file(shown, file.name, doc, ctx).problems
