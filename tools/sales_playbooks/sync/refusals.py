"""What to tell a person when the forum refuses to create a topic, and what they can do about it."""

from __future__ import annotations

from ..identity import PUBLIC_PREFIX
from .actions import Desired
from .state import SyncState
from .transport import ForumError

TITLE_TAKEN = "title has already been used"


def create_refused(exc: ForumError, want: Desired, state: SyncState) -> str:
    """The forum's message, with the reason behind each refusal the sync knows and the way out of it."""
    text = exc.message.lower()
    parts = [exc.message]
    if TITLE_TAKEN in text:
        parts.append(title_taken(want, state))
    if "external" in text and "taken" in text:
        parts.append(
            "A topic with this external_id was deleted in the forum, which keeps the id; "
            "restore that topic in the forum instead of creating a new one"
        )
    return ". ".join(parts)


def title_taken(want: Desired, state: SyncState) -> str:
    """Another topic holds the title; when the state file knows this file under another id, the id changed."""
    reason = (
        f"Another topic in the forum already has the title '{want.title}': Discourse counts closed, archived and "
        "unlisted topics too, such as the topic the sync closed when a playbook was removed"
    )
    old = changed_id(want, state)
    if old is not None:
        new = want.external_id.removeprefix(PUBLIC_PREFIX)
        return (
            f"{reason}. The state file records {want.path} as {PUBLIC_PREFIX}{old}: its id changed from {old} to "
            f"{new}. Add previous_ids: [{old}] to its front matter, and the sync takes over that topic, replies kept"
        )
    return (
        f"{reason}. If this playbook's id changed, add previous_ids: [old-id] to its front matter so that the sync "
        "takes over its old topic; otherwise give the playbook another title, or retitle the other topic"
    )


def changed_id(want: Desired, state: SyncState) -> str | None:
    """The playbook id the state file last synced this file under, when it is another one and not yet listed
    in previous_ids."""
    for external_id, record in sorted(state.topics.items()):
        other = external_id.startswith(PUBLIC_PREFIX) and external_id != want.external_id
        if other and record.path == want.path and external_id not in want.previous:
            return external_id.removeprefix(PUBLIC_PREFIX)
    return None
