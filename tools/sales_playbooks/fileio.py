"""Files written whole or not at all: one atomic write for every file the tools keep (state, activity, calendars)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes, durable: bool = False) -> None:
    """Write `data` to `path` so that a reader, or a killed run, sees the old file or the new one, never half.

    The data goes to a temporary file beside the target, which then replaces it. `durable` also
    flushes it to the disk first (fsync), for files that must survive a power cut; without it a torn
    file after a power cut is possible, which suits caches that read a broken file as missing.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem.lstrip('.')}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str, durable: bool = False) -> None:
    """`atomic_write_bytes` for text, in UTF-8."""
    atomic_write_bytes(path, text.encode("utf-8"), durable)
