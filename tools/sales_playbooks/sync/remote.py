"""Read what the forum shows, once, with as few requests as the state file allows.

A changed playbook whose state records the text the sync last wrote is not read either: its update names
that text, and the forum refuses it if someone edited the post since (apply then reads and plans it again).
A playbook the state file does not know is not looked up: it is created, and the forum refuses a
second topic with the same external_id, after which apply looks the topic up (sync/resolve.py). A
playbook whose id changed is looked up under its `previous_ids` instead, so that its old topic is
taken over rather than replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from .actions import Desired, Observed, Retired, is_retired
from .category_index import CategoryIndex
from .client import ForumClient, ListedTopic, RemoteTopic
from .editors import Editors
from .first_posts import first_posts, names_itself, shown_unchanged
from .state import SyncState, TopicRecord, content_hash
from .transport import ForumError


@dataclass
class RemoteView:
    category_ids: dict[str, int | None]
    observed: dict[str, Observed | None]
    archived: dict[str, bool]
    retired: list[Retired]
    tags_hidden: bool = False  # a topic was read whole and showed no tags at all: tagging is off


def observed_from(topic: RemoteTopic, edited_by: str | None = None) -> Observed:
    return Observed(
        topic_id=topic.id,
        post_id=topic.post_id,
        title=topic.title,
        tags=topic.tags,
        category_id=topic.category_id,
        raw=topic.raw,
        version=topic.version,
        closed=topic.closed,
        visible=topic.visible,
        edited_by=edited_by,
        wiki=topic.wiki,
    )


def from_listing(item: ListedTopic, record: TopicRecord, title: str | None) -> Observed:
    """A topic as its category list and the state file show it, without reading it: no tags, no raw."""
    return Observed(
        item.id,
        record.post_id,
        title,
        None,
        item.category_id,
        None,
        record.version,
        item.closed,
        item.visible,
        wiki=record.wiki,
    )


def from_state(item: ListedTopic, record: TopicRecord) -> Observed:
    """A topic as its category list shows it, with the first post and tags as the sync last wrote them."""
    return Observed(
        item.id,
        record.post_id,
        item.title,
        tuple(record.tags or ()),
        item.category_id,
        None,
        record.version,
        item.closed,
        item.visible,
        wiki=record.wiki,
        base=record.base,
    )


class RemoteReader:
    """Builds a RemoteView: category ids, then one listing per category, then only the reads needed."""

    def __init__(
        self,
        client: ForumClient,
        state: SyncState,
        api_username: str,
        categories: CategoryIndex,
        verify: bool = False,
        lookup_first: bool = False,
    ) -> None:
        """`lookup_first` looks up a topic the state does not know before planning its create, and reads a
        changed topic before planning its update (a dry run shows what the forum's refusal would lead to); a
        real run creates first, and updates naming the text it last wrote."""
        self.client, self.state, self.categories, self.verify = client, state, categories, verify
        self.lookup_first = lookup_first
        self.api_username = api_username
        self.editors = Editors(client, api_username)
        self.tags_hidden = False

    def listing(self, names: list[str], category_ids: dict[str, int | None]) -> dict[int, ListedTopic]:
        """Every topic of the named categories; a category made in this run holds none yet and is not read."""
        listed: dict[int, ListedTopic] = {}
        for name in names:
            category_id = category_ids.get(name)
            if category_id is None or name in self.categories.fresh:
                continue
            try:
                path, moved = self.categories.path(category_id), partial(self.categories.moved, category_id)
                for item in self.client.category_topics(category_id, path, moved):
                    listed[item.id] = item
            except ForumError as exc:
                if exc.status != 404:
                    raise
                self.categories.forget(category_id)
        return listed

    def full(self, topic: RemoteTopic | None, want_raw: str, record: TopicRecord | None) -> Observed | None:
        """The topic as observed, naming who else changed the first post since the sync wrote it."""
        if topic is None:
            return None
        self.tags_hidden = self.tags_hidden or topic.tags is None
        return observed_from(topic, self.editors.person(topic, want_raw, record))

    def discover(
        self,
        listed: dict[int, ListedTopic],
        scope: str,
        wanted: list[Desired],
        category_ids: dict[str, int | None],
    ) -> tuple[dict[str, RemoteTopic], dict[str, Observed]]:
        """Without a state file: learn which listed topic is whose.

        First the topics that already show what a playbook wants, from the forum's latest posts
        (sync/first_posts.py); then one read of each other listed topic, to learn its external_id. One
        read per topic, where looking each playbook up by external_id costs two (the redirect and the
        topic); the reads also find the topics of playbooks removed while no state was kept. The "About"
        topic Discourse made with a category is never a playbook's, and is not read.
        """
        about = self.categories.definition_topics()
        others = {k: v for k, v in listed.items() if k not in about}
        shown: dict[str, Observed] = {}
        if not self.verify and any(names_itself(want) for want in wanted):
            posts = first_posts(self.client, set(others))
            shown = shown_unchanged(wanted, others, posts, category_ids, self.api_username)
        taken = {have.topic_id for have in shown.values()}
        found: dict[str, RemoteTopic] = {}

        def read(topic_id: int) -> None:
            topic = self.client.topic(topic_id)
            if topic.external_id and topic.external_id.startswith(scope):
                found[topic.external_id.lower()] = topic

        for topic_id in sorted(set(others) - taken):
            read(topic_id)
        for want in wanted:  # a topic read carries the playbook's external_id: the one taken is read after all
            have, owner = shown.get(want.external_id), found_for(want, found)
            if have is not None and owner is not None and owner.id != have.topic_id:
                del shown[want.external_id]
                read(have.topic_id)
        return found, shown

    def read(self, wanted: list[Desired], scope: str, closing: bool = True) -> RemoteView:
        """Observe every wanted topic, and the remembered topics under `scope` (an external_id prefix).

        With `closing`, a remembered topic whose playbook is gone is read whole unless the sync already
        closed it, since closing it writes its first post; otherwise its topic list entry is enough.
        """
        names = sorted({w.category for w in wanted})
        category_ids = {name: self.categories.id_of(name) for name in names}
        cold = not any(key.startswith(scope) for key in self.state.topics)
        listed = self.listing(names, category_ids)
        found, shown = self.discover(listed, scope, wanted, category_ids) if cold else ({}, {})
        observed: dict[str, Observed | None] = {}
        archived: dict[str, bool] = {}
        for want in wanted:
            record = self.record_of(want)
            archived[want.external_id] = bool(record and record.archived)
            discovered = found_for(want, found)
            if discovered is not None:  # a topic read that carries the playbook's external_id: that is its topic
                observed[want.external_id] = self.full(discovered, want.raw, record)
            elif want.external_id in shown:
                observed[want.external_id] = shown[want.external_id]
            else:
                observed[want.external_id] = self._observe(want, record, listed, category_ids.get(want.category))
        wanted_ids = {k.lower() for w in wanted for k in known_as(w)}  # an old id's topic is taken over, not closed
        retired = []
        for external_id, record in sorted(self.state.topics.items()):
            if external_id.lower() in wanted_ids or not external_id.startswith(scope):
                continue
            item = listed.get(record.topic_id)
            seen: Observed | None
            if item is not None and (not closing or (record.archived and item.closed)):
                seen = from_listing(item, record, item.title)
            else:  # read whole: closing it adds the note to the first post as it stands
                whole = self.client.topic(record.topic_id) if item else self.client.topic_by_external_id(external_id)
                seen = observed_from(whole) if whole is not None else None
            retired.append(Retired(external_id, external_id, record.path, seen, record.archived))
        for key, topic in sorted(found.items()):
            if key not in wanted_ids:
                gone = observed_from(topic)
                path = f"{topic.external_id} (its playbook is gone)"
                retired.append(
                    Retired(str(topic.external_id), str(topic.external_id), path, gone, is_retired(topic.raw))
                )
        return RemoteView(category_ids, observed, archived, retired, self.tags_hidden)

    def record_of(self, want: Desired) -> TopicRecord | None:
        """What the state remembers of the playbook's topic: under its external_id, else under a previous one."""
        return next((self.state.topics[k] for k in known_as(want) if k in self.state.topics), None)

    def _observe(
        self, want: Desired, record: TopicRecord | None, listed: dict[int, ListedTopic], category_id: int | None
    ) -> Observed | None:
        item = listed.get(record.topic_id) if record else None
        if record is not None and item is not None and not self.verify:
            same = content_hash(want.title, want.tags or (), category_id, want.raw) == record.hash
            quiet = not item.closed and item.visible and not record.archived
            if same and quiet and item.title.strip() == want.title.strip() and item.category_id == category_id:
                return from_listing(item, record, None)
            if quiet and record.base is not None and record.tags is not None and not self.lookup_first:
                return from_state(item, record)  # the update names the base; the forum refuses it if edited since
        if record is not None and item is not None:
            return self.full(self.client.topic(record.topic_id), want.raw, record)
        if record is None and not want.previous and not self.lookup_first:
            return None  # created first; a topic the state did not know is found when the forum refuses the create
        for external_id in [record.external_id] if record is not None else known_as(want):
            found = self.client.topic_by_external_id(external_id)
            if found is not None:
                return self.full(found, want.raw, record)
        return None


def known_as(want: Desired) -> list[str]:
    """The external_ids the playbook's topic may carry: its own, then those of its previous ids."""
    return [want.external_id, *want.previous]


def found_for(want: Desired, found: dict[str, RemoteTopic]) -> RemoteTopic | None:
    """The topic read whole that carries the playbook's external_id, or one of its previous ones."""
    return next((found[k.lower()] for k in known_as(want) if k.lower() in found), None)
