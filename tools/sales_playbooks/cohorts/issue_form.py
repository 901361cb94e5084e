"""A "new cohort" issue form's answers turned into the text of a cohort file. Pure: no files, no forum.

GitHub writes an issue form's answers into the issue body as `### <label>` sections, with
`_No response_` for a field left empty. Each answer becomes one field of `peer-groups/<id>.yml`;
the file is then checked with the same rules as `playbooks validate` (see commands/cohort_issue.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field

import yaml

from . import rules

NO_RESPONSE = "_No response_"
SECTION = re.compile(r"^###[ \t]+(.+?)[ \t]*$", re.M)
PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9._/-]*$")
NO_MEETING = "No regular meeting"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class FormField:
    key: str  # the form's field id
    label: str  # its label, the heading of its answer in the issue body
    required: bool


FORM_FIELDS = (
    FormField("id", "Cohort id", True),
    FormField("name", "Cohort name", True),
    FormField("facilitators", "Facilitators", True),
    FormField("members", "Members", False),
    FormField("start", "Start date", True),
    FormField("cadence", "Cadence", True),
    FormField("timezone", "Time zone", True),
    FormField("curriculum", "Curriculum", True),
    FormField("meeting_day", "Meeting day", False),
    FormField("meeting_time", "Meeting time", False),
    FormField("meeting_minutes", "Meeting length in minutes", False),
    FormField("release_at", "Release time", False),
)
LABELS = {f.key: f.label for f in FORM_FIELDS}


@dataclass
class CohortDraft:
    """The cohort file made from an issue, and for each of its lines the form field it came from."""

    cohort_id: str = ""
    text: str = ""
    line_fields: dict[int, str] = field(default_factory=dict)  # 1-based line -> form label
    problems: list[tuple[str, str]] = field(default_factory=list)  # (form label, message)

    @property
    def ok(self) -> bool:
        return not self.problems

    def label_at(self, line: int) -> str:
        """The form field a line of the file came from: the nearest field starting at or above it."""
        starts = [n for n in self.line_fields if n <= line]
        return self.line_fields[max(starts)] if starts else "The cohort file"


def answers(body: str) -> dict[str, str]:
    """Each `### label` section's text, by label; an empty answer is ''."""
    text = body.replace("\r\n", "\n")
    found: dict[str, str] = {}
    heads = list(SECTION.finditer(text))
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(text)
        value = text[head.end() : end].strip()
        found[head.group(1).strip()] = "" if value == NO_RESPONSE else value
    return found


def entries(answer: str) -> list[str]:
    """One name or id per line (or comma), without list bullets or a leading '@'."""
    items = []
    for part in re.split(r"[\n,]", answer):
        item = re.sub(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?", "", part).strip().strip("`").strip()
        if item:
            items.append(item.removeprefix("@"))
    return items


def scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly this text: plain when safe, else double-quoted."""
    if PLAIN.match(value) and yaml.safe_load(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)


class _Writer:
    def __init__(self, draft: CohortDraft) -> None:
        self.draft, self.lines = (
            draft,
            ["# Made from a new-cohort issue. Forum usernames only: never an email address."],
        )

    def add(self, label: str, *lines: str) -> None:
        """Lines that come from one form field."""
        self.draft.line_fields[len(self.lines) + 1] = label
        self.lines.extend(lines)

    def value(self, key: str, text: str) -> None:
        self.add(LABELS[key], f"{key}: {text}")

    def listing(self, key: str, items: list[str]) -> None:
        if not items:
            self.add(LABELS[key], f"{key}: []")
        else:
            self.add(LABELS[key], f"{key}:", *(f"  - {scalar(item)}" for item in items))


def _meeting(found: dict[str, str], writer: _Writer, draft: CohortDraft) -> None:
    day = found.get(LABELS["meeting_day"], "")
    time = found.get(LABELS["meeting_time"], "")
    minutes = found.get(LABELS["meeting_minutes"], "")
    if day in ("", NO_MEETING):
        for key in ("meeting_time", "meeting_minutes"):
            if found.get(LABELS[key]):
                draft.problems.append((LABELS[key], "give a meeting day too, or leave this empty"))
        return
    if not time:
        draft.problems.append((LABELS["meeting_time"], "give the meeting's local start time, such as 17:00"))
        return
    writer.add(LABELS["meeting_day"], "meets:", f"  weekday: {scalar(day)}")
    writer.add(LABELS["meeting_time"], f"  time: {json.dumps(time)}")
    if minutes:
        writer.add(LABELS["meeting_minutes"], f"  duration: {minutes if minutes.isdigit() else json.dumps(minutes)}")


def cohort_draft(body: str, tracks: Collection[str]) -> CohortDraft:
    """The cohort file for an issue body, or the problems that stop it (each with its form field's label).

    `tracks` are the named curricula: a Curriculum answer that is one track name becomes `curriculum: <track>`.
    """
    draft = CohortDraft()
    found = answers(body)
    for form_field in FORM_FIELDS:
        value = found.get(form_field.label)
        if value is None:
            draft.problems.append(
                (form_field.label, "this question is missing from the issue; use the new-cohort form")
            )
        elif form_field.required and not value:
            draft.problems.append((form_field.label, "this answer is required"))
        elif any(True for _ in rules.email_addresses(value)):
            draft.problems.append(
                (
                    form_field.label,
                    "this answer holds an email address; the repository may be public, so list forum usernames "
                    "only (and edit the address out of the issue)",
                )
            )
    if draft.problems:
        return draft
    draft.cohort_id = found[LABELS["id"]].strip()
    if not rules.COHORT_ID.match(draft.cohort_id):
        # Checked first: the id names the file that is written.
        message = "the cohort id must be short lowercase words joined by '-', such as na-spring"
        draft.problems.append((LABELS["id"], message))
        return draft
    writer = _Writer(draft)
    start = found[LABELS["start"]].strip()
    writer.value("id", scalar(draft.cohort_id))
    writer.value("name", json.dumps(" ".join(found[LABELS["name"]].split()), ensure_ascii=False))
    writer.listing("facilitators", entries(found[LABELS["facilitators"]]))
    writer.listing("members", entries(found[LABELS["members"]]))
    # A date stays unquoted, so YAML reads it as one (an impossible date is then reported as such).
    writer.value("start", start if DATE.match(start) else json.dumps(start, ensure_ascii=False))
    writer.value("cadence", scalar(found[LABELS["cadence"]].strip().lower()))
    writer.value("timezone", scalar(found[LABELS["timezone"]].strip()))
    curriculum = entries(found[LABELS["curriculum"]])
    if len(curriculum) == 1 and curriculum[0] in tracks:
        writer.value("curriculum", scalar(curriculum[0]))
    else:
        writer.listing("curriculum", curriculum)
    _meeting(found, writer, draft)
    release = found.get(LABELS["release_at"], "")
    if release:
        writer.value("release_at", json.dumps(release.strip()))
    draft.text = "\n".join(writer.lines) + "\n"
    return draft
