"""Rules for a playbook's front matter fields: presence, types and allowed values."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import Problem
from .forum_rules import ForumLimits, tag_problems, title_problems
from .htmlscan import markup_in
from .model import AUDIENCES, STAGES
from .yamlsource import Marked

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$")
OWNER_PATTERN = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9._-]{1,100})?$")
REQUIRED = (
    "id",
    "title",
    "summary",
    "audience",
    "stage",
    "tags",
    "owner",
    "reviewed",
    "review_every",
    "sources",
)
OPTIONAL = ("related", "order", "previous_ids")
ORDER_MIN, ORDER_MAX = 1, 99
SUMMARY_MIN, SUMMARY_MAX = 40, 300
REVIEW_MIN, REVIEW_MAX = 30, 730
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # reviewed: "2026-11-20", quoted, still names a day


@dataclass
class FieldCheck:
    """Checks the front matter of one file; collects problems as it goes."""

    path: str
    meta: Marked
    sources: set[str]
    limits: ForumLimits
    today: dt.date

    def __post_init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, key: str, code: str, message: str, index: int | None = None) -> None:
        pos = self.meta.item_pos(key, index) if index is not None else self.meta.value_pos(key)
        self.problems.append(Problem(self.path, pos.line, pos.col, code, message))

    def run(self) -> dict[str, Any]:
        """Check every field; return the clean values of the fields that passed."""
        data = self.meta.data
        for key in data:
            if key not in REQUIRED and key not in OPTIONAL:
                hint = difflib.get_close_matches(key, REQUIRED + OPTIONAL, n=1)
                also = f"; did you mean '{hint[0]}'?" if hint else ""
                pos = self.meta.key_pos(key)
                self.problems.append(
                    Problem(self.path, pos.line, pos.col, "unknown-field", f"unknown field '{key}'{also}")
                )
        for key in REQUIRED:
            if key not in data or data[key] is None:
                pos = self.meta.key_pos(key) if key in data else self.meta.start
                self.problems.append(
                    Problem(self.path, pos.line, pos.col, "missing-field", f"required field '{key}' is missing")
                )
        checks: dict[str, Callable[[Any], Any]] = {
            "id": self._id,
            "title": self._title,
            "summary": self._summary,
            "audience": self._audience,
            "stage": self._stage,
            "tags": self._tags,
            "owner": self._owner,
            "reviewed": self._reviewed,
            "review_every": self._review_every,
            "sources": self._sources,
            "related": self._related,
            "order": self._order,
            "previous_ids": self._previous_ids,
        }
        clean: dict[str, Any] = {}
        for key, check in checks.items():
            if data.get(key) is None:
                continue
            before = len(self.problems)
            value = check(data[key])
            if len(self.problems) == before:
                clean[key] = value
        return clean

    def _text(self, key: str, value: Any) -> str | None:
        if not isinstance(value, str):
            self.error(key, "wrong-type", f"'{key}' must be text, not {_kind(value)}")
            return None
        if not value.strip():
            self.error(key, "empty-field", f"'{key}' is empty")
            return None
        return value.strip()

    def _list(self, key: str, value: Any) -> list[str] | None:
        if isinstance(value, str):
            self.error(key, "wrong-type", f"'{key}' must be a list, such as [{value}]")
            return None
        if not isinstance(value, list):
            self.error(key, "wrong-type", f"'{key}' must be a list, not {_kind(value)}")
            return None
        out: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.error(key, "wrong-type", f"each item of '{key}' must be text, not {_kind(item)}", index)
                return None
            if item in out:
                self.error(key, "duplicate-item", f"'{item}' is listed twice in '{key}'", index)
                return None
            out.append(item)
        return out

    def _plain(self, key: str, text: str | None) -> str | None:
        """A text field shown on pages, in the forum and in reports must carry no markup."""
        problem = markup_in(text) if text is not None else None
        if problem:
            self.error(key, "html-in-field", f"'{key}' cannot be used: {problem}")
            return None
        return text

    def _id(self, value: Any) -> str | None:
        text = self._text("id", value)
        if text is not None and not ID_PATTERN.match(text):
            self.error(
                "id",
                "bad-id",
                f"id '{text}' must be 3 to 40 characters of a-z, 0-9 and '-', "
                "starting and ending with a letter or digit",
            )
            return None
        return text

    def _title(self, value: Any) -> str | None:
        text = self._plain("title", self._text("title", value))
        if text is not None:
            for code, message in title_problems(text, self.limits):
                self.error("title", code, message)
        return text

    def _summary(self, value: Any) -> str | None:
        text = self._plain("summary", self._text("summary", value))
        if text is not None and not SUMMARY_MIN <= len(text) <= SUMMARY_MAX:
            self.error(
                "summary", "summary-length", f"summary has {len(text)} characters; write {SUMMARY_MIN} to {SUMMARY_MAX}"
            )
        return text

    def _choices(self, key: str, items: list[str], allowed: dict[str, str]) -> None:
        for index, item in enumerate(items):
            if item not in allowed:
                self.error(
                    key, f"unknown-{key}", f"'{item}' is not a known {key}; use one of: " + ", ".join(allowed), index
                )

    def _audience(self, value: Any) -> list[str] | None:
        items = self._list("audience", value)
        if items is not None:
            if not items:
                self.error("audience", "empty-field", "'audience' needs at least one reader")
            self._choices("audience", items, AUDIENCES)
        return items

    def _stage(self, value: Any) -> str | None:
        text = self._text("stage", value)
        if text is not None and text not in STAGES:
            self.error("stage", "unknown-stage", f"'{text}' is not a known stage; use one of: " + ", ".join(STAGES))
        return text

    def _tags(self, value: Any) -> list[str] | None:
        items = self._list("tags", value)
        if items is not None:
            if not items:
                self.error("tags", "empty-field", "'tags' needs at least one tag")
            for index, code, message in tag_problems(items, self.limits):
                self.error("tags", code, message, index)
        return items

    def _owner(self, value: Any) -> str | None:
        text = self._text("owner", value)
        if text is not None and not OWNER_PATTERN.match(text):
            self.error(
                "owner",
                "bad-owner",
                f'owner \'{text}\' must be a GitHub handle or team, such as "@jane-doe" or "@org/team"',
            )
        return text

    def _reviewed(self, value: Any) -> dt.date | None:
        if isinstance(value, str) and ISO_DATE.match(value.strip()):  # a quoted date means the same day
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                self.error("reviewed", "bad-date", f"'reviewed' is '{value}', which is not a day of the calendar")
                return None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self.error("reviewed", "bad-date", f"'reviewed' must be a date such as 2026-11-20, not {_kind(value)}")
            return None
        if value > self.today:
            self.error("reviewed", "future-date", f"'reviewed' is {value.isoformat()}, which is in the future")
        return value

    def _review_every(self, value: Any) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(
                "review_every", "wrong-type", f"'review_every' must be a whole number of days, not {_kind(value)}"
            )
            return None
        if not REVIEW_MIN <= value <= REVIEW_MAX:
            self.error(
                "review_every",
                "review-every-range",
                f"'review_every' is {value} days; use {REVIEW_MIN} to {REVIEW_MAX}",
            )
        return value

    def _sources(self, value: Any) -> list[str] | None:
        items = self._list("sources", value)
        if items is not None:
            if not items:
                self.error("sources", "empty-field", "'sources' needs at least one source")
            for index, item in enumerate(items):
                if item not in self.sources:
                    self.error(
                        "sources",
                        "unknown-source",
                        f"unknown source '{item}'; known sources: " + ", ".join(sorted(self.sources)),
                        index,
                    )
        return items

    def _related(self, value: Any) -> list[str] | None:
        return self._list("related", value)

    def _previous_ids(self, value: Any) -> list[str] | None:
        """The ids the playbook had before, so that the sync keeps its forum topic (checked across files too)."""
        items = self._list("previous_ids", value)
        for index, item in enumerate(items or ()):
            if not ID_PATTERN.match(item):
                self.error("previous_ids", "bad-id", f"'{item}' is not a playbook id (see 'id')", index)
            elif item == self.meta.data.get("id"):
                self.error("previous_ids", "previous-id-current", "a playbook's own id is not a previous id", index)
        return items

    def _order(self, value: Any) -> int | None:
        """Where the playbook stands in its stage: 1 first; playbooks without it follow, by title."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.error("order", "wrong-type", f"'order' must be a whole number, not {_kind(value)}")
            return None
        if not ORDER_MIN <= value <= ORDER_MAX:
            self.error("order", "bad-order", f"'order' must be between {ORDER_MIN} and {ORDER_MAX}, not {value}")
            return None
        return value


def _kind(value: Any) -> str:
    names = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a mapping",
        str: "text",
        dt.date: "a date",
        dt.datetime: "a date and time",
        type(None): "nothing",
    }
    return names.get(type(value), type(value).__name__)
