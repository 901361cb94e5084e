"""`playbooks validate`: every problem of the playbooks, the skills file, the cohort files and the forum settings,
as path:line:col. Reads the repository only: the forum client is never imported."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from ..cohorts.check import split_cohort_files
from ..content_rules import content_problems
from ..errors import errors_in, sort_problems
from ..id_changes import id_change_problems
from ..loader import check_skills, load_library, playbook_files, setting_problems
from ..pages import skills_path
from ..settings import read_settings
from ..sync.state import STATE_FILE, recorded_files
from .common import (
    EXIT_INVALID,
    EXIT_OK,
    format_option,
    out_console,
    print_problems,
    root_option,
    summary_line,
    today_option,
)


@click.command()
@root_option
@format_option("text", "json")
@today_option("Check dates")
@click.option("--strict", is_flag=True, help="Fail on warnings too (exit 1), as CI does.")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def validate(root: Path, fmt: str, today: dt.date | None, strict: bool, files: tuple[Path, ...]) -> None:
    """Check every playbook and playbooks/skills.yml (or only FILES) and print each problem as path:line:col.

    Writes no file and sends nothing to the forum. Exits 1 when any error is found, or with --strict any
    warning. Besides the structure, each playbook meets the content rules (content-* codes: length,
    checklist, questions, reading ease, related, links, citations; CONTRIBUTING.md lists them). When the
    sync's state file is there, a playbook whose id changed since its topic was made is named (a warning).

    \b
    Examples:
      playbooks validate
      playbooks validate playbooks/first-90-days.md
      playbooks validate --format json
      playbooks validate --strict
    """
    settings = read_settings(root)
    others, peer_groups = split_cohort_files(settings, files)  # peer-groups/*.yml are cohorts
    # absolute(), never resolve(): a link is checked and reported as itself, not as the file it points to.
    skills_file = skills_path(settings).absolute()
    named = {f.absolute() for f in others} - {skills_file}
    with_skills = skills_file.is_file() and (not files or skills_file in {f.absolute() for f in others})
    # Always the whole library, so that ids, titles and links are checked against every playbook; named
    # files outside playbooks/ join it. When files are named, only their problems are reported.
    everything = {p.absolute() for p in playbook_files(settings.playbooks_dir)} | named
    loaded = load_library(settings, today=today, files=sorted(everything))
    # The sync's state file, when there is one, tells a changed id (read only; the forum is never asked).
    changed = id_change_problems(loaded.checked, settings.root, recorded_files(settings.root / STATE_FILE))
    everything_found = sort_problems([*loaded.problems, *changed, *content_problems(loaded.checked)])
    problems = [p for p in everything_found if not files or Path(p.path).absolute() in named]
    count = len(named) if files else len(loaded.checked)
    if with_skills:
        problems = sort_problems([*problems, *check_skills(settings, loaded)])
    if not files:
        problems = sort_problems([*problems, *setting_problems(settings)])
    problems = peer_groups.add_problems(settings, loaded.library, problems)
    if fmt == "json":
        payload = {
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
        }
        click.echo(json.dumps(payload, indent=2))
    else:
        console = out_console()
        print_problems(problems, console)
        console.print(summary_line(problems, count, with_skills, peer_groups.checked), markup=False)
    failed = problems if strict else errors_in(problems)
    sys.exit(EXIT_INVALID if failed else EXIT_OK)
