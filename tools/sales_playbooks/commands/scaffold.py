"""`playbooks new "Title"`: write a new playbook with every field and the body pattern, then check it."""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import click

from ..content_rules import content_problems
from ..errors import Problem, display_path, errors_in, sort_problems
from ..fields import ID_PATTERN
from ..forum_rules import clean_title, title_problems
from ..loader import load_library, playbook_files
from ..model import AUDIENCES, STAGES, slugify
from ..placeholders import MARKER
from ..settings import Settings, read_settings
from ..yamlsource import read_front_matter
from .common import EXIT_USAGE, err_console, out_console, print_problems, root_option, today_option

ID_MAX = 40
REVIEW_EVERY = 180
DEFAULT_AUDIENCE = ("new-manager",)
DEFAULT_STAGE = "leading"


@dataclass(frozen=True)
class Choices:
    """What the author chose on the command line; anything left out becomes a prompt in the file."""

    title: str
    owner: str | None
    audience: tuple[str, ...]
    stage: str
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    today: dt.date


def base_id(title: str) -> str:
    """The slug of the title, cut at a word boundary to fit the 40 characters an id may have."""
    slug = slugify(title, max_length=200)
    if len(slug) > ID_MAX:
        cut = slug[: ID_MAX + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut[:ID_MAX] else slug[:ID_MAX]
    slug = slug.strip("-")
    return slug if len(slug) >= 3 else f"{slug}-playbook".lstrip("-")


def free_id(title: str, taken_ids: set[str], taken_files: set[str]) -> str:
    """The title's slug, or the slug with -2, -3 ... when another playbook or file already has it."""
    base = base_id(title)
    candidate, n = base, 1
    while candidate in taken_ids or f"{candidate}.md" in taken_files:
        n += 1
        suffix = f"-{n}"
        candidate = base[: ID_MAX - len(suffix)].rstrip("-") + suffix
    return candidate


def _yaml_text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _flow(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(items) + "]"


def scaffold_text(playbook_id: str, choices: Choices, source_ids: list[str]) -> str:
    """The new file: front matter with every field, then the five sections with prompts to replace."""
    owner = _yaml_text(choices.owner) if choices.owner else '""'
    known_sources = ", ".join(source_ids) or "none yet"
    return f"""---
id: {playbook_id}  # permanent: the forum topic is tied to it; if it must change, add previous_ids: [old-id]
title: {_yaml_text(choices.title)}
summary: >-
  {MARKER}: one or two sentences (40 to 300 characters) that say what the reader will be able to do.
audience: {_flow(choices.audience)}  # any of: {", ".join(AUDIENCES)}
stage: {choices.stage}  # one of: {", ".join(STAGES)}
# order: 5  # optional: its place within the stage on the site (1 first); without it, after the others by title
tags: {_flow(choices.tags)}  # 1 to 5 topics, lowercase, words joined by '-', such as [coaching, forecasting]
owner: {owner}  # the GitHub handle or team that keeps this playbook true, such as "@jane-doe"
reviewed: {choices.today.isoformat()}
review_every: {REVIEW_EVERY}  # days until the next check, 30 to 730
sources: {_flow(choices.sources)}  # ids from data/sources.yml: {known_sources}
related:  # ids of 2 or more playbooks to read next: their file names in playbooks/ without .md
  - {MARKER}-id-of-a-playbook-to-read-next
  - {MARKER}-id-of-another-playbook-to-read-next
---

## Why it matters

{MARKER}: two or three short paragraphs. What goes wrong for the reader today, and what changes once they
follow this playbook? Where you use a fact or figure from an article, cite it in brackets, as the other
playbooks do: `([Jordan](../sources.md#jordan))`. Link a term to the glossary where it first appears, such
as `[quota](../glossary.md#quota)`, and at least two other playbooks where they help, as
`[their title](their-id.md)`. The whole body is 600 to 1,500 words of short sentences and plain words.

## The plays

### 1. {MARKER}: name the first play as an action

{MARKER}: what to do, how to do it, and what good looks like. One play per level-3 heading.

### 2. {MARKER}: name the second play

{MARKER}: what to do, how to do it, and what good looks like.

## Checklist

- [ ] {MARKER}: a concrete step the reader can do and tick off. {{#first-step}}
- [ ] {MARKER}: another step, small enough to finish in a week. {{#second-step}}
- [ ] {MARKER}: a step for the first play. {{#first-play-step}}
- [ ] {MARKER}: a step for the second play. {{#second-play-step}}
- [ ] {MARKER}: a step that involves the team or a peer. {{#team-step}}
- [ ] {MARKER}: a step that checks, a few weeks on, that the plays worked. {{#check-back}}

## Discussion questions

1. {MARKER}: a question a peer group of new managers can discuss.
2. {MARKER}: a question that asks readers to share what happened when they tried the plays.
3. {MARKER}: a question about what makes the plays hard in the reader's own company.

## Sources

{MARKER}: a line for each article in `sources`, saying what it contributes to this playbook.
"""


def check_scaffold(settings: Settings, text: str, target: Path, today: dt.date) -> list[Problem]:
    """Validate the scaffold as if it were already in playbooks/, beside every other playbook."""
    shown = display_path(target)
    others = [p for p in playbook_files(settings.playbooks_dir) if p.name != target.name]
    with tempfile.TemporaryDirectory(prefix="playbooks-new-") as folder:
        draft = Path(folder) / target.name
        draft.write_text(text, encoding="utf-8")
        loaded = load_library(settings, today=today, files=[*others, draft])
        draft_shown = display_path(draft)
        found = [*loaded.problems, *content_problems(loaded.checked)]
    return sort_problems(
        Problem(shown, p.line, p.col, p.code, p.message, p.severity) for p in found if p.path == draft_shown
    )


def _split(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))


def _audience(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...]:
    items = _split(value)
    unknown = [a for a in items if a not in AUDIENCES]
    if unknown:
        raise click.BadParameter(f"unknown audience {', '.join(unknown)}; use any of: {', '.join(AUDIENCES)}")
    return items or DEFAULT_AUDIENCE


def _tags(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...]:
    return _split(value)


def existing_ids(settings: Settings) -> tuple[set[str], dict[str, str]]:
    """Ids and titles already used by files in playbooks/, read from the front matter alone."""
    ids: set[str] = set()
    titles: dict[str, str] = {}
    for path in playbook_files(settings.playbooks_dir):
        try:
            doc, _ = read_front_matter(path.read_text(encoding="utf-8"), display_path(path))
        except (OSError, UnicodeDecodeError):
            continue
        data = doc.meta.data if doc.meta is not None else {}
        if isinstance(data.get("id"), str):
            ids.add(data["id"])
        if isinstance(data.get("title"), str):
            titles[clean_title(data["title"]).lower()] = display_path(path)
    return ids, titles


@click.command("new")
@click.argument("title")
@click.option("--owner", help='GitHub handle or team that keeps the playbook true, such as "@jane-doe".')
@click.option(
    "--audience",
    callback=_audience,
    metavar="LIST",
    help=f"Comma-separated readers, from: {', '.join(AUDIENCES)}. Default: new-manager.",
)
@click.option(
    "--stage",
    type=click.Choice(list(STAGES)),
    default=DEFAULT_STAGE,
    show_default=True,
    help="Where in the journey the playbook belongs.",
)
@click.option("--tags", callback=_tags, metavar="LIST", help="Comma-separated tags, such as coaching,forecasting.")
@click.option("--sources", "source_list", metavar="LIST", help="Comma-separated source ids from data/sources.yml.")
@click.option("--dry-run", is_flag=True, help="Print the file and its problems; write nothing.")
@root_option
@today_option("Set the review date")
def new(
    title: str,
    owner: str | None,
    audience: tuple[str, ...],
    stage: str,
    tags: tuple[str, ...],
    source_list: str | None,
    dry_run: bool,
    root: Path,
    today: dt.date | None,
) -> None:
    """Start a playbook called TITLE: playbooks/<id>.md with every field and the body pattern.

    The id is the title's slug (at most 40 characters); when another playbook has it, a number is
    added. The file is never overwritten. Each TODO in it is a prompt for you to replace, and
    the command ends by listing what `playbooks validate` still wants written.

    \b
    Examples:
      playbooks new "Running your first team meeting" --owner "@jane-doe" --stage leading
      playbooks new "Coaching a seller who stalls" --tags coaching --dry-run
    """
    console = out_console()
    errors = err_console()
    settings = read_settings(root)
    title = clean_title(title)
    refused = title_problems(title, settings.forum.limits)
    if refused:
        for code, message in refused:
            errors.print(f"error[{code}]: {message}", markup=False, style="red")
        errors.print("Choose a title the forum accepts; the id is made from it.", markup=False)
        sys.exit(EXIT_USAGE)
    ids, titles = existing_ids(settings)
    if title.lower() in titles:
        errors.print(
            f"error[duplicate-title]: {titles[title.lower()]} already has this title", markup=False, style="red"
        )
        sys.exit(EXIT_USAGE)
    folder = settings.playbooks_dir
    taken_files = {p.name for p in folder.glob("*.md")} if folder.is_dir() else set()
    playbook_id = free_id(title, ids, taken_files)
    if not ID_PATTERN.match(playbook_id):
        errors.print(f"error[bad-id]: cannot make an id from '{title}'", markup=False, style="red")
        sys.exit(EXIT_USAGE)
    choices = Choices(
        title=title,
        owner=owner,
        audience=audience,
        stage=stage,
        tags=tags,
        sources=_split(source_list),
        today=today or dt.date.today(),
    )
    source_ids = sorted(load_library(settings, today=choices.today, files=[]).library.sources)  # sources only
    text = scaffold_text(playbook_id, choices, source_ids)
    target = folder / f"{playbook_id}.md"
    problems = check_scaffold(settings, text, target, choices.today)
    shown = display_path(target)
    if dry_run:
        click.echo(text, nl=False)
        errors.print(f"Dry run: would write {shown}", markup=False)
    else:
        folder.mkdir(parents=True, exist_ok=True)
        try:
            with target.open("x", encoding="utf-8") as out:  # "x": fail rather than overwrite
                out.write(text)
        except FileExistsError:
            errors.print(f"error: {shown} already exists; it was left as it is", markup=False, style="red")
            sys.exit(EXIT_USAGE)
        console.print(f"Wrote {shown} (id: {playbook_id})", markup=False)
    report = errors if dry_run else console  # a dry run keeps stdout for the file itself
    if problems:
        errors_left, warnings_left = len(errors_in(problems)), len(problems) - len(errors_in(problems))
        what = f"{errors_left} thing(s) to write before `playbooks validate` passes"
        if warnings_left:
            what += f", and {warnings_left} warning(s) before `playbooks validate --strict` (as CI runs it) does"
        report.print(what + ":", markup=False)
        print_problems(problems, report)
    else:
        report.print("It passes `playbooks validate`.", markup=False)
    if not dry_run:
        console.print("Preview it with `make serve`; then run `playbooks codeowners --write`.", markup=False)
