"""`GET /u/{username}.json` (users#show): does a forum account exist under this username?

Unknown usernames, and inactive accounts for a caller who is not staff, are 404 `not_found`
(Discourse looks the user up with `fetch_user_from_params(include_inactive: staff)`). The cohort
sync reads it before adding people to a group. The answer carries every field the OpenAPI spec
requires, with neutral values where the double keeps nothing.
"""

from __future__ import annotations

from typing import Any

from . import errors as E
from .http_types import Request, Response, json_response
from .openapi_check import load_spec


def _neutral(schema: dict[str, Any]) -> Any:
    """The plainest value the schema allows: null where allowed, else an empty or zero value."""
    kinds = schema.get("type", "object")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "null" in kinds:
        return None
    kind = kinds[0]
    if kind == "object":
        props = schema.get("properties") or {}
        return {name: _neutral(props.get(name) or {}) for name in schema.get("required") or []}
    return {"array": [], "string": "", "integer": 0, "number": 0, "boolean": False}[kind]


def user_show(req: Request) -> Response:
    """The user's public card, or 404."""
    forum = req.double.forum
    found = forum.state.user_by_username(req.route["username"])
    caller_is_staff = req.user is not None and req.user.staff
    if found is None or (not found.active and not caller_is_staff):
        raise E.not_found()
    schema = load_spec()["paths"]["/u/{username}.json"]["get"]["responses"]["200"]["content"]["application/json"]
    body = _neutral(schema["schema"])
    body["user"].update(
        id=found.id,
        username=found.username,
        name=found.name,
        admin=found.admin,
        moderator=found.moderator,
        trust_level=found.trust_level,
        created_at=found.created_at.isoformat(),
        last_seen_at=found.last_seen_at.isoformat(),
        avatar_template="/letter_avatar_proxy/v4/letter/x/{size}.png",
    )
    return json_response(body)
