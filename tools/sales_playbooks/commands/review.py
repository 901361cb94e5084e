"""`playbooks review`: the playbooks whose review date has passed, with their owners."""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import click
from rich.table import Table

from ..loader import load_library
from ..model import Playbook
from ..settings import read_settings
from .common import EXIT_INVALID, EXIT_OK, err_console, format_option, out_console, root_option, today_option


@dataclass(frozen=True)
class Overdue:
    """A playbook past its review date, and by how many days."""

    playbook: Playbook
    days: int

    def as_dict(self) -> dict[str, object]:
        p = self.playbook
        return {
            "id": p.id,
            "title": p.title,
            "path": p.path,
            "owner": p.owner,
            "reviewed": p.reviewed.isoformat(),
            "review_every": p.review_every,
            "due": p.review_due.isoformat(),
            "days_overdue": self.days,
        }


def overdue(playbooks: list[Playbook], today: dt.date) -> list[Overdue]:
    """Playbooks whose `reviewed` + `review_every` is before today, the longest overdue first.

    A playbook due today is not overdue yet; the site's notice uses the same rule.
    """
    found = [Overdue(p, (today - p.review_due).days) for p in playbooks if today > p.review_due]
    return sorted(found, key=lambda o: (-o.days, o.playbook.id))


def overdue_table(items: list[Overdue], today: dt.date) -> Table:
    table = Table(title=f"Playbooks due for review on {today.isoformat()}", title_justify="left")
    table.add_column("Playbook", overflow="fold")
    table.add_column("Owner", overflow="fold")
    table.add_column("Reviewed", no_wrap=True)
    table.add_column("Due", no_wrap=True)
    table.add_column("Days overdue", justify="right", no_wrap=True)
    for item in items:
        p = item.playbook
        table.add_row(p.file_name, p.owner, p.reviewed.isoformat(), p.review_due.isoformat(), str(item.days))
    return table


@click.command("review")
@root_option
@format_option("text", "json")
@today_option("Count days")
@click.option("--strict", is_flag=True, help="Exit with status 1 when any playbook is overdue.")
def review(root: Path, fmt: str, today: dt.date | None, strict: bool) -> None:
    """List the playbooks whose review date (reviewed + review_every) has passed, with owner and days overdue.

    To clear one, check the playbook is still true, then set `reviewed` to today's date.

    \b
    Examples:
      playbooks review
      playbooks review --strict          exit 1 when any playbook is overdue
    """
    day = today or dt.date.today()
    loaded = load_library(read_settings(root), today=day)
    items = overdue(loaded.library.playbooks, day)
    skipped = len(loaded.checked) - len(loaded.library.playbooks)
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "today": day.isoformat(),
                    "checked": len(loaded.library.playbooks),
                    "overdue": [item.as_dict() for item in items],
                },
                indent=2,
            )
        )
    else:
        console = out_console(table=True)
        if items:
            console.print(overdue_table(items, day))
            console.print(
                f"{len(items)} of {len(loaded.library.playbooks)} playbook(s) overdue for review.", markup=False
            )
        else:
            console.print(
                f"All {len(loaded.library.playbooks)} playbook(s) are within their review period.", markup=False
            )
    if skipped:
        # Under --strict an unreadable playbook fails too: its review date could not be checked.
        err_console().print(
            f"{skipped} file(s) could not be read as playbooks and were left out, so their review dates "
            "were not checked; run `playbooks validate` to see why.",
            markup=False,
            style="red" if strict else "yellow",
        )
    sys.exit(EXIT_INVALID if strict and (items or skipped) else EXIT_OK)
