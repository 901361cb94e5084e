"""The `playbooks` command: validate, and the other commands registered by their own modules."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click
from rich.console import Console

from .cohorts.check import split_cohort_files
from .errors import Problem, errors_in, sort_problems
from .loader import check_skills, load_library, playbook_files, setting_problems
from .pages import skills_path
from .settings import read_settings

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3


def err_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def parse_day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"'{value}' is not a date such as 2026-11-20") from exc


def print_problems(problems: list[Problem], console: Console) -> None:
    for problem in problems:
        style = "red" if problem.is_error else "yellow"
        console.print(problem.format(), style=style, markup=False, highlight=False)


def summary_line(problems: list[Problem], files: int, skills: bool = False, cohorts: int = 0) -> str:
    errors = len(errors_in(problems))
    warnings = len(problems) - errors
    parts = [f"{files} playbook file(s)"] + ([f"{cohorts} cohort file(s)"] if cohorts else [])
    what = ", ".join(parts) + (" and the skills file" if skills else "")
    if not problems:
        return f"{what} checked: no problems"
    return f"{what} checked: {errors} error(s), {warnings} warning(s)"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sales-leader-playbooks")
def main() -> None:
    """Sales Leader Playbooks: check, publish and sync the playbooks."""


@main.command()
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    help="The repository root (where mkdocs.yml is).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@click.option("--today", help="Check dates as if today were this day (YYYY-MM-DD).")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def validate(root: Path, fmt: str, today: str | None, files: tuple[Path, ...]) -> None:
    """Check every playbook and playbooks/skills.yml (or only FILES) and print each problem as path:line:col.

    Writes no file and sends nothing to the forum. Exits 1 when any error is found.
    """
    settings = read_settings(root)
    others, peer_groups = split_cohort_files(settings, files)  # peer-groups/*.yml are cohorts
    day = parse_day(today)
    skills_file = skills_path(settings).resolve()
    named = {f.resolve() for f in others} - {skills_file}
    with_skills = skills_file.is_file() and (not files or skills_file in {f.resolve() for f in others})
    # Always the whole library, so that ids, titles and links are checked against every playbook; named
    # files outside playbooks/ join it. When files are named, only their problems are reported.
    everything = {p.resolve() for p in playbook_files(settings.playbooks_dir)} | named
    loaded = load_library(settings, today=day, files=sorted(everything))
    problems = [p for p in loaded.problems if not files or Path(p.path).resolve() in named]
    count = len(named) if files else len(loaded.checked)
    if with_skills:
        problems = sort_problems([*problems, *check_skills(settings, loaded)])
    if not files:
        problems = sort_problems([*problems, *setting_problems(settings)])
    problems = peer_groups.add_problems(settings, loaded.library, problems)
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "files": count,
                    "cohort_files": peer_groups.checked,
                    "skills_file": with_skills,
                    "errors": len(errors_in(problems)),
                    "problems": [
                        {
                            "path": p.path,
                            "line": p.line,
                            "col": p.col,
                            "severity": p.severity.value,
                            "code": p.code,
                            "message": p.message,
                        }
                        for p in problems
                    ],
                },
                indent=2,
            )
        )
    else:
        console = Console(highlight=False, soft_wrap=True)
        print_problems(problems, console)
        console.print(summary_line(problems, count, with_skills, peer_groups.checked), markup=False)
    sys.exit(EXIT_INVALID if errors_in(problems) else EXIT_OK)


# Commands defined in their own modules; each registers itself with one line here.
from .commands.codeowners import codeowners  # noqa: E402
from .commands.render_out import render  # noqa: E402
from .commands.review import review  # noqa: E402
from .commands.scaffold import new  # noqa: E402

main.add_command(new)
main.add_command(review)
main.add_command(codeowners)
main.add_command(render)


def _register() -> None:
    """Commands that live in their own modules."""
    from .commands.activity import activity
    from .commands.cohorts import cohorts
    from .commands.report import report
    from .sync.command import sync

    main.add_command(sync)
    main.add_command(cohorts)
    main.add_command(activity)
    main.add_command(report)


_register()
