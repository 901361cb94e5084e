"""Rules for the values in peer-group files: usernames, email addresses, cadence, time zones, ids."""

from __future__ import annotations

import re
from collections.abc import Iterator
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..identity import EXTERNAL_ID_MAX, cohort_external_id
from .model import group_name

COHORT_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TRACK_ID = COHORT_ID
GROUP_NAME_MAX = 20  # Discourse group names follow the username rules: 3 to 20 characters
CATEGORY_NAME_MAX = 50
# Loose on purpose: anything that looks like an address is refused, even in a comment.
EMAIL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
CADENCE = re.compile(r"^(\d+)\s+(day|days|week|weeks)$")
NAMED_CADENCES = {"daily": 1, "weekly": 7, "fortnightly": 14, "biweekly": 14}
MAX_CADENCE_DAYS = 60


def email_addresses(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, address) of every email address in a file's text, 1-based."""
    for number, line in enumerate(text.split("\n"), 1):
        for match in EMAIL.finditer(line):
            yield number, match.start() + 1, match.group(0)


def looks_like_email(value: str) -> bool:
    return EMAIL.search(value) is not None


def username_problem(name: str) -> str | None:
    """Why Discourse would refuse this username (UsernameValidator, ASCII), or None."""
    if name.startswith("@"):
        return f"'{name}' is not a forum username; write it without the '@'"
    if len(name) < 3 or len(name) > 20:
        return f"'{name}' has {len(name)} characters; forum usernames have 3 to 20"
    if re.search(r"[^\w.\-]", name, re.ASCII):
        return f"'{name}' is not a forum username: only letters, digits, '.', '-' and '_'"
    if not re.match(r"[A-Za-z0-9_]", name) or not re.search(r"[A-Za-z0-9]\Z", name):
        return f"'{name}' is not a forum username: it must start with a letter, digit or '_' and end with one"
    if re.search(r"[\-_.]{2,}", name):
        return f"'{name}' is not a forum username: two special characters in a row"
    return None


def cadence_days(value: object) -> int | None:
    """'weekly' (the default), 'fortnightly', 'daily', or 'N days' / 'N weeks'; None if not one of them."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        days = value
    elif isinstance(value, str):
        text = value.strip().lower()
        if text in NAMED_CADENCES:
            return NAMED_CADENCES[text]
        match = CADENCE.match(text)
        if not match:
            return None
        days = int(match.group(1)) * (7 if match.group(2).startswith("week") else 1)
    else:
        return None
    return days if 1 <= days <= MAX_CADENCE_DAYS else None


def timezone_problem(name: str) -> str | None:
    """None when the IANA time zone database knows `name` (e.g. America/Chicago)."""
    if not name or name != name.strip() or name.startswith("/") or ".." in name:
        return f"'{name}' is not a time zone name such as Europe/Berlin"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return f"'{name}' is not a time zone the tz database knows; use a name such as Europe/Berlin"
    return None


def id_length_problem(cohort_id: str, playbook_ids: list[str]) -> str | None:
    """Whether the cohort id leaves room for its group name and every topic's external_id."""
    group = group_name(cohort_id)
    if len(group) > GROUP_NAME_MAX:
        room = GROUP_NAME_MAX - len(group_name(""))
        return (
            f"the forum group '{group}' would have {len(group)} characters; Discourse allows {GROUP_NAME_MAX}, "
            f"so the cohort id can have at most {room}"
        )
    if not playbook_ids:
        return None
    longest = max(playbook_ids, key=len)
    external = cohort_external_id(cohort_id, longest)
    if len(external) > EXTERNAL_ID_MAX:
        room = EXTERNAL_ID_MAX - len(cohort_external_id("", longest))
        return (
            f"the topic id '{external}' would have {len(external)} characters; Discourse allows "
            f"{EXTERNAL_ID_MAX}, so with playbook '{longest}' the cohort id can have at most {room}"
        )
    return None
