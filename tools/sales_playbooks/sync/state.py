"""The local sync state: a cache that saves requests. Deleting it must never cause a duplicate.

It records, per playbook, the topic and post ids, the hash of what was last written, the first post's
text as written (the base of a later update or pull) and its hash, the tags kept, and the post's version
then; and each category's canonical address.
It is written atomically after every successful action, so a crash keeps what was done.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..fileio import atomic_write_text

STATE_FILE = ".playbooks-sync-state.json"
FORMAT = 1


def content_hash(title: str, tags: list[str] | tuple[str, ...], category_id: int | None, raw: str) -> str:
    """One hash of everything the sync writes for a topic; tag order does not matter."""
    payload = json.dumps([title.strip(), sorted(tags), category_id, raw.strip()], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def text_hash(raw: str) -> str:
    """The hash of a first post's text as the sync wrote it (surrounding whitespace aside)."""
    return hashlib.sha256(raw.strip().encode("utf-8")).hexdigest()


@dataclass
class TopicRecord:
    external_id: str
    topic_id: int
    post_id: int
    hash: str
    version: int
    path: str
    archived: bool = False
    raw_hash: str | None = None  # text_hash of the first post as the sync last wrote it (None in older files)
    wiki: bool | None = None  # the first post is a wiki post, as the sync last set or saw it (None: not known)
    # The first post's text as the sync last wrote it, and the tags the topic kept then (None in older files):
    # an update sends the text as `original_text`, so the forum refuses it if someone edited since, with no read.
    base: str | None = None
    tags: list[str] | None = None


@dataclass
class MissingMembers:
    """People a cohort file lists who had no forum account when last looked up, and when that was."""

    checked: str  # the run's date (YYYY-MM-DD) of the lookup
    file: str  # hash of the cohort file then: a changed file is looked up again at once
    usernames: list[str]


@dataclass
class SyncState:
    forum: str
    categories: dict[str, int] = field(default_factory=dict)  # category name -> id
    topics: dict[str, TopicRecord] = field(default_factory=dict)  # external_id -> record
    missing: dict[str, MissingMembers] = field(default_factory=dict)  # cohort id -> people without an account
    # category id -> its canonical address (/c/<slug>/<id>), so its topic list is asked for without a redirect
    category_paths: dict[int, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "forum": self.forum,
            "categories": self.categories,
            "category_paths": {str(k): v for k, v in sorted(self.category_paths.items())},
            "missing": {k: dict(vars(v)) for k, v in sorted(self.missing.items())},
            "topics": {k: dict(vars(v)) for k, v in sorted(self.topics.items())},
        }


def load_state(path: Path, forum: str) -> SyncState:
    """The saved state for this forum; an empty one when the file is missing, unreadable or for another forum."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return SyncState(forum=forum)
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("forum") != forum:
        return SyncState(forum=forum)
    topics: dict[str, TopicRecord] = {}
    for key, value in (data.get("topics") or {}).items():
        try:
            topics[str(key)] = TopicRecord(**value)
        except TypeError:
            continue
    categories = {str(k): int(v) for k, v in (data.get("categories") or {}).items() if isinstance(v, int)}
    missing: dict[str, MissingMembers] = {}
    for key, value in (data.get("missing") or {}).items():
        try:
            missing[str(key)] = MissingMembers(**value)
        except TypeError:
            continue
    paths = {
        int(k): v
        for k, v in (data.get("category_paths") or {}).items()
        if str(k).isdigit() and isinstance(v, str) and v.startswith("/c/")
    }
    return SyncState(forum=forum, categories=categories, topics=topics, missing=missing, category_paths=paths)


def save_state(path: Path, state: SyncState) -> None:
    """Write the state atomically: a killed sync leaves either the old file or the new one.

    It is saved after every action, so it must be quick: one line per topic, written by the C
    encoder, and no fsync (after a power cut a torn file reads as missing, which is safe).
    """
    data = state.to_json()
    topics = data.pop("topics")
    lines = [json.dumps(k, ensure_ascii=False) + ": " + json.dumps(v, ensure_ascii=False) for k, v in topics.items()]
    head = json.dumps(data, ensure_ascii=False)[:-1]
    text = head + ', "topics": {\n' + ",\n".join(lines) + "\n}}\n"
    atomic_write_text(path, text)


def recorded_files(path: Path) -> dict[str, list[str]]:
    """Each file the state file records a topic for, with the external_ids it is recorded under.

    Read-only and for whatever forum the file names: `playbooks validate` uses it to notice an id that
    changed since the last sync. A missing or unreadable file records nothing.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    topics = data.get("topics") if isinstance(data, dict) else None
    found: dict[str, list[str]] = {}
    for external_id, record in sorted((topics or {}).items()) if isinstance(topics, dict) else ():
        if isinstance(record, dict) and isinstance(record.get("path"), str):
            found.setdefault(record["path"], []).append(str(external_id))
    return found
