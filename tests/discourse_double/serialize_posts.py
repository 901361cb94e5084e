"""JSON for users and posts (``BasicUserSerializer``, ``PostSerializer``)."""

from __future__ import annotations

from typing import Any

from .guardian import Guardian
from .models import LIKE, POST_TYPE_SMALL_ACTION, Post, Topic, User, iso
from .state import ForumState
from .textutil import excerpt


def avatar_template(user: User, base_path: str) -> str:
    """``User.system_avatar_template``: a site-relative URL, so under the subfolder's prefix."""
    letter = (user.username[:1] or "x").lower()
    return f"{base_path}/letter_avatar_proxy/v4/letter/{letter}/8e7dd6/{{size}}.png"


def basic_user(user: User, base_path: str) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "name": user.name or "",
        "avatar_template": avatar_template(user, base_path),
    }


def actions_summary(post: Post, guardian: Guardian) -> list[dict[str, Any]]:
    """Like (id 2) entry as ``PostSerializer#actions_summary`` builds it.

    ``count`` only when positive, ``can_act`` only when true, ``acted`` and
    ``can_undo`` only for the viewer's own like.
    """
    viewer = guardian.user
    summary: dict[str, Any] = {"id": LIKE}
    if post.likers:
        summary["count"] = len(post.likers)
    acted = viewer is not None and viewer.id in post.likers
    if viewer is not None and not acted and post.user_id != viewer.id and post.post_type != POST_TYPE_SMALL_ACTION:
        summary["can_act"] = True
    if acted:
        summary["acted"] = True
        summary["can_undo"] = True
    if summary.get("can_act") or summary.get("count"):
        return [summary]
    return []


def post_payload(
    state: ForumState,
    guardian: Guardian,
    post: Post,
    topic: Topic,
    *,
    add_raw: bool,
    in_stream: bool = False,
) -> dict[str, Any]:
    """One post.  ``in_stream`` gives the shape used inside ``post_stream.posts``."""
    author = state.users[post.user_id]
    viewer = guardian.user
    can_edit = guardian.can_edit_post(post, topic)
    staff = guardian.is_staff
    replies = [p for p in state.posts_of(topic) if p.reply_to_post_number == post.post_number and p.deleted_at is None]
    data: dict[str, Any] = {
        "id": post.id,
        "name": author.name or "",
        "username": author.username,
        "avatar_template": avatar_template(author, state.base_path),
        "created_at": iso(post.created_at),
        "cooked": post.cooked,
        "post_number": post.post_number,
        "post_type": post.post_type,
        "updated_at": iso(post.updated_at),
        "reply_count": len(replies),
        "reply_to_post_number": post.reply_to_post_number,
        "quote_count": 0,
        "incoming_link_count": 0,
        "reads": 0,
        "readers_count": 0,
        "score": 0,
        "yours": viewer is not None and viewer.id == post.user_id,
        "topic_id": topic.id,
        "topic_slug": topic.slug,
        "display_username": author.name or "",
        "primary_group_name": None,
        "flair_name": None,
        "flair_url": None,
        "flair_bg_color": None,
        "flair_color": None,
        "flair_group_id": None,
        "version": post.version,
        "can_edit": can_edit,
        "can_delete": staff and post.post_number > 1,
        "can_recover": staff and post.deleted_at is not None,
        "can_see_hidden_post": staff,
        "can_wiki": guardian.can_wiki(post),
        "user_title": None,
        "bookmarked": False,
        "actions_summary": actions_summary(post, guardian),
        "moderator": author.moderator,
        "admin": author.admin,
        "staff": author.staff,
        "user_id": author.id,
        "hidden": False,
        "trust_level": author.trust_level,
        "deleted_at": iso(post.deleted_at),
        "user_deleted": False,
        "edit_reason": post.edit_reason,
        "can_view_edit_history": True,
        "wiki": post.wiki,
        "reviewable_id": None,
        "reviewable_score_count": 0,
        "reviewable_score_pending_count": 0,
    }
    if post.action_code:
        data["action_code"] = post.action_code
    if in_stream:
        # The topic view's post shape (getTopic schema): no flair_group_id, reviewable_id 0.
        del data["flair_group_id"]
        data["reviewable_id"] = 0
        data["link_counts"] = []
        data["read"] = True
    else:
        data["posts_count"] = len([p for p in state.posts_of(topic) if p.deleted_at is None])
        data["badges_granted"] = []
        data["post_url"] = f"{state.base_path}/t/{topic.slug}/{topic.id}/{post.post_number}"
        data["mentioned_users"] = []
    if add_raw:
        data["raw"] = post.raw
    return data


def post_with_draft_sequence(
    state: ForumState, guardian: Guardian, post: Post, topic: Topic, add_raw: bool
) -> dict[str, Any]:
    data = post_payload(state, guardian, post, topic, add_raw=add_raw)
    data["draft_sequence"] = 0
    return data


def revision_payload(state: ForumState, post: Post, number: int) -> dict[str, Any] | None:
    """``PostRevisionSerializer`` for revision ``number`` (the first one is 2).

    ``username`` is the editor's lowercase username, ``display_username`` the username as
    typed; the neighbours are revision numbers, None where there is none.
    """
    revisions = {r.number: r for r in post.revisions}
    rev = revisions.get(number)
    if rev is None:
        return None
    editor = state.users.get(rev.user_id)
    username = editor.username if editor else rev.username
    numbers = sorted(revisions)
    earlier = [n for n in numbers if n < number]
    later = [n for n in numbers if n > number]
    data: dict[str, Any] = {
        "created_at": iso(rev.created_at),
        "post_id": post.id,
        "previous_hidden": False,
        "current_hidden": False,
        "first_revision": numbers[0],
        "previous_revision": earlier[-1] if earlier else None,
        "current_revision": number,
        "next_revision": later[0] if later else None,
        "last_revision": numbers[-1],
        "current_version": number,
        "version_count": post.version,
        "username": username.lower(),
        "display_username": username,
        "avatar_template": avatar_template(editor, state.base_path) if editor else None,
        "edit_reason": rev.edit_reason,
        "body_changes": {
            "inline": (
                f'<div class="inline-diff"><del>{_esc(rev.raw_before)}</del><ins>{_esc(rev.raw_after)}</ins></div>'
            ),
            "side_by_side": f'<div class="revision-content">{_esc(rev.raw_before)}</div>'
            f'<div class="revision-content">{_esc(rev.raw_after)}</div>',
            "side_by_side_markdown": f'<table class="markdown"><tr><td>{_esc(rev.raw_before)}</td>'
            f"<td>{_esc(rev.raw_after)}</td></tr></table>",
        },
        "wiki": post.wiki,
        "post_type": post.post_type,
        "can_edit": True,
    }
    if rev.wiki_before != rev.wiki_after:
        data["wiki_changes"] = {"previous": rev.wiki_before, "current": rev.wiki_after}
    if rev.title_before is not None or rev.title_after is not None:
        data["title_changes"] = {
            "inline": f'<div class="inline-diff"><del>{_esc(rev.title_before or "")}</del>'
            f"<ins>{_esc(rev.title_after or '')}</ins></div>"
        }
    if rev.category_before != rev.category_after:
        data["category_id_changes"] = {"previous": rev.category_before, "current": rev.category_after}
    if rev.tags_before is not None or rev.tags_after is not None:
        data["tags_changes"] = {"previous": rev.tags_before or [], "current": rev.tags_after or []}
    return data


def _esc(text: str) -> str:
    import html

    return html.escape(text)


def latest_post_payload(state: ForumState, guardian: Guardian, post: Post, topic: Topic) -> dict[str, Any]:
    """One entry of ``posts#latest``: ``PostSerializer`` with ``add_raw``, ``add_excerpt`` and ``add_title``."""
    data = post_payload(state, guardian, post, topic, add_raw=True)
    data.pop("mentioned_users", None)
    text = excerpt(post.raw)
    data.update(
        {
            "topic_title": topic.title,
            "topic_html_title": topic.fancy_title,
            "category_id": topic.category_id,
            "excerpt": text,
            "truncated": text.endswith("&hellip;"),
        }
    )
    return data
