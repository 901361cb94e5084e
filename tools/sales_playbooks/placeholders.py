"""Prompts left from `playbooks new`: every `TODO` marker is text the author still has to write."""

from __future__ import annotations

import re
from typing import Any

from .errors import Problem
from .yamlsource import FrontMatterDoc

MARKER = "TODO"
PLACEHOLDER = re.compile(r"\bTODO\b")
FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:67] + "..."


def _message(text: str, key: str | None = None) -> str:
    if key == "related":
        return (
            f"replace the placeholder with the id of a playbook to read next (its file name in playbooks/ "
            f"without .md): {_short(text)}"
        )
    return f"replace the placeholder with your own words: {_short(text)}"


def placeholder_problems(path: str, doc: FrontMatterDoc) -> list[Problem]:
    """One error per front matter value and per body line that still holds a TODO prompt."""
    problems: list[Problem] = []
    if doc.meta is not None:
        for key, value in doc.meta.data.items():
            items: list[tuple[int | None, Any]] = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for index, item in items:
                if isinstance(item, str) and PLACEHOLDER.search(item):
                    pos = doc.meta.item_pos(key, index) if index is not None else doc.meta.value_pos(key)
                    problems.append(Problem(path, pos.line, pos.col, "placeholder", _message(item, key)))
    fence: str | None = None
    for index, line in enumerate(doc.body.split("\n")):
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        match = PLACEHOLDER.search(line)
        if match:
            problems.append(
                Problem(path, doc.body_line + index, match.start() + 1, "placeholder", _message(line[match.start() :]))
            )
    return problems
