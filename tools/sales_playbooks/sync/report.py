"""How a sync's plan and results are shown: one line per action, a summary, or JSON (every write as data)."""

from __future__ import annotations

from collections import Counter
from typing import Any, assert_never

from rich.console import Console

from .actions import (
    Action,
    AddMembers,
    ArchiveTopic,
    Conflict,
    CreateCategory,
    CreateGroup,
    CreateTopic,
    Kind,
    RemoveMembers,
    RestoreTopic,
    Result,
    SetGroupNotifications,
    SetWiki,
    Unchanged,
    UpdateTopic,
)
from .run import Outcome
from .transport import RequestCount

STYLE = {
    Kind.CREATE_CATEGORY: "green",
    Kind.CREATE_GROUP: "green",
    Kind.ADD_MEMBERS: "green",
    Kind.REMOVE_MEMBERS: "magenta",
    Kind.NOTIFY: "green",
    Kind.CREATE: "green",
    Kind.UPDATE: "cyan",
    Kind.RESTORE: "cyan",
    Kind.ARCHIVE: "magenta",
    Kind.WIKI: "cyan",
    Kind.CONFLICT: "yellow",
    Kind.UNCHANGED: "dim",
}
SPACES = (CreateCategory, CreateGroup, AddMembers, RemoveMembers, SetGroupNotifications)


def target(action: Action) -> str:
    """What the action writes to, in words."""
    match action:
        case CreateCategory():
            return f"category '{action.name}'"
        case CreateGroup() | AddMembers() | RemoveMembers() | SetGroupNotifications():
            return f"group '{action.name if isinstance(action, CreateGroup) else action.group}'"
        case _:
            return f"topic {action.external_id}"


def fields(action: Action) -> dict[str, Any]:
    """What the action sends (or, for a topic, what it changes), as data."""
    match action:
        case CreateCategory():
            return {"name": action.name, "permissions": dict(action.permissions), "color": action.color}
        case CreateGroup():
            return {
                "name": action.name,
                "full_name": action.full_name,
                "visibility_level": action.visibility_level,
                "usernames": list(action.usernames),
                "mentionable_level": action.mentionable_level,
            }
        case AddMembers() | RemoveMembers():
            return {"group_id": action.group_id, "usernames": list(action.usernames)}
        case SetGroupNotifications():
            return {
                "group_id": action.group_id,
                "category": action.category,
                "category_id": action.category_id,
                "levels": {level: list(ids) for level, ids in action.levels} if action.levels is not None else None,
                "update_existing_users": action.update_existing_users if action.levels is not None else None,
                "mentionable_level": action.mentionable_level,
            }
        case CreateTopic() | UpdateTopic() | RestoreTopic() | Conflict() | Unchanged():
            want = action.want
            tags = list(want.tags) if want.tags is not None else None
            return {"title": want.title, "category": want.category, "tags": tags, "changes": list(action.changes)}
        case ArchiveTopic():
            return {"add_note": action.add_note, "close": action.close}
        case SetWiki():
            return {"post_id": action.post_id, "wiki": action.wiki}
        case _:
            assert_never(action)


def space_line(action: Action) -> str:
    """A space action as the plan shows it."""
    match action:
        case CreateCategory() if action.private:
            groups = " and ".join(f"group '{g}'" for g, _ in action.permissions if g != "staff")
            return f"{'create':<9} private category '{action.name}' ({groups} and staff only)"
        case CreateCategory():
            return f"{'create':<9} category '{action.name}'"
        case CreateGroup():
            mention = ", mentionable by its members, moderators and admins" if action.mentionable_level else ""
            return f"{'create':<9} group '{action.name}' with {len(action.usernames)} member(s){mention}"
        case AddMembers():
            return f"{'add':<9} {len(action.usernames)} member(s) to '{action.group}': {', '.join(action.usernames)}"
        case RemoveMembers():
            names = ", ".join(action.usernames)
            return f"{'remove':<9} {len(action.usernames)} member(s) from '{action.group}': {names}"
        case SetGroupNotifications():
            return f"{'notify':<9} {action.what}"
        case _:
            raise ValueError(f"not a space action: {action.kind}")


def plan_line(action: Action) -> str:
    if isinstance(action, SPACES):
        return space_line(action)
    topic = f"topic {action.topic_id}" if action.topic_id else "new topic"
    changes = f" ({', '.join(action.changes)})" if action.changes else ""
    detail = f": {action.detail}" if action.detail else ""
    return f"{action.kind.value:<9} {action.path}  {topic}{changes}{detail}"


def result_line(result: Result) -> str:
    action = result.action
    if isinstance(action, SPACES):
        if result.ok:
            verb, _, rest = result.message.partition(" ")
            return f"{'ok':<6} {verb:<9} {rest}"
        if not result.sent:
            return f"{'FAILED':<6} {action.kind.value} {target(action)}: {result.message}"
        status = f"HTTP {result.status}" if result.status else "no response"
        return f"{'FAILED':<6} {action.kind.value} {target(action)}: {status}: {result.message}"
    topic = f"topic {result.topic_id}" if result.topic_id else "no topic"
    if result.ok:
        return f"{'ok':<6} {action.kind.value:<9} {action.path}  {topic}: {result.message}"
    if isinstance(action, Conflict):  # nothing was sent: no status to show
        return f"{'FAILED':<6} {action.kind.value:<9} {action.path}  {topic}: {result.message}"
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
    """One planned write as data: its kind, its target, its fields; topic actions also name their playbook."""
    data: dict[str, Any] = {"kind": action.kind.value, "target": target(action), "fields": fields(action)}
    if not isinstance(action, SPACES):
        data.update(
            {
                "key": action.key,
                "external_id": action.external_id,
                "path": action.path,
                "title": action.title,
                "topic_id": action.topic_id,
                "changes": list(action.changes),
                "detail": action.detail,
            }
        )
    return data


def result_json(result: Result) -> dict[str, Any]:
    data = {**action_json(result.action), "ok": result.ok, "message": result.message, "status": result.status}
    if not isinstance(result.action, SPACES):
        data["topic_id"] = result.topic_id
    return data


def outcome_json(outcome: Outcome, dry_run: bool, forum: str, counts: RequestCount) -> dict[str, Any]:
    """The whole run as data: every planned write, each result, the failures, notes and request counts."""
    return {
        "forum": forum,
        "dry_run": dry_run,
        "notes": outcome.notes,
        "plan": [action_json(a) for a in outcome.actions],
        "results": [result_json(r) for r in outcome.results],
        "failures": [{"scope": f.scope, "message": f.message} for f in outcome.failures],
        "summary": summary(outcome.actions, None if dry_run else outcome.results),
        "requests": {**vars(counts), "total": counts.total},
    }


def print_outcome(console: Console, outcome: Outcome, dry_run: bool, counts: RequestCount) -> None:
    """The notes, then the plan (dry run) or each result, then one summary line with the request count."""
    if dry_run:
        print_plan(console, outcome.actions, outcome.notes)
    else:
        for note in outcome.notes:
            console.print(note, markup=False)
        print_results(console, outcome.results)
    console.print(
        f"{'Plan' if dry_run else 'Sync'}: {summary(outcome.actions, None if dry_run else outcome.results)} "
        f"({counts.total} requests, {counts.rate_limited} rate-limited)",
        markup=False,
    )
