"""Topic routes: show, show by external id, posts, update, status, delete, category lists."""

from __future__ import annotations

from . import errors as E
from .forum import require_user
from .http_types import Request, Response, empty_response, html_page, json_response, redirect, with_query
from .models import Category
from .ops_topics import PER_PAGE, category_topics, set_status, soft_delete, update_topic, viewable_topic
from .params import as_text, present
from .serialize_forum import category_slug_path
from .serialize_posts import post_payload
from .serialize_topics import CHUNK_SIZE, basic_topic, tag_objects, topic_list, topic_view

REDIRECT_PARAMS = ("page", "print", "filter_top_level_replies", "preview_theme_id", "include_raw")


def _topic_url(req: Request, slug: str, topic_id: int) -> str:
    path = f"/t/{slug}/{topic_id}" + (".json" if req.json_format else "")
    return req.base_url + with_query(path, req.query, REDIRECT_PARAMS)


def show_by_external_id(req: Request) -> Response:
    forum = req.double.forum
    eid = req.route["external_id"]
    topic = next(
        (t for t in forum.state.live_topics() if t.external_id == eid),
        None,
    )
    if topic is None:
        raise E.not_found()
    if not forum.guardian(req.user).can_see_topic(topic):
        raise E.invalid_access()
    if not req.json_format:
        return html_page()
    return redirect(_topic_url(req, topic.slug, topic.id))


def show_topic(req: Request) -> Response:
    forum = req.double.forum
    topic = viewable_topic(forum, req.user, int(req.route["id"]))
    page_text = as_text(req.params.get("page"))
    page = int(page_text) if page_text and page_text.lstrip("-").isdigit() else 0
    highest = max((forum.state.posts[p].post_number for p in topic.post_ids), default=0)
    if page < 0 or (page - 1) * CHUNK_SIZE >= highest:
        raise E.not_found()
    slug = req.route.get("slug")
    if slug is not None and slug != topic.slug:
        return redirect(_topic_url(req, topic.slug, topic.id))
    if not req.json_format:
        return html_page()
    body = topic_view(forum.state, forum.guardian(req.user), topic, present(req.params.get("include_raw")))
    if page > 1:
        posts_ids = body["post_stream"]["stream"][(page - 1) * CHUNK_SIZE : page * CHUNK_SIZE]
        body["post_stream"]["posts"] = [
            post_payload(
                forum.state,
                forum.guardian(req.user),
                forum.state.posts[pid],
                topic,
                add_raw=present(req.params.get("include_raw")),
                in_stream=True,
            )
            for pid in posts_ids
        ]
    return json_response(body)


def topic_posts(req: Request) -> Response:
    forum = req.double.forum
    topic = viewable_topic(forum, req.user, int(req.route["id"]))
    guardian = forum.guardian(req.user)
    wanted = req.params.get("post_ids")
    ids = [int(x) for x in wanted if str(x).isdigit()] if isinstance(wanted, list) else []
    posts = [
        forum.state.posts[pid]
        for pid in topic.post_ids
        if pid in ids and (forum.state.posts[pid].deleted_at is None or guardian.is_staff)
    ]
    include_raw = present(req.params.get("include_raw"))
    return json_response(
        {
            "post_stream": {
                "posts": [
                    post_payload(forum.state, guardian, p, topic, add_raw=include_raw, in_stream=True) for p in posts
                ]
            },
            "id": topic.id,
        }
    )


def update(req: Request) -> Response:
    forum = req.double.forum
    user = require_user(req.user)
    tags_only = req.route.get("action") == "tags"
    topic, tags_sent = update_topic(forum, user, int(req.route["id"]), req.params, tags_only=tags_only)
    body = basic_topic(forum.state, topic)
    if tags_sent and not tags_only and forum.state.settings["tagging_enabled"]:
        # docs/dev/discourse.md#updating-a-topic: when tags are sent, the reply is the flat BasicTopic payload plus tags
        # (only while tagging is on: the tags are then visible at all).
        body["tags"] = tag_objects(forum.state, topic)
        return json_response(body)
    return json_response({"basic_topic": body})


def status(req: Request) -> Response:
    user = require_user(req.user)
    set_status(req.double.forum, user, int(req.route["id"]), req.params)
    return json_response({"success": "OK", "topic_status_update": None})


def destroy(req: Request) -> Response:
    forum = req.double.forum
    user = require_user(req.user)
    topic = forum.state.topics.get(int(req.route["id"]))
    if topic is None or not user.staff:
        raise E.unprocessable(["There was a problem deleting that topic. Please contact the site's administrator."])
    if topic.deleted_at is None:
        soft_delete(forum, user, topic)
    return empty_response()


def _category_from_path(req: Request, parts: list[str]) -> Category:
    state = req.double.forum.state
    category = None
    if parts and parts[-1].isdigit():
        category = state.categories.get(int(parts[-1]))
    elif parts:
        candidates = [c for c in state.categories.values() if category_slug_path(state, c) == "/".join(parts)]
        category = candidates[0] if candidates else None
    if category is None:
        raise E.not_found()
    return category


def category_list(req: Request) -> Response:
    forum = req.double.forum
    state = forum.state
    path = req.route["path"]
    parts = [p for p in path.split("/") if p]
    suffix: list[str] = []
    if len(parts) >= 2 and parts[-2] == "l":
        if parts[-1] != "latest":
            raise E.unsupported(f"the /l/{parts[-1]} list")
        suffix = parts[-2:]
        parts = parts[:-2]
    category = _category_from_path(req, parts)
    guardian = forum.guardian(req.user)
    if not guardian.can_see_category(category):
        if state.settings["detailed_404"]:
            raise E.invalid_access()
        raise E.not_found()
    canonical = f"{category_slug_path(state, category)}/{category.id}"
    if "/".join(parts) != canonical:
        tail = "/" + "/".join(suffix) if suffix else ""
        location = f"/c/{canonical}{tail}" + (".json" if req.route.get("fmt") else "")
        return redirect(req.base_url + location + (f"?{req.query_string}" if req.query_string else ""))
    if not req.json_format:
        return html_page()
    page_text = as_text(req.params.get("page")) or "0"
    if not page_text.isdigit():
        raise E.invalid_parameters("page")
    page = int(page_text)
    topics, full = category_topics(forum, req.user, category, page)
    more = None
    if full:
        others = {k: v for k, v in req.query.items() if k != "page" and isinstance(v, str)}
        more = with_query(
            f"{state.base_path}/c/{canonical}/l/latest", {**others, "page": str(page + 1)}, (*others, "page")
        )
    body = topic_list(state, guardian, topics, PER_PAGE, more, guardian.can_create_topic_in(category))
    return json_response(body)
