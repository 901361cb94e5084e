"""The skills model: leader skills, seller traits and the two ways of using the assessment. No I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# The wording the page needs, once for the page and once for each mode.
PAGE_FIELDS = (
    "title",
    "description",
    "intro",
    "privacy_title",
    "privacy",
    "mode_legend",
    "rated",
    "not_rated",
    "print",
    "print_hint",
    "confirm",
    "cleared",
    "skip",
)
MODE_FIELDS = (
    "label",
    "hint",
    "intro",
    "skills_heading",
    "skills_intro",
    "traits_heading",
    "traits_intro",
    "results_heading",
    "empty",
    "weakest_heading",
    "weakest_intro",
    "carry_heading",
    "carry_empty",
    "next_heading",
    "print_heading",
    "print_notes",
    "reset",
)


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    note: str


@dataclass(frozen=True)
class Check:
    """One question with fixed answers, such as 'what is behind the wish to move up?'."""

    id: str
    legend: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class FirstStep:
    """A step before the ratings: questions to ask, taken from a playbook, and what was heard."""

    heading: str
    intro: str
    playbook: str
    section: str
    questions: tuple[str, ...]
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class Mode:
    """The wording of one way of using the page: 'self' or 'candidate'."""

    id: str
    text: Mapping[str, str]
    scale: tuple[str, ...]
    next_playbooks: tuple[str, ...]
    first_step: FirstStep | None


@dataclass(frozen=True)
class Skill:
    """A leader skill (kind 'leader') or a seller trait (kind 'trait')."""

    id: str
    kind: str
    name: str
    short: str
    description: str
    source: str
    also: tuple[str, ...]
    playbooks: tuple[str, ...]
    question: Mapping[str, str]  # mode id -> question; leader skills only
    anchors: Mapping[int, str]  # 1, 3, 5 -> what that rating looks like; leader skills only
    carries: str  # yes, partly or no; seller traits only
    bridge: tuple[str, ...]  # leader skill ids the trait feeds; seller traits only
    note: str


@dataclass(frozen=True)
class SkillsModel:
    page: Mapping[str, str]
    carries_labels: Mapping[str, str]
    modes: tuple[Mode, ...]
    leader_skills: tuple[Skill, ...]
    seller_traits: tuple[Skill, ...]

    def mode(self, mode_id: str) -> Mode:
        return next(m for m in self.modes if m.id == mode_id)

    def skill(self, skill_id: str) -> Skill | None:
        return next((s for s in (*self.leader_skills, *self.seller_traits) if s.id == skill_id), None)
