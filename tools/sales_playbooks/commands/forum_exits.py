"""How the commands that talk to the forum stop when it refuses them: one message, one exit status."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console

from ..cli import EXIT_PARTIAL, EXIT_USAGE
from ..sync.transport import CredentialsError, ForumError, NotAForumError, credentials_message, not_a_forum_message


@contextmanager
def forum_failures(command: str, console: Console, forum_url: str, unchanged: str = "") -> Iterator[None]:
    """Run the block; a refusal of the credentials or a URL that is no forum is a settings error (exit 2),
    any other forum error ends the run as partial (exit 3). `unchanged` names what was left as it was."""
    try:
        yield
    except CredentialsError as exc:
        console.print(f"playbooks {command}: {credentials_message(exc)}", markup=False)
        sys.exit(EXIT_USAGE)
    except NotAForumError as exc:
        console.print(f"playbooks {command}: {not_a_forum_message(exc, forum_url)}", markup=False)
        sys.exit(EXIT_USAGE)
    except ForumError as exc:
        tail = f"; {unchanged} is unchanged" if unchanged else ""
        console.print(f"playbooks {command}: could not read the forum: {exc}{tail}", markup=False)
        sys.exit(EXIT_PARTIAL)
