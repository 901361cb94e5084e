"""Without a state file: find the topics that already show what their playbook wants, without reading each.

A category list shows no first post and no external_id, so a sync that has lost its state file would read
every listed topic once. The forum's latest posts (`GET /posts.json`, newest first, with their raw text)
show many first posts a request when the forum is quiet. A listed topic is taken from them only when

- its first post was written by the sync's own API user (a person's copy of a topic is not taken),
- no other listed topic has its title (case aside; seen in the walk or not),
- the post names the playbook's external_id on its last line (identity.topic_marker): the sync writes
  that line into the playbook's own topic only, so a topic made under an id the playbook no longer has
  (changed without `previous_ids`) shows another name and is read, as before; so is a post written
  before the line existed, and every cohort topic (they carry no such line). Since the line names one
  playbook, no two playbooks can want the same text,
- and planning the playbook against it finds nothing to write: the same text, title, category and tags
  (tags as the list shows them; a playbook with tags needs a list that shows them), the wiki flag as
  wanted (and shown), no retired note.

A topic taken so is never written to on this evidence; every other listed topic is read as before, and
its reading decides. The walk stops when every listed topic is found, when the forum has no older post,
when a page brings nothing new, or after a budget that keeps it well below the reads it can save
(docs/dev/discourse.md#latest-posts). A forum that refuses the route, or answers it with anything but
JSON, costs one request.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..identity import topic_marker
from .actions import Desired, Observed, Unchanged
from .client import ForumClient, ListedTopic
from .plan import plan_topic, plan_wiki
from .transport import ForumError

PAGE = 50  # LatestPostsQuery::PAGE_SIZE: what a budget is counted in, not relied on
SMALLEST = 4  # fewer listed topics are read one by one: a walk could not save a request


@dataclass(frozen=True)
class FirstPost:
    """A topic's first post as the forum's latest posts show it."""

    topic_id: int
    post_id: int
    raw: str
    version: int
    username: str
    wiki: bool | None


def parse_first_post(item: dict[str, Any]) -> FirstPost | None:
    """A first post with every field the sync needs; None for a reply or an entry missing one."""
    numbers = [item.get(k) for k in ("id", "topic_id", "version", "post_number")]
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers) or item["post_number"] != 1:
        return None
    raw, username, wiki = item.get("raw"), item.get("username"), item.get("wiki")
    if not isinstance(raw, str) or not isinstance(username, str):
        return None
    return FirstPost(
        item["topic_id"], item["id"], raw, item["version"], username, wiki if isinstance(wiki, bool) else None
    )


def budget(topics: int) -> int:
    """Pages the walk may read for `topics` listed topics: a page of 50 per 50 topics and two spare, and
    never more than half the reads it could save."""
    return min(topics // 2, math.ceil(topics / PAGE) + 2)


def first_posts(client: ForumClient, topic_ids: set[int]) -> dict[int, FirstPost]:
    """The first posts of as many of `topic_ids` as the latest posts show within the budget."""
    found: dict[int, FirstPost] = {}
    if len(topic_ids) < SMALLEST:
        return found
    before: int | None = None
    for _ in range(budget(len(topic_ids))):
        try:
            page = client.latest_posts(before)
        except ForumError as exc:  # CredentialsError included: a key scoped without this route is refused it
            if exc.status is not None and exc.status < 500:
                return found  # refused, not there for this key, or not JSON: the topics are read instead
            raise  # the forum is in trouble: stop, as any other read would
        ids = [p["id"] for p in page if isinstance(p.get("id"), int) and not isinstance(p.get("id"), bool)]
        if not ids or (before is not None and min(ids) >= before):
            break  # no older post, or the forum did not go further back
        before = min(ids)
        for item in page:
            post = parse_first_post(item)
            if post is not None and post.topic_id in topic_ids:
                found[post.topic_id] = post
        if len(found) == len(topic_ids):
            break
    return found


def names_itself(want: Desired) -> bool:
    """Whether the playbook's first post ends with the line that names its external_id."""
    return want.raw.rstrip().endswith(topic_marker(want.external_id))


def shown_unchanged(
    wanted: list[Desired],
    listed: Mapping[int, ListedTopic],
    posts: Mapping[int, FirstPost],
    category_ids: Mapping[str, int | None],
    api_username: str,
) -> dict[str, Observed]:
    """Playbooks (by external_id) whose topic, among `listed`, already shows what they want."""
    titles = Counter(item.title.strip().casefold() for item in listed.values())
    by_text: dict[tuple[str, str, int | None], list[int]] = {}
    for topic_id, post in posts.items():
        item = listed.get(topic_id)
        if item is None or post.username.lower() != api_username.lower():
            continue
        by_text.setdefault((post.raw.strip(), item.title.strip(), item.category_id), []).append(topic_id)
    matches: dict[str, int] = {}
    for want in wanted:
        ids = by_text.get((want.raw.strip(), want.title.strip(), category_ids.get(want.category)), [])
        if len(ids) == 1 and titles[want.title.strip().casefold()] == 1 and names_itself(want):
            matches[want.external_id] = ids[0]
    shown: dict[str, Observed] = {}
    for want in wanted:
        match = matches.get(want.external_id)
        if match is None:
            continue
        item, post = listed[match], posts[match]
        if (want.tags and item.tags is None) or post.wiki is None:
            continue  # the list shows no tags, or the post no wiki flag: only a read can tell
        have = Observed(
            match,
            post.post_id,
            item.title,
            item.tags,
            item.category_id,
            post.raw,
            post.version,
            item.closed,
            item.visible,
            wiki=post.wiki,
        )
        action = plan_topic(want, have, category_ids.get(want.category), False, False)
        if isinstance(action, Unchanged) and plan_wiki(want, have, action) is None:
            shown[want.external_id] = have
    return shown
