"""What every `playbooks` subcommand shares: exit statuses, consoles, problem printing and the options
declared once (`--root`, `--today`, `--format`, `--state-file`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from ..errors import Problem, errors_in

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3

F = TypeVar("F", bound=Callable[..., Any])


def err_console() -> Console:
    """Messages and problems: standard error, no colour guessing, no folding of long lines."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def out_console(table: bool = False) -> Console:
    """Results on standard output. `table`: in a log or a pipe, wide enough that no table cell is folded."""
    console = Console(highlight=False, soft_wrap=not table)
    if table and not console.is_terminal:
        return Console(highlight=False, width=160)
    return console


def parse_day(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD option value as a date; a usage error (exit 2) when it is not one."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"'{value}' is not a date such as 2026-11-20") from exc


def parse_instant(value: str | None) -> dt.datetime | None:
    """An ISO 8601 instant with its UTC offset (2027-03-29T06:30:00Z) as an aware datetime; a usage error
    (exit 2) when it is not one, or when it has no offset and so could be any of 38 moments."""
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise click.BadParameter(f"'{value}' is not an instant such as 2027-03-29T06:30:00Z") from exc
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise click.BadParameter(f"'{value}' has no UTC offset; add Z or one such as +05:30")
    return moment.astimezone(dt.UTC)


def print_problems(problems: list[Problem], console: Console) -> None:
    """Each problem on its own line, compiler-style; errors red, warnings yellow."""
    for problem in problems:
        style = "red" if problem.is_error else "yellow"
        console.print(problem.format(), style=style, markup=False, highlight=False)


def summary_line(problems: list[Problem], files: int, skills: bool = False, cohorts: int = 0) -> str:
    """'19 playbook file(s) ... checked: 2 error(s), 1 warning(s)'."""
    errors = len(errors_in(problems))
    warnings = len(problems) - errors
    parts = [f"{files} playbook file(s)"] + ([f"{cohorts} cohort file(s)"] if cohorts else [])
    what = ", ".join(parts) + (" and the skills file" if skills else "")
    if not problems:
        return f"{what} checked: no problems"
    return f"{what} checked: {errors} error(s), {warnings} warning(s)"


# The options several commands take, declared once so that their names, metavars and wording agree.


def find_root(start: Path) -> Path:
    """The nearest folder from `start` upward that holds mkdocs.yml, as git finds its repository; `start`
    itself when there is none, so that messages name the folder the command was run in."""
    here = start.absolute()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here


def root_option(command: F) -> F:
    """--root: where mkdocs.yml is; by default found by walking up from the working folder."""

    def pick(_ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path:
        return value if value is not None else find_root(Path.cwd())

    return click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        callback=pick,
        help="The repository root (the folder that holds mkdocs.yml). Default: the nearest such folder "
        "from the working folder upward.",
    )(command)


def today_option(purpose: str) -> Callable[[F], F]:
    """--today YYYY-MM-DD, handed to the command as a date (or None). `purpose` completes the help:
    'Check dates' gives 'Check dates as if today were this day.'"""

    def check(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
        return parse_day(value)

    return click.option(
        "--today",
        metavar="YYYY-MM-DD",
        callback=check,
        help=f"{purpose} as if today were this day.",
    )


def now_option(purpose: str) -> Callable[[F], F]:
    """--now INSTANT, handed to the command as an aware datetime in UTC (or None). It cannot be combined
    with --today: a pinned day releases whole dates, an instant releases each week from its local release time."""

    def check(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.datetime | None:
        return parse_instant(value)

    return click.option(
        "--now",
        metavar="INSTANT",
        callback=check,
        help=f"{purpose} as if it were this instant (ISO 8601 with offset, e.g. 2027-03-29T06:30:00Z).",
    )


def refuse_both(today: dt.date | None, now: dt.datetime | None) -> None:
    """A usage error (exit 2) when both --today and --now were given."""
    if today is not None and now is not None:
        raise click.UsageError("give --today or --now, not both")


def format_option(*choices: str) -> Callable[[F], F]:
    """--format, the first choice being the default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def state_file_option(purpose: str, default_name: str) -> Callable[[F], F]:
    """--state-file: the sync's state file (a cache of topic ids and what was last written)."""
    return click.option(
        "--state-file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=f"{purpose} (default: {default_name} in the root).",
    )
