"""The day tests compute the real repository's pages for, independent of the calendar.

It is the newest `reviewed` date among the repository's playbooks: no playbook is then reviewed
"in the future", whenever a contributor adds or re-reviews one (`playbooks new` writes today's
date), and no page depends on the day the tests happen to run.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REVIEWED = re.compile(r"^reviewed:\s*['\"]?(\d{4}-\d{2}-\d{2})", re.M)
FLOOR = dt.date(2026, 11, 23)  # the day the first pages were pinned to; a stable lower bound


def repo_today(root: Path = ROOT) -> dt.date:
    days = [FLOOR]
    for path in sorted((root / "playbooks").glob("*.md")):
        match = REVIEWED.search(path.read_text(encoding="utf-8"))
        if match:
            days.append(dt.date.fromisoformat(match.group(1)))
    return max(days)
