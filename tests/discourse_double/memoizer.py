"""``DistributedMemoizer.memoize(signature_for(params), 120)`` of ``posts#create``.

The signature covers every permitted create parameter plus the client's IP,
User-Agent and Referer and the acting user, so an identical API retry within
120 s gets the first result back: the same post, or the same 422.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable
from typing import Any

MEMOIZE_SECONDS = 120.0


def signature_for(params: dict[str, Any], user_id: int, ip: str, user_agent: str, referrer: str) -> str:
    items = dict(params)
    items.update({"ip_address": ip, "user_agent": user_agent, "referrer": referrer, "user": user_id})
    text = json.dumps(sorted(items.items(), key=lambda kv: kv[0]), default=str, sort_keys=True)
    return "post##" + hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


class CreateMemoizer:
    def __init__(self, seconds: float = MEMOIZE_SECONDS, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self._clock = clock
        self._store: dict[str, tuple[float, int, dict[str, Any]]] = {}
        self._lock = threading.Lock()

    def lookup(self, signature: str) -> tuple[int, dict[str, Any]] | None:
        with self._lock:
            entry = self._store.get(signature)
            if entry is None:
                return None
            stored_at, status, body = entry
            if self._clock() - stored_at >= self.seconds:
                del self._store[signature]
                return None
            return status, json.loads(json.dumps(body))

    def store(self, signature: str, status: int, body: dict[str, Any]) -> None:
        with self._lock:
            self._store[signature] = (self._clock(), status, json.loads(json.dumps(body)))

    def clear(self) -> None:
        with self._lock:
            self._store.clear()
