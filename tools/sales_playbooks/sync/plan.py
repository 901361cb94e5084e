"""Pure planning: (what the forum should show, what it shows) -> actions. No I/O here.

Kinds of action: create, update, restore (a removed playbook came back: reopen the topic the sync
closed), archive (a playbook was removed: close its topic with a note, keep the replies),
conflict (someone edited the first post in the forum; left alone unless forced), unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

RETIRED_NOTE = (
    "> **This playbook has been retired from the site.** The discussion below stays here for reference, "
    "and the topic is closed to new replies.\n\n"
)


def is_retired(raw: str | None) -> bool:
    """Whether a first post carries the note the sync adds when it closes a removed playbook's topic."""
    return raw is not None and raw.startswith(RETIRED_NOTE.strip()[:40])


class Kind(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    RESTORE = "restore"
    ARCHIVE = "archive"
    CONFLICT = "conflict"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Desired:
    """What the forum should show for one topic."""

    key: str  # the playbook id, or cohort/playbook for cohort topics
    external_id: str
    path: str  # the playbook file, for messages
    title: str
    tags: tuple[str, ...] | None  # None: the sync leaves the topic's tags as they are
    raw: str
    category: str  # category name


@dataclass(frozen=True)
class Observed:
    """What the forum shows for one topic, as far as it was read.

    `raw` is None when the topic was not read in full because nothing suggested a change.
    `edited_by` names whoever made the latest revision of the first post, when that was a person
    rather than the sync's own API user.
    """

    topic_id: int
    post_id: int | None
    title: str | None
    tags: tuple[str, ...] | None
    category_id: int | None
    raw: str | None
    version: int | None
    closed: bool
    visible: bool
    edited_by: str | None = None


@dataclass(frozen=True)
class Retired:
    """A topic the state remembers for a playbook that no longer exists."""

    key: str
    external_id: str
    path: str
    observed: Observed | None
    archived: bool


@dataclass(frozen=True)
class Action:
    kind: Kind
    key: str
    external_id: str
    path: str
    title: str
    topic_id: int | None = None
    post_id: int | None = None
    changes: tuple[str, ...] = ()
    detail: str = ""
    desired: Desired | None = field(default=None, compare=False, repr=False)
    observed: Observed | None = field(default=None, compare=False, repr=False)


def differences(want: Desired, have: Observed, category_id: int | None) -> tuple[str, ...]:
    """Which of title, tags, category and body differ; fields not read count as unchanged."""
    found = []
    if have.title is not None and have.title.strip() != want.title.strip():
        found.append("title")
    if want.tags is not None and have.tags is not None and sorted(have.tags) != sorted(want.tags):
        found.append("tags")
    if category_id is not None and have.category_id != category_id:
        found.append("category")
    if have.raw is not None and have.raw.strip() != want.raw.strip():
        found.append("body")
    return tuple(found)


def plan_topic(want: Desired, have: Observed | None, category_id: int | None, archived: bool, force: bool) -> Action:
    """The action for one topic that should exist."""
    base = {
        "key": want.key,
        "external_id": want.external_id,
        "path": want.path,
        "title": want.title,
        "desired": want,
        "observed": have,
    }
    if have is None:
        return Action(Kind.CREATE, **base)  # type: ignore[arg-type]
    ids = {"topic_id": have.topic_id, "post_id": have.post_id}
    changes = differences(want, have, category_id)
    if "body" in changes and have.edited_by and not force:
        detail = f"the first post was edited in the forum by {have.edited_by}"
        return Action(Kind.CONFLICT, changes=changes, detail=detail, **ids, **base)  # type: ignore[arg-type]
    if archived or is_retired(have.raw):
        # The sync closed it when the playbook was removed; a topic a moderator closed or unlisted
        # stays as they left it (its text is still kept current).
        return Action(Kind.RESTORE, changes=changes, **ids, **base)  # type: ignore[arg-type]
    if changes:
        detail = f"replacing an edit by {have.edited_by} (--force)" if have.edited_by else ""
        return Action(Kind.UPDATE, changes=changes, detail=detail, **ids, **base)  # type: ignore[arg-type]
    return Action(Kind.UNCHANGED, **ids, **base)  # type: ignore[arg-type]


def plan_retired(gone: Retired) -> Action | None:
    """Close the topic of a removed playbook once; nothing to do when it is already closed or gone."""
    have = gone.observed
    if have is None or (gone.archived and have.closed):
        return None
    return Action(
        Kind.ARCHIVE,
        key=gone.key,
        external_id=gone.external_id,
        path=gone.path,
        title=have.title or "",
        topic_id=have.topic_id,
        post_id=have.post_id,
        observed=have,
    )


def make_plan(
    wanted: list[Desired],
    observed: dict[str, Observed | None],
    category_ids: dict[str, int | None],
    archived: dict[str, bool],
    retired: list[Retired],
    force: bool = False,
) -> list[Action]:
    """Every action, in a stable order: topics that should exist, then topics to close."""
    actions = [
        plan_topic(
            w, observed.get(w.external_id), category_ids.get(w.category), archived.get(w.external_id, False), force
        )
        for w in wanted
    ]
    actions += [a for a in (plan_retired(r) for r in retired) if a is not None]
    return actions
