"""What the site shows of the forum: the "Join the discussion" block, activity lines, the home page's most-discussed
list and the comment embed, from the data file `playbooks activity` writes. Pure rendering; reads only that file."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .activity import MARKER, most_discussed_block, read_file
from .identity import topic_external_id, topic_url
from .model import Library, Playbook
from .settings import ForumSettings
from .templates import render


def _same_forum(recorded: Any, configured: str | None) -> bool:
    if not isinstance(recorded, str) or not configured:
        return False
    return recorded.strip().rstrip("/").lower() == configured.strip().rstrip("/").lower()


def load_activity(
    path: Path, forum_url: str | None = None, note: Callable[[str], None] | None = None
) -> dict[str, dict[str, Any]]:
    """Activity per playbook id from the file `playbooks activity` writes; empty when there is none.

    With `forum_url` (the configured extra.forum.url), a file read from another forum is ignored:
    its topic links and counts belong to that forum.  `note` is told why, for the build's log.
    """
    found = read_file(path)
    if found is None:
        return {}
    forum, topics = found
    if forum_url is not None and not _same_forum(forum, forum_url):
        if note is not None:
            note(
                f"{path.name} was read from the forum {forum!r}, not the configured "
                f"extra.forum.url {forum_url!r}: its counts and links are not used; run 'playbooks activity' again"
            )
        return {}
    return topics


def ago(moment: dt.datetime, today: dt.date) -> str:
    days = (today - moment.date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 60:
        return f"{days} days ago"
    return f"{days // 30} months ago"


def activity_line(entry: dict[str, Any], today: dt.date) -> str:
    """'12 replies · 5 people · last active 3 days ago' from one activity entry."""
    replies = int(entry.get("replies", 0))
    people = int(entry.get("participants", 0))
    parts = [f"{replies} repl{'y' if replies == 1 else 'ies'}", f"{people} {'person' if people == 1 else 'people'}"]
    likes = int(entry.get("likes", 0))
    if likes:
        parts.append(f"{likes} like{'s' if likes != 1 else ''}")
    last = entry.get("last_activity")
    if isinstance(last, str):
        with contextlib.suppress(ValueError):
            parts.append("last active " + ago(dt.datetime.fromisoformat(last.replace("Z", "+00:00")), today))
    return " · ".join(parts)


def discussion_block(playbook: Playbook, forum: ForumSettings, entry: dict[str, Any] | None, today: dt.date) -> str:
    """Markdown for the page: the forum link (it works without any data file) and counts when known; with
    extra.forum.wiki, a second link that invites members to edit the topic's first post."""
    if not forum.url:
        return ""
    link = (entry or {}).get("url") or topic_url(forum.url, topic_external_id(playbook.id))
    if entry is None:  # no activity data: say nothing about how many replies there are
        counts = "Share what you tried and ask what worked for others."
    elif int(entry.get("replies", 0)) == 0:
        counts = "No replies yet: be the first to share how it went."
    else:
        counts = activity_line(entry, today)
    return render("discussion.html", counts=counts, link=link, wiki=forum.wiki)


def most_discussed_markdown(library: Library, activity: Mapping[str, Mapping[str, Any]], today: dt.date) -> str:
    """The home page's most-discussed list; empty when nobody has replied yet or there is no data file."""
    return most_discussed_block(library, activity, lambda entry: activity_line(dict(entry), today))


def fill_home(markdown: str, most_discussed: str) -> str:
    """The home page with the most-discussed list in place of its marker (left as an invisible comment
    when the list is empty)."""
    return markdown.replace(MARKER, most_discussed) if most_discussed and MARKER in markdown else markdown


def home_markdown(markdown: str, library: Library, activity: Mapping[str, Mapping[str, Any]], today: dt.date) -> str:
    """The home page with its most-discussed list filled in."""
    if MARKER not in markdown:
        return markdown
    return fill_home(markdown, most_discussed_markdown(library, activity, today))


def comments_meta(playbook_id: str, forum: ForumSettings, entry: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """What overrides/partials/comments.html needs to embed the topic's replies, or None to embed nothing.

    Only with `extra.forum.comments: true` and a known topic id: Discourse's embed with a topicId
    needs no crawl of the page (docs/dev/discourse.md#embedding-comments); an embed_url unknown to the forum
    would make it create a second topic for the page.
    """
    if not forum.comments or not forum.url or not entry:
        return None
    topic_id = entry.get("topic_id")
    if not isinstance(topic_id, int) or isinstance(topic_id, bool):
        return None
    url = entry.get("url") or topic_url(forum.url, topic_external_id(playbook_id))
    return {"forum_url": forum.url.rstrip("/") + "/", "topic_id": topic_id, "url": url}
