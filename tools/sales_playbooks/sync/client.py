"""Typed forum operations on top of pydiscourse; the only place that knows Discourse's endpoints."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

from pydiscourse.exceptions import DiscourseError

from .pacing import Pacer, RequestCount
from .topic_data import ListedTopic, RemoteTopic, parse_topic, tag_names
from .transport import ForumError, Transport, as_forum_error, quote_id

# The topic records moved to .topic_data; importing them from here still works.
__all__ = ["PER_PAGE", "TOPIC_PATH", "ForumClient", "ListedTopic", "RemoteTopic", "parse_topic"]

TOPIC_PATH = re.compile(r"/t/[^/]+/(\d+)")
PER_PAGE = 30


class ForumClient:
    """One forum, one API user. Every method raises ForumError (or CredentialsError) on failure."""

    def __init__(
        self,
        url: str,
        api_username: str,
        api_key: str,
        per_minute: float = 60.0,
        timeout: float = 30.0,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        confirm_base: bool = False,
    ) -> None:
        """`url` is the forum's base URL, with its subfolder if it has one (https://example.com/community):
        every path is sent under it. With `confirm_base`, a 404 before any other answer is checked once
        more against an address every forum knows, and NotAForumError says the base URL is wrong."""
        self.url = url.rstrip("/")
        # Discourse.base_path: the subfolder, "" for a forum at the root of its host.
        self.base_path = urlsplit(self.url).path.rstrip("/")
        self.pacer = Pacer(per_minute, clock=clock, sleep=sleep)
        self._api = Transport(self.url, api_username, api_key, self.pacer, timeout, backoff, sleep, confirm_base)

    @property
    def counts(self) -> RequestCount:
        return self._api.counts

    def _call(self, method: str, path: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DiscourseError as exc:
            raise as_forum_error(method, path, exc) from exc

    def get(self, path: str, **params: Any) -> Any:
        """A GET of any JSON path, through the same pacing, retries and error handling."""
        return self._call("GET", path, self._api._get, path, **params)

    def topic_id_at(self, location: str) -> int | None:
        """The topic id in a topic's address (`/t/{slug}/{id}`, under the forum's subfolder); None for another."""
        inner = self.inner_path(location)
        match = TOPIC_PATH.match(inner) if inner is not None else None
        return int(match.group(1)) if match else None

    def inner_path(self, location: str) -> str | None:
        """A redirect's target as a path under the forum's base URL (the subfolder removed), or None when
        it leads out of the forum's subfolder. Only the path counts: behind a proxy the forum may name
        another scheme or host, and the next request goes to the configured base URL anyway."""
        path = urlsplit(location).path
        if not self.base_path:
            return path if path.startswith("/") else None
        return path[len(self.base_path) :] if path.startswith(self.base_path + "/") else None

    # Topics ------------------------------------------------------------------------------------

    def topic(self, topic_id: int) -> RemoteTopic:
        """The topic with its first post's raw text (one request)."""
        return parse_topic(self.get(f"/t/{topic_id}.json", include_raw="true"))

    def topic_by_external_id(self, external_id: str) -> RemoteTopic | None:
        """Follows the forum's 301 to the topic; None when no live topic has that external_id."""
        path = f"/t/external_id/{quote_id(external_id)}.json"
        try:
            answer = self.get(path, include_raw="true")
        except ForumError as exc:
            if exc.status == 404:
                return None
            raise
        location = str((answer or {}).get("_redirect", ""))
        topic_id = self.topic_id_at(location)
        if topic_id is None:
            raise ForumError("GET", path, None, f"expected a redirect to the topic, got {location!r}")
        return self.topic(topic_id)

    def category_topics(
        self, category_id: int, path: str | None = None, moved: Callable[[str], None] | None = None
    ) -> Iterator[ListedTopic]:
        """Every topic of a category, 30 to a page; stops at the first short page.

        `path` is the category's canonical address (`/c/{slug}/{id}`, under the forum's subfolder if any)
        when known: it is asked for at once. Otherwise, or when the category has moved, the forum answers
        with a 301 to it; the redirect is followed once, its path used for every page after it, and
        handed to `moved` so that the next run asks for it directly.
        """
        path, page, redirects = (path or f"/c/{category_id}") + ".json", 0, 0
        while True:
            data = self.get(path, page=page) or {}
            if "_redirect" in data:
                location = str(data["_redirect"])
                target = self.inner_path(location)
                redirects += 1
                if redirects > 2 or target is None or not target.startswith("/c/"):
                    raise ForumError("GET", path, 301, f"unexpected redirect of a category list to {location!r}")
                path = target if target.endswith(".json") else target + ".json"
                if moved is not None:
                    moved(path.removesuffix(".json"))
                continue
            topics = (data.get("topic_list") or {}).get("topics") or []
            for item in topics:
                yield ListedTopic(
                    int(item["id"]),
                    str(item.get("title", "")),
                    item.get("category_id"),
                    bool(item.get("closed")),
                    bool(item.get("visible", True)),
                    int(item.get("posts_count", 0)),
                    tag_names(item["tags"]) if isinstance(item.get("tags"), list) else None,
                )
            if len(topics) < PER_PAGE or not (data.get("topic_list") or {}).get("more_topics_url"):
                return
            page += 1

    def latest_posts(self, before: int | None = None) -> list[dict[str, Any]]:
        """The forum's newest posts with their raw text (`GET /posts.json`), those below `before` when given."""
        data = self.get("/posts.json", **({"before": before} if before is not None else {}))
        posts = data.get("latest_posts") if isinstance(data, dict) else None
        return [p for p in posts if isinstance(p, dict)] if isinstance(posts, list) else []

    def create_topic(
        self, title: str, raw: str, category_id: int, tags: list[str] | None, external_id: str
    ) -> tuple[int, int]:
        """Creates the topic; returns (topic id, first post id)."""
        post = self._call(
            "POST",
            "/posts.json",
            self._api.create_post,
            raw,
            category_id=category_id,
            title=title,
            tags=tags or [],
            external_id=external_id,
        )
        return int(post["topic_id"]), int(post["id"])

    def update_first_post(
        self, post_id: int, raw: str, edit_reason: str, expected_raw: str | None = None, title: str | None = None
    ) -> int:
        """Replaces the post's text; with `expected_raw`, the forum refuses (409) if it changed meanwhile.
        With `title`, the topic's title in the same request (accepted on a first post)."""
        extra = {"post[original_text]": expected_raw} if expected_raw is not None else {}
        if title is not None:
            extra["title"] = title
        answer = self._call(
            "PUT", f"/posts/{post_id}.json", self._api.update_post, post_id, raw, edit_reason=edit_reason, **extra
        )
        return int(((answer or {}).get("post") or {}).get("version", 0))

    def update_topic(
        self, topic_id: int, title: str, category_id: int, tags: list[str] | None
    ) -> tuple[str, ...] | None:
        """Title, category and (unless None) tags in one PUT; returns the tags the forum kept, or None
        when it did not say.

        Discourse answers with the topic's tags when tags were sent and tagging is on
        (docs/dev/discourse.md#updating-a-topic). It quietly drops a tag the user may not create and
        swaps a synonym for its main tag, so the caller compares. An empty list cannot clear tags: a
        form sends nothing for it.
        """
        path = f"/t/-/{topic_id}.json"
        extra = {"tags[]": tags} if tags else {}
        answer = self._call("PUT", path, self._api.update_topic, path, title, category_id=category_id, **extra)
        kept = answer.get("tags") if isinstance(answer, dict) else None
        return tag_names(kept) if isinstance(kept, list) else None

    def set_wiki(self, post_id: int, wiki: bool) -> None:
        """Turn a post's wiki flag on or off (PUT /posts/{id}/wiki; Discourse answers with an empty body).

        Like an edit, a change outside the editing grace period starts a new version of the post, its text
        unchanged (docs/dev/discourse.md#wiki-posts)."""
        path = f"/posts/{post_id}/wiki"
        self._call("PUT", path, self._api._put, path, wiki="true" if wiki else "false")

    def set_status(self, topic_id: int, status: str, enabled: bool) -> None:
        self._call("PUT", f"/t/{topic_id}/status", self._api.update_topic_status, topic_id, status, enabled)

    def revision_editor(self, post_id: int, revision: int | str = "latest") -> str | None:
        """Who made a revision of a post (its number, or "latest"); None when the forum names nobody.

        Any refusal is raised: the route is not in the API document, and an older forum, a plugin or a
        proxy may not answer it (docs/dev/discourse.md#revisions); the caller decides what not knowing means.
        """
        data = self.get(f"/posts/{post_id}/revisions/{revision}.json")
        return str(data.get("username")) if isinstance(data, dict) and data.get("username") else None

    def revision_raw(self, topic_id: int, revision: int) -> str:
        """The first post's Markdown as of a revision (`GET /raw/{topic_id}/1?revision=n`, n >= 2)."""
        data = self.get(f"/raw/{topic_id}/1", revision=revision)
        if not isinstance(data, dict) or not isinstance(data.get("_text"), str):
            raise ForumError("GET", f"/raw/{topic_id}/1", None, "the forum did not answer with the revision's text")
        return str(data["_text"])

    def post_raw(self, post_id: int) -> tuple[str, int]:
        data = self.get(f"/posts/{post_id}.json")
        return str(data.get("raw", "")), int(data.get("version", 1))

    # Categories ----------------------------------------------------------------------------------

    def categories(self) -> list[dict[str, Any]]:
        data = self.get("/categories.json", include_subcategories="true")
        return list((data.get("category_list") or {}).get("categories") or [])

    def category(self, category_id: int) -> dict[str, Any] | None:
        """The category's own page (`GET /c/{id}/show.json`): with its group permissions for an admin; None on 404."""
        try:
            data = self.get(f"/c/{category_id}/show.json")
        except ForumError as exc:
            if exc.status == 404:
                return None
            raise
        return dict((data or {}).get("category") or {})

    def create_category(
        self, name: str, permissions: dict[str, int], color: str = "0088CC", slug: str | None = None
    ) -> int:
        extra = {"slug": slug} if slug else {}
        answer = self._call(
            "POST", "/categories.json", self._api.create_category, name, color, permissions=permissions, **extra
        )
        return int(answer["category"]["id"])

    # Groups --------------------------------------------------------------------------------------

    def group(self, name: str) -> dict[str, Any] | None:
        try:
            data = self.get(f"/groups/{quote_id(name)}.json")
        except ForumError as exc:
            if exc.status == 404:
                return None
            raise
        return dict(data.get("group") or {})

    def create_group(
        self,
        name: str,
        full_name: str,
        visibility_level: int,
        usernames: list[str],
        mentionable_level: int | None = None,
    ) -> dict[str, Any]:
        """One request: the group and its first members. Only the fields the API documents for
        POST /admin/groups.json are sent (pydiscourse's create_group adds legacy keys such as `visible`), and
        `mentionable_level`, which admin/groups#create also takes (docs/dev/discourse.md#groups)."""
        path = "/admin/groups.json"
        body: dict[str, Any] = {
            "name": name,
            "full_name": full_name,
            "visibility_level": visibility_level,
            "usernames": ",".join(usernames),
        }
        if mentionable_level is not None:
            body["mentionable_level"] = mentionable_level
        answer = self._call("POST", path, self._api._post, path, json=True, group=body)
        return dict(answer or {})

    def update_group(self, group_id: int, fields: dict[str, Any], update_existing_users: bool | None) -> None:
        """PUT /groups/{id}.json with `group[...]` fields (docs/dev/discourse.md#notifications). A change to the
        default notification levels that would touch members already in the group is refused (422) unless
        `update_existing_users` says whether to apply it to them: "true" or "false", as text."""
        path = f"/groups/{group_id}.json"
        body: dict[str, Any] = {"group": fields}
        if update_existing_users is not None:
            body["update_existing_users"] = "true" if update_existing_users else "false"
        self._call("PUT", path, self._api._put, path, json=True, **body)

    def group_members(self, name: str) -> set[str]:
        members: set[str] = set()
        offset = 0
        while True:
            data = self.get(f"/groups/{quote_id(name)}/members.json", offset=offset, limit=50)
            batch = data.get("members") or []
            members.update(str(m["username"]) for m in batch)
            offset += len(batch)
            total = int((data.get("meta") or {}).get("total", 0))
            if not batch or offset >= total:
                return members

    def has_account(self, username: str) -> bool:
        """One read: does the forum know this username? (GET /u/{username}.json, 404 when unknown)."""
        try:
            self.get(f"/u/{quote_id(username)}.json")
        except ForumError as exc:
            if exc.status == 404:
                return False
            raise
        return True

    def add_members(self, group_id: int, usernames: list[str]) -> dict[str, Any]:
        """Add members in one request; the answer names the usernames the forum found."""
        if not usernames:
            return {}
        path = f"/groups/{group_id}/members.json"
        return dict(self._call("PUT", path, self._api.add_group_members, group_id, usernames) or {})

    def remove_members(self, group_id: int, usernames: list[str]) -> None:
        path = f"/groups/{group_id}/members.json"
        if usernames:
            self._call("DELETE", path, self._api._request, "DELETE", path, json={"usernames": ",".join(usernames)})
