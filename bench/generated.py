"""Playbooks for the benchmarks: copies of the real ones, each with an id and a title of its own."""

from __future__ import annotations

import re

WORDS = ("pipeline", "forecast", "coaching", "territory", "quota", "hiring", "review", "seller", "deal", "team")


def renamed(text: str, n: int) -> tuple[str, str]:
    """The n-th copy of a playbook's text: (its id, the text with that id and a unique title)."""
    pid = f"bench-{n:04d}"
    title = f"Playbook {n:04d} on {WORDS[n % 10]} and {WORDS[(n // 10) % 10]} for new managers"
    text = re.sub(r"^id: .*$", f"id: {pid}", text, count=1, flags=re.M)
    return pid, re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)
