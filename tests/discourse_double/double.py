"""``DiscourseDouble``: the public face of the double (server life cycle, users,
keys, limits, faults) plus in-process inspection and forum-people helpers."""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from . import errors as E
from .faults import FaultInjector, Faults
from .forum import Forum
from .http_types import TEXT_CONTENT_TYPE, Response
from .inspection import InspectionMixin
from .memoizer import CreateMemoizer
from .models import User
from .ratelimit import RateLimiter
from .server import DoubleHTTPServer, RequestRecord, make_handler
from .settings import build_settings
from .state import ForumState

LOOPBACK_EXEMPT = None


class DiscourseDouble(InspectionMixin):
    """A Discourse look-alike HTTP server on 127.0.0.1 (see docs/dev/discourse.md)."""

    def __init__(
        self,
        admin_rate_limit: tuple[int, float] = (60, 60.0),
        per_ip_limit: tuple[int, float] | None = None,
        faults: Faults | None = None,
        memoize_creates: bool = True,
        settings: Mapping[str, Any] | None = None,
        per_ip_exempt_admin_api: bool = True,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        base_path: str = "",
    ):
        # ``clock`` drives every rate limiter and ``sleep`` serves injected latency;
        # both default to real time, tests may inject fakes.  ``base_path`` ("/community")
        # serves the forum in a subfolder, as Discourse.base_path does.
        if base_path and (not base_path.startswith("/") or base_path.endswith("/") or "//" in base_path):
            raise ValueError(f"base_path must look like '/community', got {base_path!r}")
        self.clock = clock
        self.state = ForumState(build_settings(settings))
        self.state.base_path = base_path
        # None: the revision routes answer as Discourse does; else (status, html) of a refusal.
        self.revisions_refusal: tuple[int, bool] | None = None
        self.latest_posts_refusal: int | None = None
        self.forum = Forum(self.state, clock)
        self.memoize_creates = memoize_creates
        self.memoizer = CreateMemoizer()
        self.admin_rate_limit = (int(admin_rate_limit[0]), float(admin_rate_limit[1]))
        self.per_ip_limit = (int(per_ip_limit[0]), float(per_ip_limit[1])) if per_ip_limit is not None else None
        # Discourse rolls back the per-IP count of an authenticated admin-API request.
        self.per_ip_exempt_admin_api = per_ip_exempt_admin_api
        self._admin_limiter = RateLimiter(*self.admin_rate_limit, clock=clock)
        self._ip_limiters: dict[str, RateLimiter] = {}
        self._injector = FaultInjector(faults or Faults(), sleep)
        self._records: list[RequestRecord] = []
        self._records_lock = threading.Lock()
        self._server: DoubleHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._user_keys: dict[int, str] = {}
        with self.state.lock:
            system = User(id=-1, username="system", name="system", admin=True, trust_level=4)
            self.state.users[system.id] = system

    # life cycle ------------------------------------------------------------
    def start(self) -> DiscourseDouble:
        if self._server is not None:
            return self
        self._server = DoubleHTTPServer(("127.0.0.1", 0), make_handler(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="discourse-double",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> DiscourseDouble:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the Discourse double is not started")
        return int(self._server.server_address[1])

    @property
    def origin(self) -> str:
        """Scheme, host and port, without the subfolder."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_path(self) -> str:
        return self.state.base_path

    @property
    def url(self) -> str:
        """The forum's base URL (what DISCOURSE_URL names): the origin plus the subfolder, if any."""
        return self.origin + self.state.base_path

    def inner_path(self, path: str) -> str | None:
        """``path`` as the forum's routes see it, or None when it lies outside the subfolder."""
        prefix = self.state.base_path
        if not prefix:
            return path
        if path == prefix:
            return "/"
        return path[len(prefix) :] if path.startswith(prefix + "/") else None

    # switchable behaviour --------------------------------------------------
    def refuse_revisions(self, status: int = 404, html: bool = False) -> None:
        """Make ``GET /posts/{id}/revisions/...`` answer ``status``, as an older forum, a plugin or a
        proxy may: Discourse's JSON error body, or a web server's HTML page with ``html=True``."""
        self.revisions_refusal = (status, html)

    def serve_revisions(self) -> None:
        self.revisions_refusal = None

    def refuse_latest_posts(self, status: int | None = 404) -> None:
        """Make ``GET /posts.json`` answer ``status`` (a proxy or plugin that blocks it); None serves it again."""
        self.latest_posts_refusal = status

    # users and keys --------------------------------------------------------
    def add_user(
        self,
        username: str,
        admin: bool = False,
        moderator: bool = False,
        trust_level: int | None = None,
        name: str | None = None,
    ) -> User:
        with self.state.lock:
            if self.state.user_by_username(username) or self.state.group_by_name(username):
                raise ValueError(f"username already taken: {username}")
            user = User(
                id=self.state.next_user_id(),
                username=username,
                name=name if name is not None else username,
                admin=admin,
                moderator=moderator,
                trust_level=trust_level if trust_level is not None else (4 if admin else 1),
            )
            self.state.users[user.id] = user
            return copy.deepcopy(user)

    def _user(self, username: str) -> User:
        user = self.state.user_by_username(username)
        if user is None:
            raise KeyError(f"no such user: {username}")
        return user

    def api_key_for(self, username: str) -> str:
        """A key bound to ``username`` (created on first use, then reused)."""
        with self.state.lock:
            user = self._user(username)
            if user.id not in self._user_keys:
                self._user_keys[user.id] = self.state.new_api_key(user.id)
            return self._user_keys[user.id]

    def create_api_key(self, username: str | None = None, global_key: bool = False) -> str:
        """A new key: global (any ``Api-Username``) or bound to ``username``."""
        with self.state.lock:
            if global_key:
                return self.state.new_api_key(None)
            if username is None:
                raise ValueError("a non-global key needs a username")
            return self.state.new_api_key(self._user(username).id)

    def revoke_api_key(self, key: str) -> None:
        with self.state.lock:
            self.state.api_keys[key].revoked = True

    def suspend_user(self, username: str, suspended: bool = True) -> None:
        with self.state.lock:
            self._user(username).suspended = suspended

    # limits and faults -----------------------------------------------------
    @property
    def faults(self) -> Faults:
        return self._injector.faults

    @faults.setter
    def faults(self, value: Faults) -> None:
        self._injector.configure(value)

    def reset_rate_limits(self) -> None:
        self._admin_limiter.reset()
        self._ip_limiters.clear()
        self.forum.user_limits.reset()

    def reset_memoizer(self) -> None:
        self.memoizer.clear()

    def _admin_api_performed(self) -> None:
        wait = self._admin_limiter.performed()
        if wait is not None:
            raise E.rate_limited(wait, "admin_api_key_rate_limit")

    def _ip_limiter(self, ip: str) -> RateLimiter | None:
        if self.per_ip_limit is None:
            return None  # private and loopback addresses are exempt by default
        limiter = self._ip_limiters.get(ip)
        if limiter is None:
            limiter = self._ip_limiters.setdefault(ip, RateLimiter(*self.per_ip_limit, clock=self.clock))
        return limiter

    def _check_per_ip(self, ip: str) -> Response | None:
        limiter = self._ip_limiter(ip)
        if limiter is None:
            return None
        wait = limiter.performed()
        if wait is None:
            return None
        code = "ip_10_secs_limit"
        text = f"Slow down, you're making too many requests.\nPlease retry again in {wait} seconds.\nError code: {code}"
        headers = {"Retry-After": str(wait), "Discourse-Rate-Limit-Error-Code": code}
        return Response(429, text.encode("utf-8"), TEXT_CONTENT_TYPE, headers)

    def _rollback_per_ip(self, ip: str) -> None:
        limiter = self._ip_limiter(ip)
        if limiter is not None and self.per_ip_exempt_admin_api:
            limiter.rollback()

    # request log -----------------------------------------------------------
    def _record(self, record: RequestRecord) -> None:
        with self._records_lock:
            self._records.append(record)

    @property
    def requests(self) -> list[RequestRecord]:
        with self._records_lock:
            return list(self._records)

    def clear_requests(self) -> None:
        with self._records_lock:
            self._records.clear()
