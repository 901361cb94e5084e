"""The one module that reads the repository: data/sources.yml, data/tags.yml and playbooks/*.md, checked on load."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem, Severity, display_path, not_utf8, sort_problems
from .forum_rules import clean_tag
from .link_check import site_link_problems
from .model import GENERATED_PAGES, Library, Playbook, Source
from .repo_files import candidates, link_problem
from .settings import Settings, read_settings
from .validate import Checked, Context, check_across, check_file
from .yamlsource import Pos, load_marked_yaml, read_front_matter

SOURCE_FIELDS = ("author", "title", "publisher", "year")
# The article may not name its author or publisher: the field is then present and left empty (`~`).
MAY_BE_EMPTY = ("author", "publisher")
# A field a source may leave out: a line on what the article argues, shown on the Sources page.
OPTIONAL_SOURCE_FIELDS = ("about", "short")


@dataclass
class Loaded:
    """A library and every problem found while loading it."""

    library: Library
    problems: list[Problem] = field(default_factory=list)
    checked: list[Checked] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def load_sources(path: Path) -> tuple[dict[str, Source], list[Problem]]:
    """The sources file: one mapping per article, keyed by source id."""
    shown = display_path(path)
    if not path.is_file():
        return {}, [Problem(shown, 1, 1, "no-sources-file", "the sources file is missing")]
    marked, problems = load_marked_yaml(path.read_text(encoding="utf-8"), shown)
    sources: dict[str, Source] = {}
    if marked is None:
        return sources, problems
    for source_id, entry in marked.data.items():
        pos = marked.key_pos(source_id)
        if not isinstance(entry, dict):
            problems.append(Problem(shown, pos.line, pos.col, "bad-source", f"source '{source_id}' must be a mapping"))
            continue
        missing = [f for f in SOURCE_FIELDS if f not in entry or (f not in MAY_BE_EMPTY and entry[f] in (None, ""))]
        unknown = [f for f in entry if f not in SOURCE_FIELDS + OPTIONAL_SOURCE_FIELDS]
        if missing or unknown:
            parts = ([f"is missing {', '.join(missing)}"] if missing else []) + (
                [f"has unknown field(s) {', '.join(unknown)}"] if unknown else []
            )
            problems.append(
                Problem(shown, pos.line, pos.col, "bad-source", f"source '{source_id}' " + " and ".join(parts))
            )
            continue
        values = {
            f: (str(entry[f]).strip() if entry.get(f) not in (None, "") else None)
            for f in SOURCE_FIELDS + OPTIONAL_SOURCE_FIELDS
        }
        sources[source_id] = Source(
            source_id,
            author=values["author"],
            title=str(values["title"]),
            publisher=values["publisher"],
            year=str(values["year"]),
            about=values["about"],
            short=values["short"],
        )
    return sources, problems


@dataclass
class TagLabels:
    """The labels of data/tags.yml and where each tag stands in the file."""

    labels: dict[str, str] = field(default_factory=dict)
    where: dict[str, Pos] = field(default_factory=dict)


def load_tag_labels(path: Path) -> tuple[TagLabels, list[Problem]]:
    """data/tags.yml: the label the site shows for a tag, such as `crm: CRM`. No file is fine.

    A label may only change capitals and turn '-' into spaces. It then slugifies as its tag does, so a label
    never moves the site's tag links, and the forum, which keeps the tag itself, names the same thing.
    """
    found = TagLabels()
    if not path.is_file():
        return found, []
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return found, [not_utf8(shown, exc)]
    marked, problems = load_marked_yaml(text, shown)
    if marked is None:
        return found, problems
    for tag, label in marked.data.items():
        key, value = marked.key_pos(tag), marked.value_pos(tag)
        if not isinstance(tag, str) or clean_tag(tag) != tag or not tag:
            problems.append(
                Problem(shown, key.line, key.col, "bad-tag-label", f"'{tag}' is not a tag as playbooks write them")
            )
            continue
        if not isinstance(label, str) or not label.strip():
            message = f"the label of '{tag}' must be text"
            problems.append(Problem(shown, value.line, value.col, "bad-tag-label", message))
            continue
        label = label.strip()
        plain = label.lower().replace(" ", "-")
        if plain != tag:
            problems.append(
                Problem(
                    shown,
                    value.line,
                    value.col,
                    "tag-label-mismatch",
                    f"'{label}' reads as the tag '{plain}', not '{tag}'; "
                    "a label may change capitals and turn '-' into spaces, nothing else",
                )
            )
            continue
        found.labels[tag] = label
        found.where[tag] = key
    return found, problems


def unused_tag_labels(path: Path, labels: TagLabels, playbooks: Iterable[Playbook]) -> list[Problem]:
    """A warning for each label whose tag no playbook carries: likely a typo, or a tag since dropped."""
    used = {t for p in playbooks for t in p.tags}
    return [
        Problem(
            display_path(path),
            labels.where[t].line,
            labels.where[t].col,
            "unused-tag-label",
            f"no playbook has the tag '{t}'",
            Severity.WARNING,
        )
        for t in labels.labels
        if t not in used
    ]


def docs_pages(docs_dir: Path, absent: frozenset[str] = frozenset()) -> frozenset[str]:
    """Every page of the site: markdown files in docs/ plus the generated ones this repository has."""
    found = {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")} if docs_dir.is_dir() else set()
    return frozenset(found | (set(GENERATED_PAGES) - absent))


def playbook_files(folder: Path) -> list[Path]:
    """The playbook files of a folder, links included (each is checked before it is read)."""
    return [p for p in candidates(folder, "*.md") if not p.name.startswith("_")]


# A file's check, kept between loads (by `mkdocs serve`): path -> (what it was checked from, the result).
CheckMemo = MutableMapping[str, tuple[Hashable, Checked]]


def load_library(
    settings: Settings | None = None,
    today: dt.date | None = None,
    files: Iterable[Path] | None = None,
    forum_body: Callable[[Playbook], str] | None = None,
    memo: CheckMemo | None = None,
) -> Loaded:
    """Read and check every playbook; the library holds those sound enough to render.

    With `memo`, a file whose text and context are those of its last check is not checked again (the
    cross-file rules always run); used only with the default forum post renderer.
    """
    from .pages import absent_pages  # the page list imports the renderers; imported late to keep this light
    from .render_forum import forum_post  # the renderer needs the model only; imported late to keep this light

    settings = settings or read_settings()
    sources, problems = load_sources(settings.root / "data" / "sources.yml")
    site_url = settings.site_url or "https://example.org/"
    ctx = Context(
        sources=frozenset(sources),
        docs_pages=docs_pages(settings.root / settings.docs_dir, absent_pages(settings)),
        limits=settings.forum.limits,
        today=today or dt.date.today(),
        forum_body=forum_body or (lambda p: forum_post(p, sources, site_url)),
    )
    if forum_body is not None:
        memo = None
    context = (tuple(sources.items()), ctx.docs_pages, ctx.limits, ctx.today, site_url)
    checked: list[Checked] = []
    for path in files if files is not None else playbook_files(settings.playbooks_dir):
        shown = display_path(path)
        refused = link_problem(path, settings.root)
        if refused is not None:
            problems.append(refused)
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(not_utf8(shown, exc))
            continue
        key = (path.name, text, context)
        kept = memo.get(shown) if memo is not None else None
        if kept is not None and kept[0] == key:
            item = kept[1]
        else:
            doc, found = read_front_matter(text.replace("\r\n", "\n"), shown)
            item = check_file(shown, path.name, doc, ctx)
            item.problems[:0] = found
            if memo is not None:
                memo[shown] = (key, item)
        checked.append(item)
        problems += item.problems
    problems += check_across(checked, ctx)
    playbooks = [c.playbook for c in checked if c.playbook is not None]
    tags_file = settings.root / "data" / "tags.yml"
    tag_labels, found = load_tag_labels(tags_file)
    problems += found
    if len(playbooks) == len(checked):  # a playbook that did not load may be the one using a label
        problems += unused_tag_labels(tags_file, tag_labels, playbooks)
    library = Library(root=str(settings.root), sources=sources, playbooks=playbooks, tag_labels=tag_labels.labels)
    problems += site_link_problems(settings, library, checked, ctx.today)
    return Loaded(library=library, problems=sort_problems(problems), checked=checked)


def setting_problems(settings: Settings) -> list[Problem]:
    """The forum settings' mistakes (extra.forum in mkdocs.yml), each at the line of its key."""
    shown = display_path(settings.config_path)
    return [Problem(shown, i.line, i.col, "bad-setting", i.message) for i in settings.forum.issues]


def check_skills(settings: Settings, loaded: Loaded) -> list[Problem]:
    """The problems of playbooks/skills.yml, checked against every playbook id the library loaded.

    No skills file is no problem: the site then has no self-assessment page.
    """
    from .pages import skills_path
    from .skills import load_skills

    path = skills_path(settings)
    if not path.is_file():
        return []
    # Ids of playbooks that have errors of their own still count: one mistake is reported once.
    known = {c.id for c in loaded.checked if c.id} | set(loaded.library.by_id())
    return load_skills(path, loaded.library, known)[1]
