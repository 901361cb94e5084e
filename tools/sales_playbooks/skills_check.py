"""Field checks for playbooks/skills.yml: each one reads a value, reports where it is wrong, and goes on."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .errors import Problem
from .model import Library
from .yamlsource import Marked, Pos

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Checker:
    """Collects the problems of one skills file; knows the library and every playbook id."""

    path: str
    library: Library
    known_ids: frozenset[str]
    problems: list[Problem] = field(default_factory=list)

    def add(self, pos: Pos, code: str, message: str) -> None:
        self.problems.append(Problem(self.path, pos.line, pos.col, code, message))

    def check_id(self, pos: Pos, value: str, code: str) -> bool:
        if ID.match(value):
            return True
        self.add(pos, code, f"'{value}' is not a valid id: use lowercase words joined by '-'")
        return False

    def texts(
        self, node: Marked, fields: Iterable[str], code: str, where: str, optional: Iterable[str] = ()
    ) -> dict[str, str]:
        """The named fields that are present and hold non-empty text."""
        found: dict[str, str] = {}
        for key in (*fields, *optional):
            if key not in node.data:
                continue
            value = node.data[key]
            if isinstance(value, int | float) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or not value.strip():
                hint = (
                    " (put it in quotes: YAML reads a bare yes, no, on or off as true or false)"
                    if isinstance(value, bool)
                    else ""
                )
                self.add(node.value_pos(key), code, f"{where}: '{key}' must be text{hint}")
                continue
            found[key] = " ".join(value.split())
        return found

    def strings(self, node: Marked, key: str, code: str, where: str) -> list[str] | None:
        """A list of non-empty strings, or None when the key is absent or wrong."""
        if key not in node.data:
            return None
        value = node.data[key]
        if not isinstance(value, list):
            self.add(node.value_pos(key), code, f"{where}: '{key}' must be a list, such as [a, b]")
            return None
        out: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.add(node.item_pos(key, index), code, f"{where}: every item of '{key}' must be text")
                continue
            out.append(item.strip())
        return out

    def playbook_id(self, pos: Pos, value: str, where: str) -> bool:
        if value in self.known_ids:
            return True
        close = difflib.get_close_matches(value, sorted(self.known_ids), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        self.add(pos, "unknown-playbook", f"{where}: no playbook has the id '{value}'{hint}")
        return False

    def playbook_ids(self, node: Marked, key: str, where: str) -> list[str]:
        """Known playbook ids of a list, each reported where it stands when unknown or repeated."""
        values = self.strings(node, key, "bad-skill", where) or []
        seen: set[str] = set()
        out: list[str] = []
        for index, value in enumerate(values):
            pos = node.item_pos(key, index)
            if value in seen:
                self.add(pos, "duplicate-playbook", f"{where}: '{value}' is listed twice")
                continue
            seen.add(value)
            if self.playbook_id(pos, value, where):
                out.append(value)
        return out

    def mapping_texts(self, node: Marked, key: str, wanted: tuple[str, ...], code: str, where: str) -> dict[str, str]:
        """A mapping that must hold text for exactly the wanted keys (such as one per mode)."""
        child = node.children.get(key)
        if child is None:
            if key in node.data:
                self.add(node.value_pos(key), code, f"{where}: '{key}' must map {', '.join(wanted)} to text")
            return {}
        require_keys(self, child, wanted, (), code, f"{where}, {key}")
        return self.texts(child, wanted, code, f"{where}, {key}")


def require_keys(
    ck: Checker, node: Marked, required: Iterable[str], optional: Iterable[str], code: str, where: str
) -> None:
    """Report missing required keys at the mapping's start and unknown keys where they stand."""
    required = tuple(required)
    allowed = (*required, *optional)
    missing = [k for k in required if k not in node.data]
    if missing:
        ck.add(node.start, code, f"{where} is missing {', '.join(repr(k) for k in missing)}")
    for key in node.data:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(allowed)}"
            ck.add(node.key_pos(key), code, f"{where}: unknown field '{key}'{hint}")
