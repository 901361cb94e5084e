"""`playbooks sync`: the command lives with its run for now; registered from here."""

from __future__ import annotations

from ..sync.command import sync

__all__ = ["sync"]
