"""``Auth::DefaultCurrentUserProvider#lookup_api_user`` for ``Api-Key`` headers.

Only headers count: ``api_key``/``api_username`` query parameters are ignored
outside RSS/ICS routes, so such a request is anonymous (docs/dev/discourse.md#authentication).
"""

from __future__ import annotations

from collections.abc import Mapping

from . import errors as E
from .models import User
from .state import ForumState


def authenticate(state: ForumState, headers: Mapping[str, str]) -> tuple[User | None, bool]:
    """Return ``(user, via_api_key)``; raise 403 ``invalid_access`` for bad credentials."""
    key_text = headers.get("api-key")
    if key_text is None:
        return None, False
    key = state.api_keys.get(key_text.strip())
    if key is None or key.revoked:
        raise E.invalid_credentials()
    username = headers.get("api-username")
    user_id_text = headers.get("api-user-id")
    user: User | None
    if key.user_id is not None:
        owner = state.users.get(key.user_id)
        if owner is None or (username is not None and username.lower() != owner.username_lower):
            raise E.invalid_credentials()
        user = owner
    elif username is not None:
        user = state.user_by_username(username)
    elif user_id_text is not None and user_id_text.strip().lstrip("-").isdigit():
        user = state.users.get(int(user_id_text))
    else:
        user = None
    if user is None:
        raise E.invalid_credentials()
    if user.suspended or not user.active:
        raise E.invalid_access()
    return user, True
