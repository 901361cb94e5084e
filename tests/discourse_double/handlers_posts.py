"""Post routes: create (with the memoizer), show, update, the wiki flag, revisions, raw, likes."""

from __future__ import annotations

import re

from . import errors as E
from .errors import ApiError
from .forum import require_user
from .http_types import Request, Response, empty_response, error_response, json_response, text_response
from .memoizer import signature_for
from .models import POST_TYPE_REGULAR, Post, Topic
from .ops_posts import check_tag_count, create_post, find_post, like, refuse_unsupported, set_wiki, update_post
from .params import as_text, present
from .serialize_posts import latest_post_payload, post_payload, post_with_draft_sequence, revision_payload


def create(req: Request) -> Response:
    double = req.double
    forum = double.forum
    user = require_user(req.user)
    refuse_unsupported(req.params)
    check_tag_count(forum, req.params)
    signature = signature_for(
        req.params,
        user.id,
        req.client_ip,
        req.headers.get("user-agent", ""),
        req.headers.get("referer", ""),
    )
    if double.memoize_creates:
        replay = double.memoizer.lookup(signature)
        if replay is not None:
            status, body = replay
            return json_response(body, status)
    try:
        post = create_post(forum, user, req.params, enforce_limits=True)
    except ApiError as error:
        if error.body.get("action") == "create_post" and double.memoize_creates:
            double.memoizer.store(signature, error.status, error.body)
        raise
    topic = forum.state.topics[post.topic_id]
    body = post_with_draft_sequence(forum.state, forum.guardian(user), post, topic, add_raw=True)
    if double.memoize_creates:
        double.memoizer.store(signature, 200, body)
    return json_response(body)


LATEST_PAGE_SIZE = 50  # LatestPostsQuery::PAGE_SIZE
LEADING_INTEGER = re.compile(r"\s*[+-]?\d+")


def _to_i(value: str | None) -> int:
    """Ruby's ``String#to_i``: the leading integer, 0 when there is none."""
    found = LEADING_INTEGER.match(value or "")
    return int(found.group()) if found else 0


def latest(req: Request) -> Response:
    """``posts#latest`` (``GET /posts.json``, no login needed): ``LatestPostsQuery#public_posts``.

    Regular posts of listed topics outside private messages, in categories the user may see, newest id
    first, 50 at most; ``before`` keeps ids below it. Deleted posts and topics are left out (``Trashable``).
    """
    if req.double.latest_posts_refusal is not None:
        return _refused(req.double.latest_posts_refusal, html=False)
    forum = req.double.forum
    state = forum.state
    guardian = forum.guardian(req.user)
    before = _to_i(as_text(req.params.get("before")))
    page = []
    for post in sorted(state.posts.values(), key=lambda p: p.id, reverse=True):
        if before > 0 and post.id >= before:
            continue
        topic = state.topics.get(post.topic_id)
        if topic is None or post.deleted_at is not None or topic.deleted_at is not None:
            continue
        if post.post_type != POST_TYPE_REGULAR or not topic.visible or topic.archetype == "private_message":
            continue
        category = state.categories.get(topic.category_id) if topic.category_id is not None else None
        if category is None or not guardian.can_see_category(category):
            continue
        page.append(latest_post_payload(state, guardian, post, topic))
        if len(page) == LATEST_PAGE_SIZE:
            break
    return json_response({"latest_posts": page})


def _visible_post(req: Request) -> tuple[Post, Topic]:
    forum = req.double.forum
    guardian = forum.guardian(req.user)
    post, topic = find_post(forum, int(req.route["id"]), guardian.is_staff)
    if not guardian.can_see_topic(topic, hide_deleted=not guardian.is_staff):
        raise E.invalid_access()
    return post, topic


def show(req: Request) -> Response:
    forum = req.double.forum
    post, topic = _visible_post(req)
    return json_response(post_payload(forum.state, forum.guardian(req.user), post, topic, add_raw=True))


def update(req: Request) -> Response:
    forum = req.double.forum
    user = require_user(req.user)
    post = update_post(forum, user, int(req.route["id"]), req.params, enforce=True)
    topic = forum.state.topics[post.topic_id]
    body = post_with_draft_sequence(forum.state, forum.guardian(user), post, topic, add_raw=True)
    return json_response({"post": body})


def wiki(req: Request) -> Response:
    """``posts#wiki``: ``render body: nil`` -- an empty 200; the post's ``wiki`` shows the change."""
    user = require_user(req.user)
    set_wiki(req.double.forum, user, int(req.route["id"]), req.params)
    return empty_response()


def _refused(status: int, html: bool) -> Response:
    """A read route switched off: what an older forum, a plugin or a proxy answers."""
    known = {400: E.invalid_parameters("revision"), 403: E.invalid_access(), 404: E.not_found()}
    error = known.get(status) or ApiError(status, {"errors": [f"HTTP {status}"]})
    return error_response(error, json_format=not html)


def revision(req: Request) -> Response:
    """``posts#latest_revision`` and ``posts#revisions``: who made a revision, and what changed."""
    if req.double.revisions_refusal is not None:
        return _refused(*req.double.revisions_refusal)
    forum = req.double.forum
    post, _topic = _visible_post(req)
    if not forum.settings["edit_history_visible_to_public"] and not post.wiki:  # a wiki's history is public
        user = req.user
        if user is None or not (user.staff or user.id == post.user_id):
            raise E.invalid_access()
    which = req.route["revision"]
    if which == "latest":
        if not post.revisions:
            raise E.not_found()
        number = post.revisions[-1].number
    else:
        number = int(which)
        if number < 2:
            raise E.invalid_parameters("revision")
    body = revision_payload(forum.state, post, number)
    if body is None:
        raise E.not_found()
    return json_response(body)


def raw(req: Request) -> Response:
    """``GET /raw/{topic_id}/{post_number}`` and ``GET /posts/{id}/raw``: plain markdown."""
    forum = req.double.forum
    state = forum.state
    guardian = forum.guardian(req.user)
    if "id" in req.route:
        post = state.posts.get(int(req.route["id"]))
    else:
        number = int(req.route.get("post_number") or 1)
        topic = state.topics.get(int(req.route["topic_id"]))
        post = None
        if topic is not None:
            post = next((state.posts[p] for p in topic.post_ids if state.posts[p].post_number == number), None)
    if post is None:
        raise E.not_found()
    topic = state.topics[post.topic_id]
    if not guardian.can_see_topic(topic) or (post.deleted_at is not None and not guardian.is_staff):
        raise E.not_found()
    revision_text = as_text(req.params.get("revision"))
    if present(revision_text):
        number = int(revision_text) if revision_text and revision_text.lstrip("-").isdigit() else 0
        if number < 2:
            raise E.invalid_parameters("revision")
        # ``guardian.ensure_can_see!(post_revision)``: the same rule as the revision routes
        if not forum.settings["edit_history_visible_to_public"]:
            user = req.user
            if user is None or not (user.staff or user.id == post.user_id):
                raise E.invalid_access()
        found = next((r for r in post.revisions if r.number == number), None)
        if found is None:
            raise E.not_found()
        return text_response(found.raw_after)
    return text_response(post.raw)


def post_action(req: Request) -> Response:
    forum = req.double.forum
    user = require_user(req.user)
    post = like(forum, user, req.params)
    topic = forum.state.topics[post.topic_id]
    return json_response(post_payload(forum.state, forum.guardian(user), post, topic, add_raw=False))
