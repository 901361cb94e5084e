"""A small repository in a temporary folder: the real mkdocs.yml and sources, one short valid playbook."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from sales_playbooks.content_rules import RULES

P = TypeVar("P", str, Mapping[str, object])

ROOT = Path(__file__).parent.parent

PLAYBOOK = """\
---
id: weekly-pipeline-review
title: Holding a weekly pipeline review
summary: >-
  A short weekly meeting that shows which deals are moving, which are stuck, and what the team
  will do about each one before Friday.
audience: [new-manager]
stage: leading
tags: [pipeline, coaching]
owner: "@example-org/pipeline"
reviewed: 2026-01-10
review_every: 90
sources: [jordan]
---

## Why it matters

A pipeline that nobody looks at goes stale. One fixed half hour a week keeps every deal honest
and gives each seller a moment to ask for help.

## The plays

### 1. Keep the same slot every week

Pick a time and protect it, so sellers update their deals before they walk in.

## Checklist

- [ ] Book a recurring thirty-minute pipeline review with the whole team. {#book-a-recurring-review}
- [ ] Ask each seller to name one stuck deal and the next step on it. {#one-stuck-deal}

## Discussion questions

1. Which deal in your pipeline has not moved for a month, and why?

## Sources

The meeting format is this site's own advice.
"""


def is_content_rule(problem: str | Mapping[str, object]) -> bool:
    """Whether a problem (a printed line or a JSON row) comes from a content rule (content-words, ...).

    The short playbooks here are about other rules and cannot meet the content rules (two related playbooks,
    600 words): tests of other rules leave content-rule problems aside; tests/test_content_rules.py has those.
    """
    if isinstance(problem, str):
        return any(f"[{code}]: " in problem for code in RULES)
    return problem.get("code") in RULES


def without_content_rules(problems: Iterable[P]) -> list[P]:
    """The problems that do not come from a content rule."""
    return [p for p in problems if not is_content_rule(p)]


def make_repo(target: Path, playbooks: dict[str, str] | None = None) -> Path:
    """mkdocs.yml, docs/index.md, the sources file and the given playbooks ({file name: text})."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("data/sources.yml", "playbooks/sources.yml"):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / name, target / name)
    if (ROOT / "overrides").is_dir():  # mkdocs.yml's theme.custom_dir
        shutil.copytree(ROOT / "overrides", target / "overrides", dirs_exist_ok=True)
    (target / "docs").mkdir(exist_ok=True)
    (target / "docs" / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    folder = target / "playbooks"
    folder.mkdir(exist_ok=True)
    chosen = {"weekly-pipeline-review.md": PLAYBOOK} if playbooks is None else playbooks
    for name, text in chosen.items():
        (folder / name).write_text(text, encoding="utf-8")
    return target


def copy_repo(target: Path) -> Path:
    """A copy of the whole real repository's content (no code), for tests of the full site."""
    for name in ("mkdocs.yml", "docs", "overrides", "playbooks", "data"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("activity.json"))
        elif source.exists():
            shutil.copy(source, target / name)
    return target
