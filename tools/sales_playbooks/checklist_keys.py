"""Checklist item keys: the `{#key}` that ends an item in the source, and the rules `validate` checks for them.

A reader's ticks are kept in their browser under the playbook's id and each item's key. An item written
`- [ ] Agree three goals with your boss. {#agree-goals}` keeps the key `agree-goals` however its words change;
an item without a key gets one made from its words (as every item did before keys were written), which
changes when the item is reworded, and every reader's tick on it is then lost. A checklist either writes a key
for every item or (as in an older playbook) for none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .errors import Problem, Severity
from .model import ChecklistItem, slugify

KEY_MARKER = re.compile(r"[ \t]*\{#([^{}\n]*)\}[ \t]*\Z")  # at the end of an item's text
KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
MAX_KEY = 60
WORDS_KEY = 48  # the length of a key made from the words, as keys were made before they were written


def words_key(text: str) -> str:
    """The key an item without one gets: a slug of its words."""
    return slugify(text, WORDS_KEY)


def bad_key(key: str) -> bool:
    return len(key) > MAX_KEY or not KEY.match(key)


def _at(item: ChecklistItem) -> tuple[int, int]:
    return item.key_at or (item.line, item.col)


def key_problems(path: str, items: Sequence[ChecklistItem]) -> list[Problem]:
    """A malformed or repeated key (errors), and, in a checklist that writes keys, an item without one (a warning
    that says what to write: most often an item reworded with its key left out)."""
    problems: list[Problem] = []
    first: dict[str, int] = {}
    keyed = any(item.key_at is not None for item in items)
    for item in items:
        suggestion = words_key(item.text)
        if item.key_at is None and keyed:
            problems.append(
                Problem(
                    path,
                    item.line,
                    item.col,
                    "checklist-key-missing",
                    "this checklist item has no key, unlike the others; readers' ticks are kept under an item's "
                    "key, so without one they are lost whenever its words change. If you reworded the item, put "
                    f"back the key it had; if it is new, end it with ' {{#{suggestion}}}'",
                    Severity.WARNING,
                )
            )
        elif bad_key(item.key):
            problems.append(
                Problem(
                    path,
                    *_at(item),
                    "checklist-key",
                    f"'{{#{item.key}}}' is not a checklist key: use lowercase letters, digits and single hyphens, "
                    f"at most {MAX_KEY} characters, such as '{{#{suggestion}}}'",
                )
            )
        elif item.key in first:
            problems.append(
                Problem(
                    path,
                    *_at(item),
                    "duplicate-checklist-key",
                    f"the checklist key '{item.key}' is already used on line {first[item.key]}; "
                    "give each item a key of its own",
                )
            )
        if item.key_at is not None:
            first.setdefault(item.key, item.line)
    return problems
