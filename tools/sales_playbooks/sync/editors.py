"""Who changed a first post since the sync wrote it: a person, the sync's own user, or someone the forum won't name.

Fail closed: a version that moved onto text other than what the sync wrote is a person's edit unless
the revisions route proves that every revision since was made by the sync's own API user. A route
that does not answer (an older forum, a plugin, a proxy) proves nothing (docs/dev/discourse.md#revisions).
An edit whose every change the playbook already makes (brought home by `playbooks pull`, or by hand) is
no longer one to protect: the post is brought to what the playbook renders to.
"""

from __future__ import annotations

from ..forum_lines import without_naming_line
from ..forum_merge import taken_in
from .client import ForumClient, RemoteTopic
from .state import TopicRecord, text_hash
from .transport import ForumError

MAX_REVISIONS = 5  # revisions read for one post; more since the sync's own write count as not proven


def unknown(why: str) -> str:
    """How a conflict names an editor the forum does not name."""
    return f"someone (the forum does not say who: {why})"


class Editors:
    def __init__(self, client: ForumClient, api_username: str) -> None:
        self.client, self.api_username = client, api_username.lower()

    def person(self, topic: RemoteTopic, want_raw: str | None, record: TopicRecord | None) -> str | None:
        """Who, other than the sync, edited the first post since the sync wrote it; None when nobody did."""
        if topic.post_id is None or topic.raw is None or topic.version <= 1:
            return None  # never edited: the post holds the text the sync created it with
        text = topic.raw.strip()
        if want_raw is not None and without_naming_line(text) == without_naming_line(want_raw):
            return None  # it says what the playbook says (the line naming the topic aside): nothing to protect
        if record is not None and topic.version == record.version:
            return None  # the version the sync wrote: nobody edited since
        if record is not None and record.raw_hash is not None and text_hash(text) == record.raw_hash:
            return None  # exactly the text the sync wrote (an edit undone, or the sync's own write)
        base = record.base if record is not None else None
        if base is not None and want_raw is not None and taken_in(base, text, want_raw):
            return None  # the edit is in the playbook already (pulled, or made there by hand): agreed
        oldest = min(record.version + 1, topic.version) if record is not None else topic.version
        return self._first_person(topic.post_id, topic.version, max(oldest, 2))

    def _first_person(self, post_id: int, newest: int, oldest: int) -> str | None:
        """The newest editor other than the sync among revisions newest..oldest; unknown when one cannot be read."""
        if newest - oldest + 1 > MAX_REVISIONS:
            return unknown(f"{newest - oldest + 1} revisions since the sync wrote it")
        for number in range(newest, oldest - 1, -1):
            revision: int | str = "latest" if number == newest else number
            try:
                editor = self.client.revision_editor(post_id, revision)
            except ForumError as exc:
                shown = f"HTTP {exc.status}" if exc.status else "no answer"
                return unknown(f"{exc.method} {exc.path} gave {shown}")
            if editor is None:
                return unknown(f"revision {revision} of post {post_id} names no editor")
            if editor.lower() != self.api_username:
                return editor
        return None
