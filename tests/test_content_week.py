"""One manager's week that adds up: data/cadences.yml, the week playbook's table, every cadence the library states."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

import pytest

from tests.content_support import BY_ID, PLAYBOOKS, ROOT, body_paragraphs, paragraphs, prose, read_data, sentences

CADENCES = read_data("cadences.yml")
WEEK = BY_ID["the-managers-week"]
TEAM_SIZES = (4, 8, 12)
BUDGET_MINUTES = 10 * 60  # recurring meetings for a team of 8, a week
PER_WEEK = {  # a month counts as 4 weeks and a quarter as 12, which rounds the weekly cost up
    "weekly": Fraction(1),
    "fortnightly": Fraction(1, 2),
    "monthly": Fraction(1, 4),
    "quarterly": Fraction(1, 12),
}
CADENCE_WORDS = {
    "weekly": r"weekly|every week|each week|once a week",
    "fortnightly": r"fortnightly|every two weeks|every other week|biweekly|twice a month",
    "monthly": r"monthly|every month|each month|once a month",
    "quarterly": r"quarterly|every quarter|each quarter|once a quarter",
    "yearly": r"yearly|every year|each year|once a year|annual(?:ly)?",
    "daily": r"daily|every day|each day",
}
CADENCE = re.compile("|".join(rf"(?P<{name}>\b(?:{words})\b)" for name, words in CADENCE_WORDS.items()), re.I)
MINUTES = re.compile(r"\b(\d+)(?:\s*(?:to|-|–)\s*(\d+))?[- ]minutes?\b", re.I)


def weekly_minutes(entry: dict[str, Any], sellers: int) -> Fraction:
    return (entry["per_seller"] * sellers + entry["fixed"]) * PER_WEEK[entry["cadence"]]


def total(kind: str, sellers: int) -> Fraction:
    entries = [e for e in CADENCES.values() if e["kind"] == kind and "inside" not in e]
    return sum((weekly_minutes(e, sellers) for e in entries), Fraction(0))


def hours(minutes: Fraction) -> str:
    whole = round(minutes)
    return f"{whole // 60} h {whole % 60:02d}"


def _mentions(sentence: str) -> list[tuple[str, int, int]]:
    """(entry key, start, end) for each meeting the sentence names; a name inside a longer one gives way."""
    found = [(key, m.start(), m.end()) for key, e in CADENCES.items() for m in re.finditer(e["names"], sentence, re.I)]
    return [f for f in found if not any(o != f and o[1] <= f[1] and f[2] <= o[2] for o in found)]


def _nearest(mentions: list[tuple[str, int, int]], start: int, end: int) -> str:
    return min(mentions, key=lambda m: max(m[1] - end, start - m[2], 0))[0]


def stated(sentence: str) -> list[tuple[str, str, list[tuple[int, int | None]]]]:
    """(entry key, cadence, lengths in minutes) for each cadence the sentence gives a meeting it names."""
    mentions = _mentions(sentence)
    if not mentions:
        return []
    given: dict[str, str] = {}
    out = []
    for match in CADENCE.finditer(sentence):
        key = _nearest(mentions, match.start(), match.end())
        given[key] = match.lastgroup or ""
    lengths: dict[str, list[tuple[int, int | None]]] = {key: [] for key in given}
    for match in MINUTES.finditer(sentence):
        key = _nearest(mentions, match.start(), match.end())
        if key in lengths:
            lengths[key].append((int(match.group(1)), int(match.group(2)) if match.group(2) else None))
    for key, cadence in given.items():
        out.append((key, cadence, lengths[key]))
    return out


def _documents() -> dict[str, list[str]]:
    """The sentences of every playbook and of the glossary, by file."""
    docs = {p.path: [s for para in body_paragraphs(p) for s in sentences(prose(para))] for p in PLAYBOOKS}
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    docs["docs/glossary.md"] = [s for para in paragraphs(glossary) for s in sentences(prose(para))]
    return docs


DOCUMENTS = _documents()


def test_the_meetings_for_eight_sellers_fit_in_ten_hours() -> None:
    minutes = total("meeting", 8)
    assert minutes <= BUDGET_MINUTES, f"the library asks a manager of 8 for {hours(minutes)} of meetings a week"


def test_every_cadence_has_a_home_that_states_it() -> None:
    for key, entry in CADENCES.items():
        assert entry["cadence"] in PER_WEEK, key
        assert entry["kind"] in ("meeting", "desk"), key
        home = BY_ID[entry["home"]]
        said = [c for s in DOCUMENTS[home.path] for k, c, _ in stated(s) if k == key]
        assert entry["cadence"] in said, f"{home.path} is the home of '{entry['meeting']}' and must state its cadence"
        if "inside" in entry:
            host = CADENCES[entry["inside"]]
            assert host["cadence"] == entry["cadence"] and entry["per_seller"] <= host["per_seller"], key


@pytest.mark.parametrize("where", sorted(DOCUMENTS))
def test_every_stated_cadence_agrees_with_the_week(where: str) -> None:
    wrong = []
    for sentence in DOCUMENTS[where]:
        for key, cadence, lengths in stated(sentence):
            entry = CADENCES[key]
            length = entry.get("length") or entry["per_seller"] or entry["fixed"]
            right_length = all((low, high) in ((length, None), (length, length)) for low, high in lengths)
            if cadence != entry["cadence"] or not right_length:
                table = f"{entry['cadence']}, {length} minutes (data/cadences.yml)"
                wrong.append(f"'{entry['meeting']}' is {table}: {sentence.strip()}")
    assert wrong == [], f"{where}:\n" + "\n".join(wrong)


def _table_rows(first_header: str) -> list[list[str]]:
    lines = WEEK.body.markdown.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_header} |"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([prose(cell).strip() for cell in line.strip().strip("|").split("|")])
    return rows


@pytest.mark.parametrize(("kind", "header"), [("meeting", "Meeting"), ("desk", "Desk time")])
def test_the_week_playbook_prints_the_shared_table(kind: str, header: str) -> None:
    rows = _table_rows(header)
    *listed, totals = rows
    entries = {e["meeting"]: e for e in CADENCES.values() if e["kind"] == kind}
    assert [row[0] for row in listed] == list(entries), "one row per entry of data/cadences.yml, in its order"
    for row in listed:
        entry = entries[row[0]]
        assert row[1].startswith(entry["cadence"]), f"{row[0]}: cadence"
        each = int(re.match(r"\d+", row[2]).group(0))  # type: ignore[union-attr]
        assert each == (entry["per_seller"] or entry["fixed"]) and ("per seller" in row[2]) == bool(entry["per_seller"])
        for cell, sellers in zip(row[3:6], TEAM_SIZES, strict=True):
            wanted = f"in the {entry['inside']}" if "inside" in entry else str(round(weekly_minutes(entry, sellers)))
            assert cell == wanted, f"{row[0]}, {sellers} sellers: {cell!r}, want {wanted!r}"
        assert f"]({BY_ID[entry['home']].file_name}" in next(
            line for line in WEEK.body.markdown.split("\n") if line.startswith(f"| {row[0]} |")
        ), f"{row[0]}: link its home playbook"
    assert totals[3:6] == [hours(total(kind, n)) for n in TEAM_SIZES]
