"""A playbook whose id changed since its topic was made: told apart by the sync's state file, without the forum.

The forum cannot move a topic's external_id, so a playbook that changes its `id` keeps its topic only through
`previous_ids`. Without it the sync closes the old topic and the new one is refused for its title.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import Problem, Severity
from .identity import PUBLIC_PREFIX
from .validate import Checked


def id_change_problems(checked: Iterable[Checked], root: Path, recorded: Mapping[str, list[str]]) -> list[Problem]:
    """A warning at the `id` of each playbook whose file the state records under another playbook id."""
    items = list(checked)
    current = {item.id for item in items if item.id}
    problems: list[Problem] = []
    for item in items:
        if item.id is None or "id" not in item.positions:
            continue
        try:
            repo_path = Path(item.path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
        listed = set(item.playbook.previous_ids) if item.playbook is not None else set()
        for external_id in recorded.get(repo_path, []):
            old = external_id.removeprefix(PUBLIC_PREFIX)
            if not external_id.startswith(PUBLIC_PREFIX) or old == item.id or old in listed or old in current:
                continue
            pos = item.positions["id"]
            message = (
                f"id changed from {old} to {item.id}; add previous_ids: [{old}] so that the forum topic made "
                f"under {old} stays this playbook's (the sync's state file records it for this file)"
            )
            problems.append(Problem(item.path, pos.line, pos.col, "id-changed", message, Severity.WARNING))
    return problems
