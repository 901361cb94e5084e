"""Edits made in the forum, brought home: for each public playbook whose first post a person changed since
the sync wrote it, the three texts (base, theirs, ours), merged into the playbook file. Reads only.

The base is the text the sync last wrote: from the state file, or, when the state is lost, from the post's
revision history (the newest revision the sync's own API user made). The merge and the way back to the
file's lines live in forum_merge.py and forum_lines.py; checking the result is the caller's.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from ..forum_lines import Way, without_naming_line
from ..forum_merge import Merged, merge_into_file
from ..identity import topic_external_id
from ..model import Library, Playbook
from ..render_forum import discourse_markdown, forum_post_lines
from .actions import is_retired
from .apply import revision_hint
from .client import ForumClient
from .state import SyncState, TopicRecord
from .transport import CredentialsError, ForumError

MAX_REVISIONS = 20  # revisions read for one post when looking for its editors or its base


@dataclass
class Pulled:
    """One playbook whose first post changed in the forum, and what came of merging it."""

    id: str
    path: str
    file: Path
    topic_id: int
    topic_url: str
    post_version: int
    revision_url: str
    editors: list[str] = field(default_factory=list)
    merged: Merged | None = None
    failure: str = ""  # why it could not be merged (nothing was written)
    before: str = ""  # the file as read
    problems: list[str] = field(default_factory=list)  # the merged file's validation errors
    written: bool = False
    owner: str = ""  # who reviews a change to the playbook (its `owner`, as in CODEOWNERS)


@dataclass(frozen=True)
class Seen:
    """The first post as the forum shows it, and the text the sync last wrote there (None: not found)."""

    topic_id: int
    post_id: int
    raw: str
    version: int
    base: str | None
    editors: list[str]


class Puller:
    """Reads what each public playbook's first post holds now, and merges what a person changed."""

    def __init__(
        self, client: ForumClient, state: SyncState, api_username: str, site_url: str, pages: Collection[str]
    ) -> None:
        self.client, self.state, self.user = client, state, api_username.lower()
        self.site_url, self.pages = site_url, pages

    def pull(self, library: Library, file_of: Callable[[Playbook], Path], shown: Callable[[str], str]) -> list[Pulled]:
        """Every public playbook whose first post moved on; `shown` gives a file's path as reports name it."""
        found = []
        for playbook in library.playbooks:
            item = self.one(playbook, library, file_of(playbook))
            if item is not None:
                item.path, item.owner = shown(playbook.path), playbook.owner
                found.append(item)
        return found

    def one(self, playbook: Playbook, library: Library, file: Path) -> Pulled | None:
        """The playbook's pulled change; None when the forum shows what the sync wrote, or no topic yet."""
        try:
            seen = self.seen(playbook)
        except CredentialsError:
            raise
        except ForumError as exc:
            return self._failed(playbook, file, None, f"could not read its topic: {exc}")
        if seen is None:
            return None
        text = file.read_text(encoding="utf-8")
        ours = forum_post_lines(playbook, library.sources, self.site_url, text, self.pages)
        pulled = Pulled(
            playbook.id,
            playbook.path,
            file,
            seen.topic_id,
            f"{self.client.url}/t/{seen.topic_id}",
            seen.version,
            revision_hint(self.client.url, seen.topic_id, seen.version),
            seen.editors,
            before=text,
        )
        if without_naming_line(seen.raw) == without_naming_line(ours.text):
            return None  # the forum already says what the file renders to (the naming line aside): nothing to bring
        if seen.base is None:
            pulled.failure = (
                "the text the sync last wrote is not known (no state file, and no revision by "
                f"{self.user} in the post's history): merge by hand from {pulled.revision_url}"
            )
            return pulled
        way = Way(playbook.page_uri, self.site_url, self.pages)

        def convert(line: str) -> str:
            return discourse_markdown(line, playbook.page_uri, self.site_url)

        pulled.merged = merge_into_file(seen.base, seen.raw, ours, text, way, convert)
        return pulled

    def _failed(self, playbook: Playbook, file: Path, topic_id: int | None, why: str) -> Pulled:
        return Pulled(playbook.id, playbook.path, file, topic_id or 0, "", 0, "", failure=why)

    def seen(self, playbook: Playbook) -> Seen | None:
        """The first post now, when it moved on from what the sync wrote; None when it did not."""
        keys = [topic_external_id(playbook.id), *(topic_external_id(old) for old in playbook.previous_ids)]
        record = next((self.state.topics[k] for k in keys if k in self.state.topics), None)
        if record is not None:
            return self._from_record(record)
        for key in keys:
            topic = self.client.topic_by_external_id(key)
            if topic is not None and topic.post_id is not None and topic.raw is not None:
                if topic.version <= 1 or is_retired(topic.raw):
                    return None
                base, editors = self._history(topic.id, topic.post_id, topic.version, None)
                if base is not None and without_naming_line(base) == without_naming_line(topic.raw):
                    return None  # the latest revision is the sync's own
                return Seen(topic.id, topic.post_id, topic.raw, topic.version, base, editors)
        return None

    def _from_record(self, record: TopicRecord) -> Seen | None:
        data = self.client.get(f"/posts/{record.post_id}.json")
        raw, version = str(data.get("raw", "")), int(data.get("version", 1))
        topic_id = int(data.get("topic_id", record.topic_id))
        if version == record.version or record.archived or is_retired(raw):
            return None
        if record.base is not None and without_naming_line(raw) == without_naming_line(record.base):
            return None
        base, editors = self._history(topic_id, record.post_id, version, record)
        return Seen(topic_id, record.post_id, raw, version, record.base if record.base is not None else base, editors)

    def _history(
        self, topic_id: int, post_id: int, newest: int, record: TopicRecord | None
    ) -> tuple[str | None, list[str]]:
        """Who edited since the sync's last write (newest first), and the text of that write when the state
        does not have it: the newest revision the sync's API user made."""
        known = record is not None and record.base is not None
        oldest = max(2, newest - MAX_REVISIONS + 1, (record.version + 1) if record is not None and known else 2)
        editors: list[str] = []
        for number in range(newest, oldest - 1, -1):
            try:
                editor = self.client.revision_editor(post_id, "latest" if number == newest else number)
            except ForumError:
                break  # the forum will not say who: the editors stay unknown
            if editor is None:
                continue
            if editor.lower() == self.user:
                if not known:
                    return self.client.revision_raw(topic_id, number), editors
                break
            if editor not in editors:
                editors.append(editor)
        return None, editors
