"""The forum transport: pydiscourse, with what it lacks added in one place.

pydiscourse builds every request and names every endpoint; this module replaces only its
transport, adding a reused HTTP session, client-side pacing to the forum's rate limit, waiting
out 429s by their Retry-After (JSON or plain-text bodies), retries with backoff for reads and
updates, and following the external_id redirect. Nothing here ever prints or logs the API key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import requests
from pydiscourse import DiscourseClient
from pydiscourse.exceptions import DiscourseClientError, DiscourseError, DiscourseServerError
from requests.adapters import HTTPAdapter

from .pacing import Pacer, RequestCount, counting_retry, retry_after

# Pacer, RequestCount and retry_after moved to .pacing; importing them from here still works.
__all__ = [
    "CredentialsError",
    "ForumError",
    "NotAForumError",
    "Pacer",
    "RequestCount",
    "Transport",
    "as_forum_error",
    "credentials_message",
    "not_a_forum_message",
    "quote_id",
    "retry_after",
]

IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
# Every Discourse answers this for an admin; read when the very first answer is a 404, to tell "not
# found" from "no forum at this base URL" (docs/dev/discourse.md#subfolder-installs).
ALWAYS_THERE = "/categories.json"
MAX_RATE_LIMIT_WAITS = 8


class ForumError(Exception):
    """A request the forum refused or could not answer; never carries credentials."""

    def __init__(self, method: str, path: str, status: int | None, message: str) -> None:
        self.method, self.path, self.status, self.message = method, path, status, message
        shown = f"HTTP {status}" if status else "no response"
        super().__init__(f"{method} {path}: {shown}: {message}")


class CredentialsError(ForumError):
    """The forum rejected the API key or username, or the user may not do what the sync needs."""


class NotAForumError(ForumError):
    """The forum URL points somewhere else: the first answer was not Discourse's JSON, or Discourse
    does not know its addresses (a subfolder added to, or left out of, the forum's base URL).

    Its `status` is None so that no caller mistakes a web server's 404 page for the forum's "not found".
    `url` is the full address that was requested, the forum's base URL included.
    """

    def __init__(self, method: str, path: str, http_status: int, url: str = "", unknown_address: bool = False) -> None:
        reason = "an address the forum does not know" if unknown_address else "not the forum's JSON API"
        super().__init__(method, path, None, f"HTTP {http_status}, {reason}")
        self.http_status = http_status
        self.url = url or path
        self.unknown_address = unknown_address


def error_message(response: requests.Response) -> str:
    try:
        errors = response.json().get("errors")
        if errors:
            return "; ".join(str(e) for e in errors)
    except (ValueError, AttributeError):
        pass
    return response.reason or (response.text or "").strip()[:200] or "no message"


class Transport(DiscourseClient):  # type: ignore[misc]
    """pydiscourse with its `_request` sent through one paced, retrying session."""

    def __init__(
        self,
        host: str,
        api_username: str,
        api_key: str,
        pacer: Pacer,
        timeout: float,
        backoff: float,
        sleep: Callable[[float], None],
        confirm_base: bool = False,
    ) -> None:
        super().__init__(host, api_username=api_username, api_key=api_key, timeout=timeout)
        self.pacer, self.sleep = pacer, sleep
        self.counts = RequestCount()
        # Until the forum has answered in JSON and accepted a write, a refusal means the settings are wrong.
        self.answered = False
        self.wrote = False
        # With confirm_base, a 404 before any other answer is checked against ALWAYS_THERE: a forum that
        # does not know that address either is not at this base URL.
        self.confirm_base = confirm_base
        self.found_something = False
        self.session = requests.Session()
        # 429s are handled by _request, which paces every later request too; urllib3 retries the rest.
        retry = counting_retry(self.counts)(
            total=4,
            connect=4,
            read=3,
            status=3,
            other=0,
            status_forcelist=(500, 502, 503, 504),
            allowed_methods=IDEMPOTENT,
            backoff_factor=backoff,
            respect_retry_after_header=False,
            raise_on_status=False,
            raise_on_redirect=False,
        )
        adapter = HTTPAdapter(max_retries=retry, pool_connections=2, pool_maxsize=4)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update(
            {
                "Api-Key": api_key,
                "Api-Username": api_username,
                "Accept": "application/json; charset=utf-8",
                "User-Agent": "sales-leader-playbooks-sync",
            }
        )

    def _request(
        self,
        verb: str,
        path: str,
        params: Any = None,
        files: Any = None,
        data: Any = None,
        json: Any = None,
        override_request_kwargs: dict[str, Any] | None = None,
    ) -> Any:
        kwargs: dict[str, Any] = {
            "params": params,
            "files": files,
            "data": data,
            "json": json,
            "timeout": self.timeout,
            "allow_redirects": False,
        }
        kwargs.update(override_request_kwargs or {})
        method = verb.upper()
        for _attempt in range(MAX_RATE_LIMIT_WAITS + 1):
            self.pacer.wait()
            if method in IDEMPOTENT:
                self.counts.reads += method == "GET"
                self.counts.writes += method != "GET"
            else:
                self.counts.writes += 1
            try:
                response = self.session.request(method, self.host + path, **kwargs)
            except requests.RequestException as exc:
                raise ForumError(method, path, None, f"connection failed ({type(exc).__name__})") from exc
            if response.status_code != 429:
                return self._interpret(method, path, response)
            self.counts.rate_limited += 1
            wait = retry_after(response)
            self.pacer.hold(wait)
        raise ForumError(method, path, 429, "still rate limited after waiting; try again later")

    def _interpret(self, method: str, path: str, response: requests.Response) -> Any:
        status = response.status_code
        message = error_message(response)
        payload, is_json = _json_body(response)
        if not self.answered and not is_json and (status < 300 or 400 <= status < 500):
            # Not Discourse's JSON API at all. A 5xx page is a forum in trouble (or its proxy): a read failure.
            raise NotAForumError(method, path, status, self.host + path)
        self.answered = self.answered or is_json
        if status == 404 and self.confirm_base and not self.found_something:
            self._confirm_base(method, path)
        self.found_something = self.found_something or (is_json and status != 404)
        if status in (401, 403) and (not self.wrote or "api username or key is invalid" in message.lower()):
            raise CredentialsError(method, path, status, "the forum refused the API key or username")
        if 400 <= status < 500:
            raise DiscourseClientError(message, response=response)
        if status >= 500:
            raise DiscourseServerError(message, response=response)
        if method != "GET":
            self.wrote = True
        if status in (301, 302, 303, 307, 308):
            return {"_redirect": response.headers.get("Location", "")}
        if not response.content.strip():
            return None
        if not is_json and path.startswith("/raw/") and "text/plain" in response.headers.get("Content-Type", ""):
            return {"_text": response.text}  # a post's Markdown (GET /raw/...), which the forum sends as text
        if not is_json:
            raise DiscourseError(f"the forum answered {path} with something that is not JSON", response=response)
        if isinstance(payload, dict) and payload.get("errors"):
            raise DiscourseError(", ".join(map(str, payload["errors"])), response=response)
        return payload

    def _confirm_base(self, method: str, path: str) -> None:
        """Raise NotAForumError unless the forum knows ALWAYS_THERE (asked once, unless that was `path`)."""
        self.found_something = True  # asked once per run, and never from within the question itself
        if path != ALWAYS_THERE:
            try:
                self._request("GET", ALWAYS_THERE)
                return
            except DiscourseError as exc:
                response = getattr(exc, "response", None)
                if response is None or response.status_code != 404:
                    raise
        raise NotAForumError(method, path, 404, self.host + path, unknown_address=True)


def _json_body(response: requests.Response) -> tuple[Any, bool]:
    """The answer's JSON, and whether it was JSON at all (an empty body counts as JSON)."""
    if not response.content.strip():
        return None, True
    try:
        return response.json(), True
    except ValueError:
        return None, False


def credentials_message(exc: ForumError) -> str:
    """What to fix when the forum refuses the credentials; names the variables, never their values."""
    return (
        f"the forum refused the credentials (HTTP {exc.status} on {exc.method} {exc.path}). Check DISCOURSE_API_KEY "
        "and DISCOURSE_API_USERNAME: the key must be an admin API key valid for that username, and the user an "
        "active, unsuspended admin"
    )


def not_a_forum_message(exc: NotAForumError, forum_url: str) -> str:
    """Names the base URL, the full address requested and the settings to fix (never a credential)."""
    fix = (
        "Check DISCOURSE_URL, or extra.forum.url in mkdocs.yml: it must be the forum's base URL, with the "
        "subfolder when the forum is served from one (such as https://example.com/community) and without one "
        "otherwise"
    )
    if exc.unknown_address:
        return (
            f"no Discourse forum at {forum_url}: the forum answered HTTP 404 (an address it does not know) on "
            f"{exc.method} {exc.url}, and to {ALWAYS_THERE} under the same base too. {fix}"
        )
    return (
        f"{forum_url} does not answer like a Discourse forum (HTTP {exc.http_status} on {exc.method} {exc.url}, "
        f"not JSON). {fix}"
    )


def quote_id(value: str | int) -> str:
    return quote(str(value), safe="")


def as_forum_error(method: str, path: str, exc: DiscourseError) -> ForumError:
    response = getattr(exc, "response", None)
    status = response.status_code if response is not None else None
    return ForumError(method, path, status, str(exc))
