"""Problems found in playbooks, reported compiler-style as ``path:line:col: severity[code]: message``."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


def display_path(path: Path | str) -> str:
    """A path as messages show it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


class Severity(StrEnum):
    """How bad a problem is: errors fail validation, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place in one file. Lines and columns start at 1."""

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """The compiler-style line that `playbooks validate` prints."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity.value}[{self.code}]: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """Only the problems that fail validation."""
    return [p for p in problems if p.is_error]


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file order, then line and column order, for stable output."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.col, p.code, p.message))


class PlaybookError(Exception):
    """Raised by callers that need to stop on invalid input; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


def not_utf8(shown: str, exc: UnicodeDecodeError) -> Problem:
    """A file that is not UTF-8, pointed at its first bad byte (column counted in bytes on that line)."""
    data = bytes(exc.object)
    line = data.count(b"\n", 0, exc.start) + 1
    col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    byte = data[exc.start : exc.start + 1].hex()
    return Problem(shown, line, col, "not-utf8", f"the file is not UTF-8 text (byte 0x{byte}: {exc.reason})")
