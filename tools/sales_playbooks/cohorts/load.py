"""Read peer-groups/: one YAML file per cohort, plus tracks.yml, the named curricula. Returns problems; raises none."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, display_path, not_utf8, sort_problems
from ..repo_files import candidates, link_problem
from ..yamlsource import Pos, load_marked_yaml
from . import rules
from .fields import FIELD_RULES, TRACKS_FILE, Checker, people
from .meeting_fields import MEETING_RULES, meeting_problems
from .model import DEFAULT_CADENCE_DAYS, DEFAULT_RELEASE_AT, NOTIFY_WATCHING, Cohort

REQUIRED = ("id", "name", "facilitators", "members", "start", "timezone", "curriculum")
OPTIONAL = ("cadence", "meets", "call_url", "release_at", "notify")
RULES = {**FIELD_RULES, **MEETING_RULES}
TEXT_SUFFIXES = (".yml", ".yaml", ".md", ".txt", ".csv", ".json")


@dataclass
class CohortsLoaded:
    """Every sound cohort, the tracks, and every problem found in peer-groups/."""

    cohorts: list[Cohort] = field(default_factory=list)
    tracks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def _read(path: Path, problems: list[Problem]) -> str | None:
    """The file's text, with every email address in it reported (the repository may be public).

    Cohort files live in peer-groups/, directly under the repository root: a link out of it is not read.
    """
    shown = display_path(path)
    refused = link_problem(path, path.absolute().parent.parent)
    if refused is not None:
        problems.append(refused)
        return None
    try:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        problems.append(not_utf8(shown, exc))
        return None
    for line, col, address in rules.email_addresses(text):
        problems.append(
            Problem(
                shown,
                line,
                col,
                "email-address",
                f"'{address}' looks like an email address; this repository may be public, so list forum usernames only",
            )
        )
    return text


def load_tracks(path: Path, known: Collection[str], problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    """tracks.yml: `track-id: [playbook ids, in order]`, each defined once and used by any cohort."""
    if not path.is_file():
        return {}
    shown = display_path(path)
    text = _read(path, problems)
    if text is None:
        return {}
    meta, found = load_marked_yaml(text, shown)
    problems += found
    if meta is None:
        return {}
    check = Checker(shown, meta, problems)
    tracks: dict[str, tuple[str, ...]] = {}
    for name, value in meta.data.items():
        if not rules.TRACK_ID.match(name):
            pos = meta.key_pos(name)
            problems.append(
                Problem(shown, pos.line, pos.col, "bad-track-id", f"track id '{name}' must be lowercase words and '-'")
            )
            continue
        playbooks = check.playbook_list(name, value, known, f"track '{name}'")
        if playbooks is not None:
            tracks[name] = playbooks
    return tracks


def _known_playbooks(
    raw: Any, curriculum: tuple[tuple[str, ...], str | None] | None, known: Collection[str]
) -> list[str]:
    """The curriculum's playbooks, or when it has an error, those of its items that are known playbook ids."""
    if curriculum is not None:
        return list(curriculum[0])
    if isinstance(raw, list):
        return list(dict.fromkeys(item for item in raw if isinstance(item, str) and item in known))
    return []


def load_cohort(
    path: Path, known: Collection[str], tracks: dict[str, tuple[str, ...]], problems: list[Problem]
) -> tuple[Cohort | None, Pos]:
    """One cohort file, checked field by field, and where its name stands; None when it is not sound."""
    shown = display_path(path)
    before = len(problems)
    text = _read(path, problems)
    if text is None:
        return None, Pos(1, 1)
    meta, found = load_marked_yaml(text, shown)
    problems += found
    if meta is None:
        return None, Pos(1, 1)
    check = Checker(shown, meta, problems)
    data = meta.data
    for key in data:
        if key not in REQUIRED + OPTIONAL:
            hint = difflib.get_close_matches(key, REQUIRED + OPTIONAL, n=1)
            pos = meta.key_pos(key)
            also = f"; did you mean '{hint[0]}'?" if hint else ""
            problems.append(Problem(shown, pos.line, pos.col, "unknown-field", f"unknown field '{key}'{also}"))
    for key in REQUIRED:
        if data.get(key) is None:
            pos = meta.key_pos(key) if key in data else meta.start
            problems.append(Problem(shown, pos.line, pos.col, "missing-field", f"required field '{key}' is missing"))
    values: dict[str, Any] = {}
    for key, rule in RULES.items():
        if data.get(key) is not None:
            values[key] = rule(check, data[key], path=path, known=known, tracks=tracks)
    curriculum: tuple[tuple[str, ...], str | None] | None = values.get("curriculum")
    if values.get("id"):
        # The group name is checked whatever the curriculum holds; the topic ids against the playbooks known so far.
        message = rules.id_length_problem(values["id"], _known_playbooks(data.get("curriculum"), curriculum, known))
        if message:
            check.error("id", "id-too-long", message)
    folks = people(check, values.get("facilitators"), values.get("members"))
    optional_bad = any(data.get(k) is not None and values.get(k) is None for k in OPTIONAL)
    if curriculum is None or len(problems) > before or optional_bad or any(values.get(k) is None for k in REQUIRED):
        return None, meta.value_pos("name")
    cohort = Cohort(
        id=values["id"],
        name=values["name"],
        path=shown,
        facilitators=folks[0],
        members=folks[1],
        start=values["start"],
        cadence_days=values.get("cadence") or DEFAULT_CADENCE_DAYS,
        timezone=values["timezone"],
        curriculum=curriculum[0],
        track=curriculum[1],
        meets=values.get("meets"),
        call_url=values.get("call_url"),
        release_at=values.get("release_at") or DEFAULT_RELEASE_AT,
        notify=values.get("notify") or NOTIFY_WATCHING,
    )
    meeting_problems(cohort, check)
    return cohort, meta.value_pos("name")


def cohort_files(folder: Path) -> list[Path]:
    return [p for p in candidates(folder, "*.yml") if p.name != TRACKS_FILE]


def load_cohorts(
    folder: Path,
    playbook_ids: Collection[str],
    public_category: str | None = None,
    files: Iterable[Path] | None = None,
) -> CohortsLoaded:
    """Every cohort in `folder` (or only `files`), checked against the playbook ids and each other."""
    out = CohortsLoaded()
    known = frozenset(playbook_ids)
    out.tracks = load_tracks(folder / TRACKS_FILE, known, out.problems)
    chosen = list(files) if files is not None else cohort_files(folder)
    if files is None and folder.is_dir():
        # Other files in the folder are not read as cohorts, but no email address may hide in them either.
        for other in sorted(folder.iterdir()):
            if (other.is_file() or other.is_symlink()) and other.suffix in TEXT_SUFFIXES and other.suffix != ".yml":
                _read(other, out.problems)
    names: dict[str, Cohort] = {}
    for path in chosen:
        out.files += 1
        cohort, pos = load_cohort(path, known, out.tracks, out.problems)
        if cohort is None:
            continue
        key = cohort.name.lower()
        taken = None
        if public_category and key == public_category.strip().lower():
            taken = f"'{cohort.name}' is the public playbooks category"
        elif key in names:
            taken = f"'{cohort.name}' is already the name of {names[key].path}"
        if taken:
            message = f"{taken}; each cohort needs its own forum category name"
            out.problems.append(Problem(cohort.path, pos.line, pos.col, "duplicate-name", message))
        else:
            names[key] = cohort
            out.cohorts.append(cohort)
    out.problems = sort_problems(out.problems)
    return out
