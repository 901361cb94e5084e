"""The rules for a cohort's optional meeting fields: `meets`, `call_url` and `release_at`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from ..errors import Problem, Severity
from .fields import Checker, kind
from .model import DEFAULT_MEETING_MINUTES, WEEKDAYS, Cohort, Meeting

CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
DURATION = re.compile(r"^(\d+)\s*(minutes?|mins?|hours?|h)$")
MEETING_KEYS = ("weekday", "time", "duration")
MIN_MINUTES, MAX_MINUTES = 15, 240
CALL_URL_MAX = 500


def clock_time(value: Any) -> dt.time | None:
    """'17:00' or '9:30' as a time of day; None for anything else."""
    if not isinstance(value, str):
        return None
    match = CLOCK.match(value.strip())
    return dt.time(int(match.group(1)), int(match.group(2))) if match else None


def clock_problem(what: str, value: Any, example: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 17:00 as the number 1020 (base 60): only quotes keep it a time.
        return (
            f'{what} must be a 24-hour time in quotes, such as "{example}" (without quotes YAML reads it as a number)'
        )
    return f"'{value}' is not a time of day; write {what} as a 24-hour time such as \"{example}\""


def weekday(value: Any) -> int | None:
    """'Tuesday', 'tuesdays', 'Tue' as 1 (Monday is 0); None for anything else."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower().removesuffix("s") if len(value.strip()) > 3 else value.strip().lower()
    for index, name in enumerate(WEEKDAYS):
        if text in (name.lower(), name[:3].lower()):
            return index
    return None


def duration_minutes(value: Any) -> int | None:
    """60, '90 minutes' or '1 hour' as minutes, within 15 to 240; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        minutes = value
    elif isinstance(value, str):
        match = DURATION.match(value.strip().lower())
        if not match:
            return None
        minutes = int(match.group(1)) * (60 if match.group(2).startswith("h") else 1)
    else:
        return None
    return minutes if MIN_MINUTES <= minutes <= MAX_MINUTES else None


def call_url_problem(value: str) -> str | None:
    """Why a video-call link is refused: only a plain https address, with no user name or password in it."""
    if len(value) > CALL_URL_MAX or any(c.isspace() for c in value):
        return "the call link must be one https address, without spaces"
    try:
        parts = urlsplit(value)
        _ = parts.port  # a port that is not a number is refused here
    except ValueError:
        return f"'{value}' is not a web address"
    if parts.scheme != "https":
        return "the call link must start with https:// (the meeting service's own address)"
    if not parts.hostname or "." not in parts.hostname:
        return "the call link has no host name, such as meet.example.com"
    if parts.username is not None or parts.password is not None:
        return "the call link must not carry a user name or password before the host"
    return None


def _meets(check: Checker, value: Any, **_: Any) -> Meeting | None:
    """meets: {weekday: Tuesday, time: "17:00", duration: 60}: the group's regular meeting, local time."""
    if not isinstance(value, dict):
        check.error("meets", "wrong-type", f"'meets' must hold weekday, time and duration, not {kind(value)}")
        return None
    inner = Checker(check.path, check.meta.children["meets"], check.problems)
    ok = True
    for key in value:
        if key not in MEETING_KEYS:
            pos = inner.meta.key_pos(key)
            message = f"'meets' has no field '{key}'; it takes weekday, time and duration"
            check.problems.append(Problem(check.path, pos.line, pos.col, "unknown-field", message))
            ok = False
    for key in ("weekday", "time"):
        if value.get(key) is None:
            where = inner if key in value else check
            where.error(key if key in value else "meets", "missing-field", f"'meets' needs a {key}")
            ok = False
    day = weekday(value.get("weekday"))
    if value.get("weekday") is not None and day is None:
        inner.error("weekday", "bad-weekday", f"'{value['weekday']}' is not a weekday; write one such as Tuesday")
        ok = False
    start = clock_time(value.get("time"))
    if value.get("time") is not None and start is None:
        inner.error("time", "bad-time", clock_problem("the meeting time", value["time"], "17:00"))
        ok = False
    minutes = DEFAULT_MEETING_MINUTES
    if value.get("duration") is not None:
        found = duration_minutes(value["duration"])
        if found is None:
            inner.error(
                "duration",
                "bad-duration",
                f"'{value['duration']}' is not a meeting length; write minutes ({MIN_MINUTES} to {MAX_MINUTES}), "
                "such as 60 or '90 minutes'",
            )
            ok = False
        else:
            minutes = found
    if not ok or day is None or start is None:
        return None
    return Meeting(day, start, minutes)


def _call_url(check: Checker, value: Any, **_: Any) -> str | None:
    if not isinstance(value, str):
        check.error("call_url", "wrong-type", f"'call_url' must be an https address, not {kind(value)}")
        return None
    problem = call_url_problem(value.strip())
    if problem:
        check.error("call_url", "bad-call-url", problem)
        return None
    return value.strip()


def _release_at(check: Checker, value: Any, **_: Any) -> dt.time | None:
    found = clock_time(value)
    if found is None:
        check.error("release_at", "bad-time", clock_problem("'release_at'", value, "08:00"))
    return found


def meeting_problems(cohort: Cohort, check: Checker) -> None:
    """Warn when a meeting would start before its week's topic is released: members could not read it first."""
    early = [s for s in cohort.sessions() if s.start.astimezone(dt.UTC) < cohort.release_moment(s.release)]
    if early:
        first, pos = early[0], check.meta.value_pos("meets")
        check.problems.append(
            Problem(
                check.path,
                pos.line,
                pos.col,
                "meeting-before-release",
                f"week {first.release.week} meets at {first.start:%H:%M} on {first.start:%A %Y-%m-%d}, "
                f"before its topic is released at {cohort.release_at:%H:%M}; set an earlier release_at "
                "or a later meeting",
                Severity.WARNING,
            )
        )


MEETING_RULES: dict[str, Callable[..., Any]] = {
    "meets": _meets,
    "call_url": _call_url,
    "release_at": _release_at,
}
