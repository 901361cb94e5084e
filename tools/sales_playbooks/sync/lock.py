"""One sync at a time per state file: a lock held for the whole run, released even when the run is killed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout


class SyncRunning(Exception):
    """Another sync holds the lock on this state file."""

    def __init__(self, state_path: Path) -> None:
        self.state_path = state_path
        super().__init__(
            f"another sync is running on {state_path} (its lock file {lock_path(state_path)} is held); "
            "nothing was done. Let it finish, then run the sync again"
        )


def lock_path(state_path: Path) -> Path:
    return state_path.with_name(state_path.name + ".lock")


@contextmanager
def state_lock(state_path: Path) -> Iterator[None]:
    """Hold the state file's lock for the block, or raise SyncRunning at once if another run holds it.

    The operating system's own file lock (flock): it goes with the process, so a killed sync leaves no
    stale lock behind. The empty lock file itself stays, as the lock library leaves it.
    """
    state_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path(state_path)), timeout=0)
    try:
        lock.acquire()
    except Timeout as exc:
        raise SyncRunning(state_path) from exc
    try:
        yield
    finally:
        lock.release()
