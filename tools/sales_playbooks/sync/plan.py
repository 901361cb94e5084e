"""Pure planning of topics: (what the forum should show, what it shows) -> typed actions. No I/O here.

Kinds of action: create, update, restore (a removed playbook came back: reopen the topic the sync
closed), archive (a playbook was removed: close its topic with a note, keep the replies),
conflict (someone edited the first post in the forum; left alone unless forced), unchanged; and wiki
(the first post's wiki flag set to what extra.forum.wiki asks), after the topic's own action.
"""

from __future__ import annotations

from .actions import (
    RETIRED_NOTE,
    ArchiveTopic,
    Conflict,
    CreateTopic,
    Desired,
    Kind,
    Observed,
    RestoreTopic,
    Retired,
    SetWiki,
    TopicAction,
    Unchanged,
    UpdateTopic,
    is_retired,
)

__all__ = ["RETIRED_NOTE", "Desired", "Kind", "Observed", "Retired", "make_plan", "plan_retired", "plan_topic"]


def differences(want: Desired, have: Observed, category_id: int | None) -> tuple[str, ...]:
    """Which of title, tags, category and body differ; fields not read count as unchanged, and a body not read
    is compared with the text the sync last wrote."""
    found = []
    if have.title is not None and have.title.strip() != want.title.strip():
        found.append("title")
    if want.tags is not None and have.tags is not None and sorted(have.tags) != sorted(want.tags):
        found.append("tags")
    if category_id is not None and have.category_id != category_id:
        found.append("category")
    seen = have.raw if have.raw is not None else have.base
    if seen is not None and seen.strip() != want.raw.strip():
        found.append("body")
    return tuple(found)


def plan_topic(
    want: Desired, have: Observed | None, category_id: int | None, archived: bool, force: bool
) -> TopicAction:
    """The action for one topic that should exist."""
    if have is None:
        return CreateTopic(want)
    changes = differences(want, have, category_id)
    if "body" in changes and have.edited_by and not force:
        detail = f"the first post was edited in the forum by {have.edited_by}"
        return Conflict(want, have.topic_id, have.version, changes, detail)
    restore = archived or is_retired(have.raw)
    if have.post_id is None:
        if not changes and not restore:
            return Unchanged(want, have.topic_id)
        return Conflict(want, have.topic_id, have.version, changes, "the topic has no first post to update")
    topic_id, post_id, version = have.topic_id, have.post_id, have.version or 1
    if restore:
        # The sync closed it when the playbook was removed; a topic a moderator closed or unlisted
        # stays as they left it (its text is still kept current).
        return RestoreTopic(
            want, topic_id, post_id, version, have.raw, changes, reopen=have.closed, relist=not have.visible
        )
    if changes:
        detail = f"replacing an edit by {have.edited_by} (--force)" if have.edited_by else ""
        old_raw, unread = (have.raw, False) if have.raw is not None else (have.base, have.base is not None)
        return UpdateTopic(want, topic_id, post_id, version, old_raw, changes, detail, have.edited_by, unread)
    if have.raw is not None:
        return Unchanged(want, have.topic_id, have.post_id, have.version or 1, have.wiki)  # read in full: refresh
    return Unchanged(want, have.topic_id)


def plan_wiki(want: Desired, have: Observed | None, action: TopicAction) -> SetWiki | None:
    """Set the first post's wiki flag where it differs from what is wanted; a topic left alone stays as it is.

    A flag not known (neither read nor recorded) is set when a wiki is wanted, and left when not: the sync
    only ever turns off what it knows to be on."""
    if isinstance(action, CreateTopic):
        return SetWiki(want, None, None, True) if want.wiki else None
    if isinstance(action, Conflict) or have is None or have.post_id is None:
        return None
    if have.wiki == want.wiki or (have.wiki is None and not want.wiki):
        return None
    return SetWiki(want, have.topic_id, have.post_id, want.wiki)


def plan_retired(gone: Retired) -> ArchiveTopic | None:
    """Close the topic of a removed playbook once; nothing to do when it is already closed or gone."""
    have = gone.observed
    if have is None or (gone.archived and have.closed):
        return None
    return ArchiveTopic(
        key=gone.key,
        external_id=gone.external_id,
        path=gone.path,
        title=have.title or "",
        topic_id=have.topic_id,
        post_id=have.post_id,
        version=have.version,
        old_raw=have.raw,
        add_note=have.post_id is not None and have.raw is not None and not is_retired(have.raw),
        close=not have.closed,
    )


def make_plan(
    wanted: list[Desired],
    observed: dict[str, Observed | None],
    category_ids: dict[str, int | None],
    archived: dict[str, bool],
    retired: list[Retired],
    force: bool = False,
) -> list[TopicAction]:
    """Every action, in a stable order: topics that should exist, then topics to close."""
    actions: list[TopicAction] = []
    for w in wanted:
        have = observed.get(w.external_id)
        action = plan_topic(w, have, category_ids.get(w.category), archived.get(w.external_id, False), force)
        wiki = plan_wiki(w, have, action)
        actions += [action] if wiki is None else [action, wiki]
    actions += [a for a in (plan_retired(r) for r in retired) if a is not None]
    return actions
