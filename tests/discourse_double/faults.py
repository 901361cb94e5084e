"""Injected failures: seeded, so a test run is reproducible.

For every HTTP request the injector draws the same numbers in the same order
(server error, connection drop, then for writes the commit-then-500 and the
before/after choice), so a sequential test sees the same faults on every run.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Faults:
    """Fault rates in [0, 1]; ``latency`` is seconds slept per request."""

    server_error_rate: float = 0.0
    commit_then_500_rate: float = 0.0
    drop_connection_rate: float = 0.0
    latency: float = 0.0
    seed: int = 1

    def __post_init__(self) -> None:
        for name in ("server_error_rate", "commit_then_500_rate", "drop_connection_rate"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be within [0, 1]")
        if self.latency < 0:
            raise ValueError("latency must be >= 0")


class FaultKind(StrEnum):
    NONE = "none"
    SERVER_ERROR = "server_error"  # 500 before anything is done
    DROP_BEFORE = "drop_before"  # socket closed before anything is done
    DROP_AFTER = "drop_after"  # write committed, then the socket is closed
    COMMIT_THEN_500 = "commit_then_500"  # write committed, then a 500


@dataclass(frozen=True)
class FaultPlan:
    before: FaultKind  # NONE, SERVER_ERROR or DROP_BEFORE
    after_write: FaultKind  # NONE, DROP_AFTER or COMMIT_THEN_500 (applies to successful writes)
    latency: float


class FaultInjector:
    """Plans faults; ``sleep`` (``time.sleep`` by default) is how latency is served."""

    def __init__(self, faults: Faults, sleep: Callable[[float], None] = time.sleep):
        self._lock = threading.Lock()
        self._sleep = sleep
        self.configure(faults)

    def delay(self, seconds: float) -> None:
        """Serve ``seconds`` of injected latency through the injected ``sleep``."""
        if seconds > 0:
            self._sleep(seconds)

    def configure(self, faults: Faults) -> None:
        with self._lock:
            self._faults = faults
            self._random = random.Random(faults.seed)

    @property
    def faults(self) -> Faults:
        return self._faults

    def plan(self, is_write: bool) -> FaultPlan:
        with self._lock:
            f = self._faults
            rnd = self._random
            server_error = rnd.random() < f.server_error_rate
            drop = rnd.random() < f.drop_connection_rate
            commit_500 = rnd.random() < f.commit_then_500_rate
            drop_after = rnd.random() < 0.5
        before = FaultKind.NONE
        after = FaultKind.NONE
        if server_error:
            before = FaultKind.SERVER_ERROR
        elif drop and not (is_write and drop_after):
            before = FaultKind.DROP_BEFORE
        elif drop:
            after = FaultKind.DROP_AFTER
        elif is_write and commit_500:
            after = FaultKind.COMMIT_THEN_500
        return FaultPlan(before=before, after_write=after, latency=f.latency)
