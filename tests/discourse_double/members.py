"""A forum member's own requests over HTTP: what a person does in the forum, with their Api-Username."""

from __future__ import annotations

import requests

from .double import DiscourseDouble


def member_edit(
    double: DiscourseDouble, username: str, post_id: int, raw: str, edit_reason: str | None = None
) -> requests.Response:
    """``username`` edits post ``post_id`` as the forum's composer does: ``PUT /posts/{id}.json`` with their
    own key, so the double's rules for them apply (a wiki post, their trust level, the grace period)."""
    data = {"post[raw]": raw}
    if edit_reason is not None:
        data["post[edit_reason]"] = edit_reason
    headers = {
        "Accept": "application/json",
        "Api-Key": double.api_key_for(username),
        "Api-Username": username,
    }
    return requests.put(f"{double.url}/posts/{post_id}.json", data=data, headers=headers, timeout=10)
