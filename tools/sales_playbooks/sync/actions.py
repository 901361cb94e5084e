"""Every write the sync can make, one small typed action per kind, each carrying exactly what it needs.

A plan is a list of these; apply carries each out as it stands and decides nothing. Topic actions
also carry the playbook they come from (`Desired`); space actions (categories, groups, members)
carry the names and ids the forum needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Literal

RETIRED_NOTE = (
    "> **This playbook has been retired from the site.** The discussion below stays here for reference, "
    "and the topic is closed to new replies.\n\n"
)


def is_retired(raw: str | None) -> bool:
    """Whether a first post carries the note the sync adds when it closes a removed playbook's topic."""
    return raw is not None and raw.startswith(RETIRED_NOTE.strip()[:40])


class Kind(StrEnum):
    CREATE_CATEGORY = "create-category"
    CREATE_GROUP = "create-group"
    ADD_MEMBERS = "add-members"
    REMOVE_MEMBERS = "remove-members"
    NOTIFY = "notify"
    CREATE = "create"
    UPDATE = "update"
    RESTORE = "restore"
    ARCHIVE = "archive"
    WIKI = "wiki"
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
    previous: tuple[str, ...] = ()  # external_ids of its earlier ids (previous_ids): its topic may carry one
    wiki: bool = False  # the first post should be a wiki post (extra.forum.wiki; never for cohort topics)


@dataclass(frozen=True)
class Observed:
    """What the forum shows for one topic, as far as it was read.

    `raw` is None when the topic was not read in full because nothing suggested a change.
    `edited_by` names whoever made the latest revision of the first post, when that was a person
    rather than the sync's own API user. `base`, for a topic not read, is the text the sync last wrote:
    the body is planned against it, and the forum refuses the update if the post changed since.
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
    wiki: bool | None = None  # the first post is a wiki post; None: not known (not read, nor recorded)
    base: str | None = None  # not read (`raw` None): the first post's text as the sync last wrote it


@dataclass(frozen=True)
class Retired:
    """A topic the state remembers for a playbook that no longer exists."""

    key: str
    external_id: str
    path: str
    observed: Observed | None
    archived: bool


# Spaces: categories, groups and their members --------------------------------------------------


@dataclass(frozen=True)
class CreateCategory:
    name: str
    permissions: tuple[tuple[str, int], ...]  # (group name, permission type); "everyone" makes it public
    color: str | None = None
    kind: ClassVar[Literal[Kind.CREATE_CATEGORY]] = Kind.CREATE_CATEGORY

    @property
    def private(self) -> bool:
        return "everyone" not in dict(self.permissions)


@dataclass(frozen=True)
class CreateGroup:
    name: str
    full_name: str
    visibility_level: int
    usernames: tuple[str, ...]  # the forum adds those it knows and skips the others
    mentionable_level: int | None = None  # who may @mention the group; None: the forum's default (nobody)
    kind: ClassVar[Literal[Kind.CREATE_GROUP]] = Kind.CREATE_GROUP


@dataclass(frozen=True)
class AddMembers:
    group: str
    group_id: int
    usernames: tuple[str, ...]
    kind: ClassVar[Literal[Kind.ADD_MEMBERS]] = Kind.ADD_MEMBERS


@dataclass(frozen=True)
class RemoveMembers:
    group: str
    group_id: int
    usernames: tuple[str, ...]
    kind: ClassVar[Literal[Kind.REMOVE_MEMBERS]] = Kind.REMOVE_MEMBERS


@dataclass(frozen=True)
class SetGroupNotifications:
    """A group's notification settings for its category: its default levels (the group's whole
    `<level>_category_ids` lists, as they will stand), and who may @mention it. `update_existing_users` applies
    a new default to the members already in the group; members added later get the defaults anyway."""

    group: str
    group_id: int | None  # None only in a dry run, for a group the run would make first
    category: str
    category_id: int | None  # likewise
    levels: tuple[tuple[str, tuple[int, ...]], ...] | None  # None: the defaults are left as they are
    update_existing_users: bool
    mentionable_level: int | None  # None: left as it is
    what: str  # the change in words, for the plan
    kind: ClassVar[Literal[Kind.NOTIFY]] = Kind.NOTIFY


# Topics ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ForPlaybook:
    """A topic action that comes from a playbook (or a cohort's week): named by it in every report."""

    want: Desired

    @property
    def key(self) -> str:
        return self.want.key

    @property
    def external_id(self) -> str:
        return self.want.external_id

    @property
    def path(self) -> str:
        return self.want.path

    @property
    def title(self) -> str:
        return self.want.title


@dataclass(frozen=True)
class CreateTopic(_ForPlaybook):
    kind: ClassVar[Literal[Kind.CREATE]] = Kind.CREATE
    topic_id: ClassVar[None] = None
    changes: ClassVar[tuple[str, ...]] = ()
    detail: ClassVar[str] = ""


@dataclass(frozen=True)
class _Edit(_ForPlaybook):
    """Title, tags, category and (when "body" is among the changes) the first post of an existing topic."""

    topic_id: int
    post_id: int
    version: int  # the first post's version as read
    old_raw: str | None  # the first post as read: the forum refuses the edit if it changed meanwhile
    changes: tuple[str, ...]
    detail: str = ""
    replaces: str | None = None  # a person's edit that --force replaces (their username)
    unread: bool = False  # old_raw is the state's base, not read: a refusal (409) means someone edited since


@dataclass(frozen=True)
class UpdateTopic(_Edit):
    kind: ClassVar[Literal[Kind.UPDATE]] = Kind.UPDATE


@dataclass(frozen=True)
class RestoreTopic(_Edit):
    """A removed playbook came back: reopen (and list again) the topic the sync closed, and update it."""

    reopen: bool = False
    relist: bool = False
    kind: ClassVar[Literal[Kind.RESTORE]] = Kind.RESTORE


@dataclass(frozen=True)
class Conflict(_ForPlaybook):
    """Someone edited the first post in the forum: left alone, reported with the revision it holds."""

    topic_id: int
    version: int | None
    changes: tuple[str, ...]
    detail: str
    kind: ClassVar[Literal[Kind.CONFLICT]] = Kind.CONFLICT


@dataclass(frozen=True)
class Unchanged(_ForPlaybook):
    topic_id: int
    post_id: int | None = None  # with `version`: the topic was read in full, so the state can be refreshed
    version: int | None = None
    wiki: bool | None = None  # the first post's wiki flag as read, for the state
    kind: ClassVar[Literal[Kind.UNCHANGED]] = Kind.UNCHANGED
    changes: ClassVar[tuple[str, ...]] = ()
    detail: ClassVar[str] = ""


@dataclass(frozen=True)
class SetWiki(_ForPlaybook):
    """Turn the first post's wiki flag on (members may edit it) or off. After a create in the same run the
    post's id is not known when planning: apply takes it from the state the create recorded."""

    topic_id: int | None
    post_id: int | None
    wiki: bool
    kind: ClassVar[Literal[Kind.WIKI]] = Kind.WIKI
    changes: ClassVar[tuple[str, ...]] = ()

    @property
    def detail(self) -> str:
        return "make the first post a wiki post" if self.wiki else "make the first post a regular post again"


@dataclass(frozen=True)
class ArchiveTopic:
    """A playbook was removed: add the retirement note to its first post (unless there) and close the topic."""

    key: str
    external_id: str
    path: str
    title: str
    topic_id: int
    post_id: int | None
    version: int | None  # the first post's version as read
    old_raw: str | None  # None: there is no first post to add the note to
    add_note: bool
    close: bool
    kind: ClassVar[Literal[Kind.ARCHIVE]] = Kind.ARCHIVE
    changes: ClassVar[tuple[str, ...]] = ()
    detail: ClassVar[str] = ""


SpaceAction = CreateCategory | CreateGroup | AddMembers | RemoveMembers | SetGroupNotifications
TopicAction = CreateTopic | UpdateTopic | RestoreTopic | Conflict | Unchanged | ArchiveTopic | SetWiki
Action = SpaceAction | TopicAction
WRITES = frozenset(Kind) - {Kind.CONFLICT, Kind.UNCHANGED}


def topic_of(action: Action) -> int | None:
    """The topic an action is about; None for a create and for space actions."""
    if isinstance(action, CreateCategory | CreateGroup | AddMembers | RemoveMembers | SetGroupNotifications):
        return None
    return action.topic_id


@dataclass
class Result:
    """What came of one action: done or not, what the forum said, and the topic it concerns."""

    action: Action
    ok: bool
    message: str
    topic_id: int | None = None
    status: int | None = None
    sent: bool = True  # False: not tried, because an earlier step it depends on failed

    @property
    def kind(self) -> Kind:
        return self.action.kind
