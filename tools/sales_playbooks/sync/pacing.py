"""Pacing requests to the forum's rate limit, the wait a 429 asks for, and counts of what was sent."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Self

import requests
from urllib3.connectionpool import ConnectionPool
from urllib3.response import BaseHTTPResponse
from urllib3.util.retry import Retry

RETRY_IN = re.compile(r"retry again in (\d+) seconds", re.I)


class Pacer:
    """Spaces requests evenly so a steady run stays under `per_minute` and never sees a 429.

    The spacing is `MARGIN` wider than the limit: Discourse counts the last N requests in a
    rolling window, so at exactly the limit the request that opens each new window would arrive
    a few milliseconds early whenever network timing varies, and be refused.
    """

    MARGIN = 0.02

    def __init__(
        self,
        per_minute: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 60.0 / per_minute * (1 + self.MARGIN) if per_minute > 0 else 0.0
        self.clock, self.sleep = clock, sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = self.clock()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            self.sleep(start - now)

    def hold(self, seconds: float) -> None:
        """Push every later request back: the forum asked us to wait."""
        with self._lock:
            self._next = max(self._next, self.clock() + seconds)


def retry_after(response: requests.Response, default: float = 10.0) -> float:
    """Seconds to wait after a 429: the Retry-After header, else the JSON or plain-text body."""
    header = response.headers.get("Retry-After", "").strip()
    if header.isdigit():
        return float(header)
    try:
        body = response.json()
        return float(body["extras"]["wait_seconds"])
    except (ValueError, KeyError, TypeError):
        pass
    match = RETRY_IN.search(response.text or "")
    return float(match.group(1)) if match else default


@dataclass
class RequestCount:
    """How many HTTP requests the client sent, by method, and how many 429s it met."""

    reads: int = 0
    writes: int = 0
    rate_limited: int = 0
    retried: int = 0  # sent again by urllib3 after a server error or a dropped connection

    @property
    def total(self) -> int:
        return self.reads + self.writes + self.retried


def counting_retry(counts: RequestCount) -> type[Retry]:
    """urllib3's Retry, counting each request it sends again (it copies itself on every retry)."""

    class CountingRetry(Retry):
        def increment(
            self,
            method: str | None = None,
            url: str | None = None,
            response: BaseHTTPResponse | None = None,
            error: Exception | None = None,
            _pool: ConnectionPool | None = None,
            _stacktrace: TracebackType | None = None,
        ) -> Self:
            following = super().increment(method, url, response, error, _pool, _stacktrace)  # raises if none left
            counts.retried += 1
            return following

    return CountingRetry
