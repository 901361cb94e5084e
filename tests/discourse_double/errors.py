"""Discourse's error bodies (docs/dev/discourse.md#errors) as exceptions the handlers raise.

Every refusal in the double is an :class:`ApiError` carrying the exact status,
body and extra headers Discourse would send.  The in-process helpers of
:class:`~tests.discourse_double.double.DiscourseDouble` raise the same error, so a
test sees the same refusal whichever way it asked.
"""

from __future__ import annotations

from typing import Any

NOT_FOUND_MESSAGE = "The requested URL or resource could not be found."
INVALID_ACCESS_MESSAGE = "You are not permitted to view the requested resource."
INVALID_API_CREDENTIALS = INVALID_ACCESS_MESSAGE + " The API username or key is invalid."
NOT_LOGGED_IN_MESSAGE = "You need to be logged in to do that."
INVALID_PARAMETERS_PREFIX = "You supplied invalid parameters to the request: "
TOPIC_NOT_FOUND_MESSAGE = "Something went wrong. Perhaps this topic was closed or deleted while you were looking at it?"
EDIT_CONFLICT_MESSAGE = "This post was edited by someone else while you were editing it. Your changes were not saved."


class ApiError(Exception):
    """A refusal: HTTP status, JSON body and extra response headers."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None):
        super().__init__(f"{status} {body}")
        self.status = status
        self.body = body
        self.headers = dict(headers or {})

    @property
    def errors(self) -> list[str]:
        return list(self.body.get("errors", []))


def not_found() -> ApiError:
    return ApiError(404, {"errors": [NOT_FOUND_MESSAGE], "error_type": "not_found"})


def invalid_access(message: str = INVALID_ACCESS_MESSAGE) -> ApiError:
    return ApiError(403, {"errors": [message], "error_type": "invalid_access"})


def invalid_credentials() -> ApiError:
    return invalid_access(INVALID_API_CREDENTIALS)


def not_logged_in() -> ApiError:
    return ApiError(403, {"errors": [NOT_LOGGED_IN_MESSAGE], "error_type": "not_logged_in"})


def invalid_parameters(what: str) -> ApiError:
    return ApiError(400, {"errors": [INVALID_PARAMETERS_PREFIX + what], "error_type": "invalid_parameters"})


def param_missing(name: str) -> ApiError:
    """``ActionController::ParameterMissing`` rendered by ApplicationController."""
    return ApiError(400, {"errors": [f"param is missing or the value is empty: {name}"]})


def unprocessable(messages: list[str]) -> ApiError:
    """``render_json_error(model)``: 422 with the model's full messages."""
    return ApiError(422, {"errors": list(messages)})


def create_post_failed(messages: list[str]) -> ApiError:
    """``POST /posts`` failure: the whole NewPostResult (docs/dev/discourse.md#creating-topics)."""
    return ApiError(422, {"action": "create_post", "errors": list(messages)})


def edit_conflict() -> ApiError:
    return ApiError(409, {"errors": [EDIT_CONFLICT_MESSAGE]})


def forbidden_result(message: str = INVALID_ACCESS_MESSAGE) -> ApiError:
    """``render_json_error(result)`` of a forbidden result: 403 without ``error_type``."""
    return ApiError(403, {"errors": [message]})


def unsupported(what: str) -> ApiError:
    """Something Discourse would do that this double does not model: refused loudly."""
    return ApiError(
        400,
        {
            "errors": [f"The Discourse test double does not support {what}."],
            "error_type": "invalid_parameters",
        },
    )


def time_left_text(seconds: int) -> str:
    """``RateLimiter::LimitExceeded#time_left`` wording (English locale)."""
    if seconds <= 3:
        return "a few seconds"
    if seconds < 60:
        return f"{seconds} seconds"
    if seconds < 3600:
        minutes = seconds // 60
        return "1 minute" if minutes == 1 else f"{minutes} minutes"
    hours = seconds // 3600
    return "1 hour" if hours == 1 else f"{hours} hours"


def rate_limited(wait_seconds: int, error_code: str | None) -> ApiError:
    """JSON 429 from ``rescue_from RateLimiter::LimitExceeded`` (docs/dev/discourse.md#rate-limits)."""
    time_left = time_left_text(wait_seconds)
    headers = {"Retry-After": str(wait_seconds)}
    if error_code:
        headers["Discourse-Rate-Limit-Error-Code"] = error_code
    body = {
        "errors": [f"You\u2019ve performed this action too many times. Please wait {time_left} before trying again."],
        "error_type": "rate_limit",
        "extras": {"wait_seconds": wait_seconds, "time_left": time_left},
    }
    return ApiError(429, body, headers)
