"""How a sync's plan and results are shown: one line per topic, a summary, or JSON."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.console import Console

from .apply import Result
from .plan import Action, Kind

STYLE = {
    Kind.CREATE: "green",
    Kind.UPDATE: "cyan",
    Kind.RESTORE: "cyan",
    Kind.ARCHIVE: "magenta",
    Kind.CONFLICT: "yellow",
    Kind.UNCHANGED: "dim",
}


def plan_line(action: Action) -> str:
    topic = f"topic {action.topic_id}" if action.topic_id else "new topic"
    changes = f" ({', '.join(action.changes)})" if action.changes else ""
    detail = f": {action.detail}" if action.detail else ""
    return f"{action.kind.value:<9} {action.path}  {topic}{changes}{detail}"


def result_line(result: Result) -> str:
    action = result.action
    topic = f"topic {result.topic_id}" if result.topic_id else "no topic"
    if result.ok:
        return f"{'ok':<6} {action.kind.value:<9} {action.path}  {topic}: {result.message}"
    status = f"HTTP {result.status}" if result.status else "no response"
    return f"{'FAILED':<6} {action.kind.value:<9} {action.path}  {topic}: {status}: {result.message}"


def print_plan(console: Console, actions: list[Action], extra: list[str]) -> None:
    for line in extra:
        console.print(line, markup=False)
    for action in actions:
        console.print(plan_line(action), style=STYLE[action.kind], markup=False)


def print_results(console: Console, results: list[Result]) -> None:
    for result in results:
        style = STYLE[result.kind] if result.ok else "bold red"
        console.print(result_line(result), style=style, markup=False)


def summary(actions: list[Action], results: list[Result] | None) -> str:
    counts = Counter(a.kind.value for a in actions)
    parts = [f"{counts[k.value]} {k.value}" for k in Kind if counts[k.value]]
    text = ", ".join(parts) or "nothing to do"
    if results is not None:
        failed = sum(1 for r in results if not r.ok)
        text += f"; {failed} failed" if failed else "; all done"
    return text


def action_json(action: Action) -> dict[str, Any]:
    return {
        "kind": action.kind.value,
        "key": action.key,
        "external_id": action.external_id,
        "path": action.path,
        "title": action.title,
        "topic_id": action.topic_id,
        "changes": list(action.changes),
        "detail": action.detail,
    }


def result_json(result: Result) -> dict[str, Any]:
    return {
        **action_json(result.action),
        "ok": result.ok,
        "message": result.message,
        "topic_id": result.topic_id,
        "status": result.status,
    }
