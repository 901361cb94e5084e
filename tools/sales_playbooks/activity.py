"""Forum activity as the site reads it: the data file `playbooks activity` writes, and what pages show.

The file is plain JSON in data/activity.json, shaped {"topics": {playbook id: {replies, participants,
likes, last_activity, url, topic_id}}}. The site build only ever reads it: no build touches the network.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .fileio import atomic_write_text
from .model import Library, Playbook

ACTIVITY_FILE = "data/activity.json"
FORMAT = 1
MOST_DISCUSSED = 5
MARKER = "<!-- playbooks:most-discussed -->"


@dataclass(frozen=True)
class Entry:
    """One public topic's discussion, as counted by `playbooks activity`."""

    topic_id: int
    url: str
    replies: int
    participants: int  # distinct people who replied
    likes: int
    last_activity: str | None  # ISO time of the latest post


def write_activity(path: Path, forum: str, entries: Mapping[str, Entry], now: dt.datetime) -> None:
    """Write the file atomically: a reader (or a failed run) sees the old file or the new one, never half."""
    payload = {
        "format": FORMAT,
        "forum": forum,
        "generated_at": now.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "topics": {key: asdict(entries[key]) for key in sorted(entries)},
    }
    atomic_write_text(path, json.dumps(payload, indent=2, ensure_ascii=False) + "\n", durable=True)


def read_file(path: Path) -> tuple[Any, dict[str, dict[str, Any]]] | None:
    """The forum an activity file was read from, and its entries per playbook id; None when there is
    no file or it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    topics = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(topics, dict):
        return None
    return data.get("forum"), {str(k): v for k, v in topics.items() if isinstance(v, dict)}


def remembered_topic_ids(path: Path) -> dict[str, int]:
    """Topic ids from an earlier file, to save a lookup per topic; empty when there is none."""
    _, topics = read_file(path) or (None, {})
    return {key: int(entry["topic_id"]) for key, entry in topics.items() if isinstance(entry.get("topic_id"), int)}


def _count(entry: Mapping[str, Any], key: str) -> int:
    value = entry.get(key, 0)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def most_discussed(
    library: Library, activity: Mapping[str, Mapping[str, Any]], limit: int = MOST_DISCUSSED
) -> list[tuple[Playbook, Mapping[str, Any]]]:
    """Playbooks with replies, most replies first, then most people, then the latest activity."""
    ranked = []
    for playbook in library.playbooks:
        entry = activity.get(playbook.id)
        if entry and _count(entry, "replies") > 0:
            ranked.append((playbook, entry))
    # Stable sorts, least important key first: title, then latest activity, then replies and people.
    ranked.sort(key=lambda pair: pair[0].title.lower())
    ranked.sort(key=lambda pair: str(pair[1].get("last_activity") or ""), reverse=True)
    ranked.sort(key=lambda pair: (_count(pair[1], "replies"), _count(pair[1], "participants")), reverse=True)
    return ranked[:limit]


def most_discussed_block(
    library: Library,
    activity: Mapping[str, Mapping[str, Any]],
    line: Callable[[Mapping[str, Any]], str],
    page_prefix: str = "playbooks/",
) -> str:
    """Markdown for the home page; empty when no playbook has replies yet (the page builds as before).

    `line` turns one entry into its activity line ("12 replies · 5 people · last active 3 days ago").
    """
    ranked = most_discussed(library, activity)
    if not ranked:
        return ""
    items = [f"- [{p.title}]({page_prefix}{p.file_name}): {line(entry)}" for p, entry in ranked]
    return "## Most discussed\n\nWhat managers are talking about on the forum right now.\n\n" + "\n".join(items)
