"""Discourse's ``RateLimiter``: a rolling log of the last ``max`` timestamps.

An action is allowed while fewer than ``max`` actions are logged, or when the
oldest of the last ``max`` is at least ``secs`` old.  A refused action is not
logged.  The wait is ``secs - (now - oldest)``, reported in whole seconds.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    def __init__(self, max_actions: int, secs: float, clock: Callable[[], float] = time.monotonic):
        if max_actions < 1 or secs <= 0:
            raise ValueError("a rate limit needs max >= 1 and secs > 0")
        self.max = max_actions
        self.secs = float(secs)
        self._clock = clock
        self._log: deque[float] = deque()
        self._lock = threading.Lock()

    def _oldest_age(self, now: float) -> float:
        return now - self._log[0]

    def seconds_to_wait(self) -> int:
        with self._lock:
            return self._wait(self._clock())

    def _wait(self, now: float) -> int:
        if len(self._log) < self.max:
            return 0
        remaining = self.secs - self._oldest_age(now)
        return max(1, math.ceil(remaining)) if remaining > 0 else 0

    def performed(self) -> int | None:
        """Log one action; return None, or the whole seconds to wait if over the limit."""
        with self._lock:
            now = self._clock()
            if len(self._log) >= self.max and self._oldest_age(now) < self.secs:
                return self._wait(now)
            self._log.append(now)
            while len(self._log) > self.max:
                self._log.popleft()
            return None

    def rollback(self) -> None:
        """Forget the most recent action (``RateLimiter#rollback!``)."""
        with self._lock:
            if self._log:
                self._log.pop()

    def reset(self) -> None:
        with self._lock:
            self._log.clear()


class LimiterRegistry:
    """Keyed limiters created on first use (per user, per IP, site-wide)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._limiters: dict[str, RateLimiter] = {}
        self._lock = threading.Lock()

    def get(self, key: str, max_actions: int, secs: float) -> RateLimiter:
        with self._lock:
            limiter = self._limiters.get(key)
            if limiter is None or limiter.max != max_actions or limiter.secs != float(secs):
                limiter = RateLimiter(max_actions, secs, self._clock)
                self._limiters[key] = limiter
            return limiter

    def reset(self) -> None:
        with self._lock:
            self._limiters.clear()
