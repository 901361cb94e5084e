"""The rule for each field of a cohort file: each returns the clean value, or None after reporting why."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..htmlscan import markup_in
from ..yamlsource import Marked
from . import rules
from .model import NOTIFY_MODES

TRACKS_FILE = "tracks.yml"


def kind(value: Any) -> str:
    """How a YAML value reads to a person, for messages."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    names = {str: "text", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    return names.get(type(value), "nothing")


class Checker:
    """Collects problems for one YAML mapping, at the place of each key, value or list item."""

    def __init__(self, path: str, meta: Marked, problems: list[Problem]) -> None:
        self.path, self.meta, self.problems = path, meta, problems

    def error(self, key: str, code: str, message: str, index: int | None = None) -> None:
        pos = self.meta.item_pos(key, index) if index is not None else self.meta.value_pos(key)
        self.problems.append(Problem(self.path, pos.line, pos.col, code, message))

    def playbook_list(self, key: str, value: Any, known: Collection[str], what: str) -> tuple[str, ...] | None:
        if not isinstance(value, list):
            self.error(key, "wrong-type", f"{what} must be a list of playbook ids, not {kind(value)}")
            return None
        if not value:
            self.error(key, "empty-field", f"{what} lists no playbook")
            return None
        found: list[str] = []
        ok = True
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self.error(key, "wrong-type", f"each playbook in {what} must be an id, not {kind(item)}", index)
                ok = False
            elif item in found:
                self.error(key, "duplicate-playbook", f"'{item}' is already in {what}", index)
                ok = False
            elif item not in known:
                hint = difflib.get_close_matches(item, list(known), n=1)
                also = f"; did you mean '{hint[0]}'?" if hint else ""
                self.error(key, "unknown-playbook", f"no playbook has the id '{item}'{also}", index)
                ok = False
            else:
                found.append(item)
        return tuple(found) if ok else None


def _id(check: Checker, value: Any, path: Path, **_: Any) -> str | None:
    if not isinstance(value, str) or not rules.COHORT_ID.match(value):
        check.error("id", "bad-cohort-id", "the cohort id must be short lowercase words joined by '-', e.g. na-spring")
        return None
    if path.stem != value:
        check.error(
            "id", "id-file-mismatch", f"the id is '{value}' but the file is named '{path.name}'; name it '{value}.yml'"
        )
        return None
    return value


def _name(check: Checker, value: Any, **_: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        check.error("name", "wrong-type", f"'name' must be text, not {kind(value)}")
        return None
    name = " ".join(value.split())
    problem = markup_in(name)
    if problem:
        check.error("name", "html-in-field", f"'name' cannot be used: {problem}")
        return None
    if len(name) > rules.CATEGORY_NAME_MAX:
        check.error(
            "name",
            "name-too-long",
            f"the name has {len(name)} characters; it names the forum category, which allows {rules.CATEGORY_NAME_MAX}",
        )
        return None
    return name


def _usernames(check: Checker, key: str, value: Any) -> tuple[str, ...] | None:
    if not isinstance(value, list):
        check.error(key, "wrong-type", f"'{key}' must be a list of forum usernames, not {kind(value)}")
        return None
    names: list[str] = []
    seen: dict[str, int] = {}
    ok = True
    for index, item in enumerate(value):
        if not isinstance(item, str):
            check.error(key, "wrong-type", f"each of '{key}' must be a forum username, not {kind(item)}", index)
            ok = False
            continue
        if rules.looks_like_email(item):
            ok = False  # already reported where it stands, as an email address
            continue
        problem = rules.username_problem(item)
        if problem:
            check.error(key, "bad-username", problem, index)
            ok = False
        elif item.lower() in seen:
            check.error(key, "duplicate-member", f"'{item}' is listed twice in '{key}'", index)
            ok = False
        else:
            seen[item.lower()] = index
            names.append(item)
    return tuple(names) if ok else None


def _facilitators(check: Checker, value: Any, **_: Any) -> tuple[str, ...] | None:
    names = _usernames(check, "facilitators", value)
    if names is not None and not names:
        check.error("facilitators", "empty-field", "a cohort needs at least one facilitator")
        return None
    return names


def _members(check: Checker, value: Any, **_: Any) -> tuple[str, ...] | None:
    return _usernames(check, "members", value)


def people(
    check: Checker, facilitators: tuple[str, ...] | None, members: tuple[str, ...] | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    leads = {name.lower() for name in facilitators or ()}
    for index, name in enumerate(members or ()):
        if name.lower() in leads:
            check.error("members", "duplicate-member", f"'{name}' is already a facilitator", index)
    return facilitators or (), members or ()


def _start(check: Checker, value: Any, **_: Any) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        check.error("start", "bad-date", f"'{value}' is not a date on the calendar; write one such as 2027-01-11")
    elif isinstance(value, str):
        check.error("start", "bad-date", f"'{value}' is not a date; write one such as 2027-01-11")
    else:
        check.error("start", "bad-date", f"'start' must be a date such as 2027-01-11, not {kind(value)}")
    return None


def _cadence(check: Checker, value: Any, **_: Any) -> int | None:
    days = rules.cadence_days(value)
    if days is None:
        check.error(
            "cadence",
            "bad-cadence",
            f"'{value}' is not a cadence; use weekly, fortnightly, or a number of days or weeks "
            f"('10 days', '3 weeks'; at most {rules.MAX_CADENCE_DAYS} days)",
        )
    return days


def _timezone(check: Checker, value: Any, **_: Any) -> str | None:
    if not isinstance(value, str):
        check.error("timezone", "bad-timezone", f"'timezone' must be a name such as Europe/Berlin, not {kind(value)}")
        return None
    problem = rules.timezone_problem(value)
    if problem:
        check.error("timezone", "bad-timezone", problem)
        return None
    return value


def _curriculum(
    check: Checker, value: Any, known: Collection[str], tracks: dict[str, tuple[str, ...]], **_: Any
) -> tuple[tuple[str, ...], str | None] | None:
    if isinstance(value, str):
        if value in tracks:
            return tracks[value], value
        hint = difflib.get_close_matches(value, list(tracks), n=1)
        also = f"; did you mean '{hint[0]}'?" if hint else ""
        where = f"tracks are defined in peer-groups/{TRACKS_FILE}"
        check.error("curriculum", "unknown-track", f"no track is named '{value}' ({where}){also}")
        return None
    playbooks = check.playbook_list("curriculum", value, known, "the curriculum")
    return (playbooks, None) if playbooks is not None else None


def _notify(check: Checker, value: Any, **_: Any) -> str | None:
    if isinstance(value, str) and value.strip().lower() in NOTIFY_MODES:
        return value.strip().lower()
    shown = f"'{value}'" if isinstance(value, str) else kind(value)
    check.error(
        "notify",
        "bad-notify",
        f"{shown} is not a way to notify members; use watching (the group watches its category, the default), "
        "mention (each week's topic @mentions the group) or none",
    )
    return None


FIELD_RULES: dict[str, Callable[..., Any]] = {
    "id": _id,
    "name": _name,
    "facilitators": _facilitators,
    "members": _members,
    "start": _start,
    "cadence": _cadence,
    "timezone": _timezone,
    "curriculum": _curriculum,
    "notify": _notify,
}
