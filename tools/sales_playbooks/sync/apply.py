"""Carry out a plan, one action at a time, recording each result and saving the state after each."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import assert_never

from .actions import (
    RETIRED_NOTE,
    Action,
    AddMembers,
    ArchiveTopic,
    Conflict,
    CreateCategory,
    CreateGroup,
    CreateTopic,
    Desired,
    RemoveMembers,
    RestoreTopic,
    Result,
    SetGroupNotifications,
    SetWiki,
    Unchanged,
    UpdateTopic,
    topic_of,
)
from .apply_notify import set_group_notifications
from .apply_spaces import CREATE_ATTEMPTS, SpaceApplier, retry_wait
from .client import ForumClient, RemoteTopic
from .refusals import create_refused
from .resolve import Resolver
from .state import SyncState, TopicRecord, content_hash, save_state, text_hash
from .transport import CredentialsError, ForumError

TOPIC_FIELDS = frozenset({"title", "tags", "category"})


def revision_hint(forum: str, topic_id: int | None, version: int | None) -> str:
    """Where the forum keeps a replaced text: the raw text of that revision of the first post."""
    if topic_id is None or version is None:
        return ""
    return f"{forum}/raw/{topic_id}/1?revision={version}"


class Applier:
    def __init__(
        self,
        client: ForumClient,
        state: SyncState,
        state_path: Path | None,
        edit_reason: str,
        category_ids: Mapping[str, int | None],
        sleep: Callable[[float], None] = time.sleep,
        resolve: Resolver | None = None,
    ) -> None:
        """`category_ids` maps category names to ids; the run passes the state's own map, which the
        category creates fill in, so the topics planned into a new category find it. `resolve` plans the
        topic a refused create met, from what the forum shows."""
        self.client, self.state, self.state_path = client, state, state_path
        self.edit_reason, self.category_ids, self.sleep = edit_reason, category_ids, sleep
        self.resolve = resolve
        self.spaces = SpaceApplier(client, state.categories, self._save, sleep)

    def _save(self) -> None:
        if self.state_path is not None:
            save_state(self.state_path, self.state)

    def _record(
        self,
        want: Desired,
        topic_id: int,
        post_id: int,
        version: int,
        archived: bool = False,
        tags: tuple[str, ...] | None = None,
        wiki: bool | None = None,
    ) -> None:
        """Remember what the topic now holds; `tags` when the forum kept other tags than the playbook's.

        A topic taken over from a previous id is remembered under the playbook's own id only."""
        category_id = self.category_ids.get(want.category)
        known = self.state.topics.get(want.external_id)
        self.state.topics[want.external_id] = TopicRecord(
            external_id=want.external_id,
            topic_id=topic_id,
            post_id=post_id,
            hash=content_hash(want.title, (want.tags or ()) if tags is None else tags, category_id, want.raw),
            version=version,
            path=want.path,
            archived=archived,
            raw_hash=text_hash(want.raw),
            wiki=wiki if wiki is not None else (known.wiki if known is not None else None),
            base=want.raw,
            tags=list((want.tags or ()) if tags is None else tags),
        )
        for previous in want.previous:
            self.state.topics.pop(previous, None)
        self._save()

    def apply(self, action: Action) -> Result:
        try:
            match action:
                case CreateCategory():
                    return self.spaces.create_category(action)
                case CreateGroup():
                    return self.spaces.create_group(action)
                case AddMembers():
                    return self.spaces.add_members(action)
                case RemoveMembers():
                    return self.spaces.remove_members(action)
                case SetGroupNotifications():
                    return set_group_notifications(self.client, action)
                case CreateTopic():
                    return self._create(action)
                case UpdateTopic() | RestoreTopic():
                    return self._update(action)
                case ArchiveTopic():
                    return self._archive(action)
                case Conflict():
                    return self._conflict(action)
                case Unchanged():
                    return self._unchanged(action)
                case SetWiki():
                    return self._wiki(action)
                case _:
                    assert_never(action)
        except CredentialsError:
            raise
        except ForumError as exc:
            return Result(action, False, exc.message, topic_of(action), exc.status)

    def _category(self, want: Desired) -> int:
        found = self.category_ids.get(want.category)
        if found is None:
            raise ForumError("POST", "/posts.json", None, f"the category '{want.category}' does not exist")
        return found

    def _create(self, action: CreateTopic) -> Result:
        want = action.want
        category_id = self._category(want)
        last: ForumError | None = None
        for attempt in range(CREATE_ATTEMPTS):
            if attempt:
                self.sleep(retry_wait(attempt))
            try:
                topic_id, post_id = self.client.create_topic(
                    want.title, want.raw, category_id, list(want.tags or ()), want.external_id
                )
            except CredentialsError:
                raise
            except ForumError as exc:
                refused = exc.status is not None and exc.status < 500
                found = self.client.topic_by_external_id(want.external_id)  # the forum may have committed
                if found is not None and found.post_id is not None:
                    return self._found(action, found, found.post_id, refused)
                if refused:
                    return Result(action, False, create_refused(exc, want, self.state), None, exc.status)
                last = exc
                continue
            self._record(want, topic_id, post_id, 1)
            return Result(action, True, f"created topic {topic_id}", topic_id)
        reason = last.message if last is not None else "no attempt was made"
        status = last.status if last is not None else None
        return Result(action, False, f"{reason} (after {CREATE_ATTEMPTS} attempts)", None, status)

    def _found(self, action: CreateTopic, found: RemoteTopic, post_id: int, refused: bool) -> Result:
        """The topic a create met: made by this create before its answer was lost, or (the forum refused the
        create because the external_id is taken) by an earlier run the state file does not know of. It is
        planned like any other topic, so a person's edit in it is kept and an old text is brought up to date."""
        want = action.want
        if self.resolve is None:
            self._record(want, found.id, post_id, found.version)
            return Result(action, True, f"created topic {found.id}", found.id)
        step = self.resolve.plan(want, found)
        result = self.apply(step)
        if not refused and isinstance(step, Unchanged):
            return Result(action, True, f"created topic {found.id}", found.id)
        result.message = f"found topic {found.id}, which already has this playbook's external_id: {result.message}"
        return result

    def _update(self, action: UpdateTopic | RestoreTopic) -> Result:
        want, topic_id, post_id = action.want, action.topic_id, action.post_id
        done = []
        if isinstance(action, RestoreTopic) and action.reopen:
            self.client.set_status(topic_id, "closed", False)
            done.append("reopened")
        if isinstance(action, RestoreTopic) and action.relist:
            self.client.set_status(topic_id, "visible", True)
            done.append("listed again")
        kept: tuple[str, ...] | None = None
        fields = TOPIC_FIELDS & set(action.changes)
        title_with_body = fields == {"title"} and "body" in action.changes  # one request instead of two
        if fields and not title_with_body:
            tags = list(want.tags) if want.tags is not None else None
            kept = self.client.update_topic(topic_id, want.title, self._category(want), tags)
            done.append("updated " + ", ".join(c for c in action.changes if c in TOPIC_FIELDS))
        dropped = tuple(t for t in want.tags or () if kept is not None and t not in kept)
        version = action.version
        if "body" in action.changes:
            reason, title = f"{self.edit_reason} ({want.path})", want.title if title_with_body else None
            if action.unread:
                try:
                    version = self.client.update_first_post(post_id, want.raw, reason, action.old_raw, title)
                except ForumError as exc:
                    if exc.status != 409 or not isinstance(action, UpdateTopic):
                        raise
                    return self._replan(action)
            else:
                version = self._write_body(post_id, want.raw, action.old_raw, reason, title)
            done.append("updated the title and the first post" if title_with_body else "updated the first post")
        if dropped:
            # Recorded with the tags the forum kept: the next run sees the difference again and says so again.
            self._record(want, topic_id, post_id, version, tags=kept)
            return Result(action, False, "; ".join([*done, dropped_tags_message(dropped)]), topic_id, 200)
        self._record(want, topic_id, post_id, version)
        message = "; ".join(done) or "recorded"
        if action.replaces:
            hint = revision_hint(self.client.url, topic_id, action.version)
            message += f"; replaced an edit by {action.replaces}, kept by the forum as {hint}"
        return Result(action, True, message, topic_id)

    def _replan(self, action: UpdateTopic) -> Result:
        """The forum refused an update that named the text the sync last wrote: the post changed since.
        Read the topic and plan it again, as if it had been read: a person's edit is a conflict, as always."""
        topic = self.client.topic(action.topic_id)
        if self.resolve is None:
            raise ForumError("PUT", f"/posts/{action.post_id}", 409, "the first post changed in the forum")
        return self.apply(self.resolve.plan(action.want, topic))

    def _write_body(self, post_id: int, raw: str, expected: str | None, reason: str, title: str | None = None) -> int:
        """Replace the first post; a 409 after a retried write is fine when the text is already ours."""
        try:
            return self.client.update_first_post(post_id, raw, reason, expected_raw=expected, title=title)
        except ForumError as exc:
            if exc.status != 409:
                raise
            current, version = self.client.post_raw(post_id)
            if current.strip() == raw.strip():
                return version
            raise ForumError(
                exc.method,
                exc.path,
                409,
                "the first post changed in the forum during the sync; run the sync again to see it as a conflict",
            ) from exc

    def _archive(self, action: ArchiveTopic) -> Result:
        version, written = action.version, None
        if action.add_note and action.post_id is not None and action.old_raw is not None:
            reason = f"{action.path} was removed from the playbooks"
            written = RETIRED_NOTE + action.old_raw
            version = self._write_body(action.post_id, written, action.old_raw, reason)
        if action.close:
            self.client.set_status(action.topic_id, "closed", True)
        record = self.state.topics.get(action.external_id)
        if record is not None:
            record.archived = True
            record.version = version if version is not None else record.version
            record.raw_hash = text_hash(written) if written is not None else record.raw_hash
            record.base = written if written is not None else record.base
            self._save()
        return Result(action, True, "closed with a note; the replies stay", action.topic_id)

    def _conflict(self, action: Conflict) -> Result:
        """Nothing is written; the run fails, so that a scheduled sync does not stay green while the
        topic is held out of step with the repository."""
        where = revision_hint(self.client.url, action.topic_id, action.version)
        return Result(
            action,
            False,
            f"{action.detail}; left alone. Their text: {where} "
            "(run with --force to replace it; the forum keeps it in the edit history)",
            action.topic_id,
        )

    def _wiki(self, action: SetWiki) -> Result:
        """Set the wiki flag; the post of a topic created earlier in this run is the one the state recorded."""
        record = self.state.topics.get(action.external_id)
        post_id = action.post_id if action.post_id is not None else (record.post_id if record else None)
        topic_id = action.topic_id if action.topic_id is not None else (record.topic_id if record else None)
        if post_id is None:
            return Result(action, False, "not done: the topic was not created", topic_id, sent=False)
        self.client.set_wiki(post_id, action.wiki)
        if record is not None:
            record.wiki = action.wiki
            self._save()
        done = "made the first post a wiki post" if action.wiki else "made the first post a regular post again"
        return Result(action, True, done, topic_id)

    def _unchanged(self, action: Unchanged) -> Result:
        if action.post_id is not None and action.version is not None:
            # refresh a missing state file
            self._record(action.want, action.topic_id, action.post_id, action.version, wiki=action.wiki)
        return Result(action, True, "unchanged", action.topic_id)


def dropped_tags_message(dropped: tuple[str, ...]) -> str:
    """Why a topic lacks tags the playbook gives, and what the forum's admin can do about it."""
    names = ", ".join(dropped)
    return (
        f"the forum did not keep the tag(s) {names}. Discourse quietly drops a tag the API user may not create, "
        "and puts a tag's main tag in place of a synonym: create the tag in the forum (or use the main tag in "
        "the playbook), or publish without tags (extra.forum.tags: false in mkdocs.yml), then sync again"
    )
