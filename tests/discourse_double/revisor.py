"""``PostRevisor``: edits of a post and of its topic's title, category and tags.

A change creates a new version (and a PostRevision numbered by that version,
the first being 2) unless it is a grace-period edit: same editor as the last
one, within ``editing_grace_period`` of the last version, a raw text no further
than ``editing_grace_period_max_diff`` from the version's original text (both
in length and in characters changed) and no new edit reason.  Grace-period
edits fold into the current version; folding a revision back to no change at
all removes it and steps the version back (docs/dev/discourse.md#revisions).
Turning a post's wiki flag on or off goes through the same rules, with no text to measure.
"""

from __future__ import annotations

import difflib
from datetime import datetime

from .forum import Forum
from .models import Post, Revision, Topic, User, utcnow

_UNSET = object()


def diff_size(before: str, after: str) -> int:
    """Characters inserted plus deleted (``ONPDiff#short_diff``)."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end_b, end_a = len(before), len(after)
    while end_b > start and end_a > start and before[end_b - 1] == after[end_a - 1]:
        end_b -= 1
        end_a -= 1
    a, b = before[start:end_b], after[start:end_a]
    if not a or not b:
        return len(a) + len(b)
    if len(a) + len(b) > 20000:
        return len(a) + len(b)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum((i2 - i1) + (j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def revise(
    forum: Forum,
    post: Post,
    topic: Topic,
    editor: User,
    *,
    raw: str | None = None,
    title: str | None = None,
    category_id: object = _UNSET,
    tags: list[str] | None = None,
    edit_reason: str | None = None,
    wiki: bool | None = None,
) -> bool:
    """Apply already validated changes; return False when nothing changed."""
    changed_raw = raw is not None and raw != post.raw
    changed_wiki = wiki is not None and wiki != post.wiki
    changed_title = title is not None and title != topic.title
    changed_category = category_id is not _UNSET and category_id != topic.category_id
    changed_tags = tags is not None and sorted(tags) != sorted(topic.tags)
    if not (changed_raw or changed_title or changed_category or changed_tags or changed_wiki):
        return False
    now = utcnow()
    original = _original_raw(forum, post, now)
    since_version = (now - post.last_version_at).total_seconds()
    grace = since_version <= forum.setting_int("editing_grace_period")
    if grace and raw is not None:
        high_trust = editor.staff or editor.trust_level >= 2
        limit = forum.setting_int(
            "editing_grace_period_max_diff_high_trust" if high_trust else "editing_grace_period_max_diff"
        )
        grace = abs(len(original) - len(raw)) <= limit and diff_size(original, raw) <= limit
    last_editor = post.last_editor_id if post.last_editor_id is not None else post.user_id
    reason_specified = bool(edit_reason) and edit_reason != post.edit_reason
    new_version = last_editor != editor.id or not grace or reason_specified

    before_raw, before_title = post.raw, topic.title
    before_category, before_tags, before_wiki = topic.category_id, list(topic.tags), post.wiki
    if changed_wiki:
        post.wiki = bool(wiki)
    if changed_raw:
        forum.set_raw(post, raw or "")
    if changed_title:
        forum.set_title(topic, title or "")
    if changed_category:
        topic.category_id = category_id  # type: ignore[assignment]
    if changed_tags:
        topic.tags = list(tags or [])
    post.updated_at = now
    post.last_editor_id = editor.id

    if new_version:
        post.version += 1
        post.last_version_at = now
        post.edit_reason = edit_reason or None
        post.revisions.append(
            Revision(
                number=post.version,
                user_id=editor.id,
                username=editor.username,
                created_at=now,
                edit_reason=edit_reason or None,
                raw_before=original if changed_raw else before_raw,
                raw_after=post.raw,
                title_before=before_title if changed_title else None,
                title_after=topic.title if changed_title else None,
                category_before=before_category,
                category_after=topic.category_id,
                tags_before=before_tags if changed_tags else None,
                tags_after=list(topic.tags) if changed_tags else None,
                wiki_before=before_wiki if changed_wiki else None,
                wiki_after=post.wiki if changed_wiki else None,
            )
        )
        post.original_raw = post.original_raw_at = None
        return True
    if post.original_raw is None:
        post.original_raw, post.original_raw_at = before_raw, now
    if post.revisions and post.revisions[-1].number == post.version:
        _fold(post, topic, before_title if changed_title else None, before_tags if changed_tags else None)
        if changed_wiki:
            latest = post.revisions[-1]
            latest.wiki_before = latest.wiki_before if latest.wiki_before is not None else before_wiki
            latest.wiki_after = post.wiki
        if edit_reason:
            post.revisions[-1].edit_reason = edit_reason
            post.edit_reason = edit_reason
        if _unchanged(post.revisions[-1]):
            # update_revision: a revision left with no modification is destroyed.
            post.revisions.pop()
            post.version -= 1
    return True


def _original_raw(forum: Forum, post: Post, now: datetime) -> str:
    """The cached original raw while its cache entry lives, else the current raw."""
    if post.original_raw is not None and post.original_raw_at is not None:
        age = (now - post.original_raw_at).total_seconds()
        if age <= forum.setting_int("editing_grace_period") + 1:
            return post.original_raw
    post.original_raw = post.original_raw_at = None
    return post.raw


def _fold(post: Post, topic: Topic, title_before: str | None, tags_before: list[str] | None) -> None:
    """``update_revision``: the latest revision now ends at the post's current state.

    Its author and time stay those of the revision (the editor is the same user).
    """
    latest = post.revisions[-1]
    latest.raw_after = post.raw
    if title_before is not None:
        latest.title_before = latest.title_before if latest.title_before is not None else title_before
        latest.title_after = topic.title
    latest.category_after = topic.category_id
    if tags_before is not None:
        latest.tags_before = latest.tags_before if latest.tags_before is not None else tags_before
        latest.tags_after = list(topic.tags)


def _unchanged(revision: Revision) -> bool:
    return (
        revision.raw_before == revision.raw_after
        and revision.title_before == revision.title_after
        and revision.category_before == revision.category_after
        and sorted(revision.tags_before or []) == sorted(revision.tags_after or [])
        and revision.wiki_before == revision.wiki_after
    )
