"""What the commands that talk to the forum share: their settings, their client, and how they stop
when the settings are wrong or the forum refuses them (one message, one exit status)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console

from ..settings import Settings
from ..sync.client import ForumClient
from ..sync.config import SettingsError, SyncConfig, sync_config
from ..sync.transport import CredentialsError, ForumError, NotAForumError, credentials_message, not_a_forum_message
from .common import EXIT_PARTIAL, EXIT_USAGE


def forum_config(command: str, settings: Settings, console: Console) -> SyncConfig:
    """The forum settings and credentials; a usage error (exit 2) naming what to fix when they are wrong."""
    try:
        return sync_config(settings)
    except SettingsError as exc:
        console.print(f"playbooks {command}: {exc}", markup=False)
        sys.exit(EXIT_USAGE)


def forum_client(config: SyncConfig) -> ForumClient:
    """A client that also tells a wrong base URL (a 404 on the first read) from a missing topic."""
    return ForumClient(
        config.forum_url, config.api_username, config.api_key, per_minute=config.per_minute, confirm_base=True
    )


@contextmanager
def forum_failures(
    command: str, console: Console, forum_url: str, unchanged: str = "", key_hint: str = ""
) -> Iterator[None]:
    """Run the block; a refusal of the credentials or a URL that is no forum is a settings error (exit 2),
    any other forum error ends the run as partial (exit 3). `unchanged` names what was left as it was;
    `key_hint` says whose key the command needs, when an admin's is not required."""
    try:
        yield
    except CredentialsError as exc:
        message = credentials_message(exc)
        if key_hint:
            message = (
                f"the forum refused the credentials (HTTP {exc.status} on {exc.method} {exc.path}). Check "
                f"DISCOURSE_API_KEY and DISCOURSE_API_USERNAME: {key_hint}"
            )
        console.print(f"playbooks {command}: {message}", markup=False)
        sys.exit(EXIT_USAGE)
    except NotAForumError as exc:
        console.print(f"playbooks {command}: {not_a_forum_message(exc, forum_url)}", markup=False)
        sys.exit(EXIT_USAGE)
    except ForumError as exc:
        tail = f"; {unchanged} is unchanged" if unchanged else ""
        console.print(f"playbooks {command}: could not read the forum: {exc}{tail}", markup=False)
        sys.exit(EXIT_PARTIAL)
