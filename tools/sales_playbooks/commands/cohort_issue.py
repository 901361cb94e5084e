"""`playbooks cohorts --from-issue FILE`: a new-cohort issue's answers written as a checked cohort file.

Prints markdown for the issue or the pull request: the file, or each problem under the form
question it came from. Nothing is written unless the file passes `playbooks validate`'s rules.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from ..cohorts.check import repository_cohorts
from ..cohorts.issue_form import LABELS, CohortDraft, cohort_draft
from ..cohorts.load import cohort_files, load_cohorts
from ..errors import Problem, display_path, errors_in
from ..fileio import atomic_write_text
from ..model import Library
from ..settings import Settings
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, err_console, out_console, print_problems


def checked(draft: CohortDraft, settings: Settings, library: Library) -> list[Problem]:
    """The draft's problems under the rules `playbooks validate` applies, beside the cohorts already there."""
    folder = settings.peer_groups_dir
    with tempfile.TemporaryDirectory(prefix="new-cohort-") as scratch:
        candidate = Path(scratch) / "peer-groups" / f"{draft.cohort_id}.yml"
        candidate.parent.mkdir()
        candidate.write_text(draft.text, encoding="utf-8")
        loaded = load_cohorts(folder, library.by_id(), settings.forum.category, [*cohort_files(folder), candidate])
        shown = display_path(candidate)
        target = display_path(folder / candidate.name)
        return [
            Problem(target, p.line, p.col, p.code, p.message, p.severity) for p in loaded.problems if p.path == shown
        ]


def code_span(text: str) -> str:
    """Text shown literally in a GitHub comment: no mention, link or formatting of what the issue said."""
    return "`" + text.replace("`", "'") + "`"


def fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def failure_markdown(items: list[tuple[str, str]]) -> str:
    lines = [
        "These answers do not make a cohort file yet. Please edit the issue to fix them; the check runs again "
        "after each edit.",
        "",
    ]
    lines += [f"- **{label}**: {code_span(message)}" for label, message in items]
    return "\n".join(lines) + "\n"


def success_markdown(draft: CohortDraft, path: str, notes: list[tuple[str, str]]) -> str:
    marks = fence(draft.text)
    lines = [
        f"The answers make the cohort file `{path}`, and it passes the checks of `playbooks validate`:",
        "",
        f"{marks}yaml",
        draft.text.rstrip("\n"),
        marks,
        "",
    ]
    if notes:
        lines += ["Worth a look before merging:", ""]
        lines += [f"- **{label}**: {code_span(message)}" for label, message in notes]
        lines.append("")
    lines.append(
        "Once this is merged, the next forum sync creates the cohort's group and private category, and "
        "releases week 1 on its start date. The meeting's call link, if any, is added to the file in a later "
        "change: it never belongs in a public issue."
    )
    return "\n".join(lines) + "\n"


def from_issue(body_file: Path, settings: Settings, library: Library) -> int:
    """Write peer-groups/<id>.yml from an issue body; the exit status (1 when the answers have problems)."""
    errors, out = err_console(), out_console()
    try:
        body = body_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        errors.print(f"{body_file}: cannot read the issue body: {exc}", markup=False)
        return EXIT_USAGE
    existing = repository_cohorts(settings, library)
    if errors_in(existing.problems):
        print_problems(existing.problems, errors)
        errors.print("peer-groups/ has errors of its own; fix them first. Nothing was written", markup=False)
        return EXIT_INVALID
    draft = cohort_draft(body, existing.tracks)
    target = settings.peer_groups_dir / f"{draft.cohort_id}.yml"
    if draft.ok and target.exists():
        message = (
            f"a cohort with this id exists already ({settings.peer_groups_dir.name}/{target.name}); choose another"
        )
        draft.problems.append((LABELS["id"], message))
    if not draft.ok:
        out.print(failure_markdown(draft.problems), markup=False, end="")
        for label, message in draft.problems:
            errors.print(f"{body_file}: error[issue-form]: {label}: {message}", markup=False)
        return EXIT_INVALID
    problems = checked(draft, settings, library)
    found = [(draft.label_at(p.line), p.message) for p in problems]
    if errors_in(problems):
        out.print(
            failure_markdown([f for f, p in zip(found, problems, strict=True) if p.is_error]), markup=False, end=""
        )
        print_problems(problems, errors)
        return EXIT_INVALID
    settings.peer_groups_dir.mkdir(exist_ok=True)
    atomic_write_text(target, draft.text)
    shown = f"{settings.peer_groups_dir.name}/{target.name}"
    out.print(success_markdown(draft, shown, found), markup=False, end="")
    print_problems(problems, errors)
    errors.print(f"wrote {shown}", markup=False)
    return EXIT_OK
