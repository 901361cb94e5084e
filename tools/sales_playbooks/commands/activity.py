"""`playbooks activity`: read each public playbook topic's discussion and write data/activity.json."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..activity import ACTIVITY_FILE, Entry, remembered_topic_ids, write_activity
from ..identity import topic_external_id
from ..loader import load_library
from ..model import Library
from ..settings import read_settings
from ..sync.client import ForumClient
from ..sync.reading import Reader
from ..sync.state import STATE_FILE, load_state
from .common import EXIT_OK, err_console, out_console, root_option, state_file_option
from .forum_access import forum_client, forum_config, forum_failures


def read_activity(client: ForumClient, library: Library, known: dict[str, int]) -> dict[str, Entry]:
    """One entry per playbook whose topic exists; `known` maps playbook ids to remembered topic ids."""
    reader = Reader(client)
    entries: dict[str, Entry] = {}
    for playbook in library.playbooks:
        topic = reader.find(topic_external_id(playbook.id), known.get(playbook.id))
        for old in playbook.previous_ids if topic is None else ():
            topic = topic or reader.find(topic_external_id(old))  # a topic made under an id the playbook had
        if topic is None:
            continue  # not synced yet: the page links to /t/external_id/… and shows no counts
        replies = topic.replies
        entries[playbook.id] = Entry(
            topic_id=topic.id,
            url=topic.url(client.url),
            replies=len(replies),
            participants=len(topic.repliers()),
            likes=topic.like_count,
            last_activity=topic.last_posted_at,
        )
    return entries


@click.command()
@root_option
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"Where to write the counts (default: {ACTIVITY_FILE} in the root).",
)
@state_file_option("The sync's state file, read for topic ids", STATE_FILE)
def activity(root: Path, output: Path | None, state_file: Path | None) -> None:
    """Read replies, people, likes and last activity of each playbook's forum topic into a data file.

    The site build reads the file (never the forum): each playbook page shows its counts and the
    home page lists the most discussed playbooks. Uses the same settings and credentials as
    `playbooks sync`. The old file is kept if reading fails. Exit status: 0 written, 2 settings or
    credentials, 3 the forum could not be read.

    \b
    Examples:
      playbooks activity
      playbooks activity --output /tmp/activity.json
    """
    errors = err_console()
    settings = read_settings(root)
    library = load_library(settings).library
    config = forum_config("activity", settings, errors)
    target = output or (settings.root / ACTIVITY_FILE)
    known = remembered_topic_ids(target)
    state = load_state(state_file or (settings.root / STATE_FILE), config.forum_url)
    for playbook in library.playbooks:
        record = state.topics.get(topic_external_id(playbook.id))
        if record is not None:
            known.setdefault(playbook.id, record.topic_id)
    client = forum_client(config)
    with forum_failures("activity", errors, config.forum_url, unchanged=str(target)):
        entries = read_activity(client, library, known)
    write_activity(target, config.forum_url, entries, dt.datetime.now(dt.UTC))
    replies = sum(e.replies for e in entries.values())
    out_console().print(
        f"{len(entries)} of {len(library.playbooks)} playbook topic(s) read, {replies} replies in all; wrote {target} "
        f"({client.counts.total} requests)",
        markup=False,
    )
    sys.exit(EXIT_OK)
