"""`playbooks render OUT`: the whole site as plain markdown and an mkdocs.yml, for generators without our plugin.

OUT gets a copy of docs/ with every generated page written into it (the same pages the MkDocs
plugin serves, from `pages.generated_pages`), the theme overrides, and an mkdocs.yml that is the
project's own minus the `playbooks` plugin, with the playbooks listed in the navigation by stage.
Zensical, which reads mkdocs.yml but runs no MkDocs plugin, builds the site from it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import yaml

from ..errors import display_path, errors_in
from ..loader import check_skills, load_library, setting_problems
from ..model import STAGES, Library
from ..pages import HOME_URI, INDEX_URI, absent_pages, generated_pages, nav_without
from ..render_page import by_stage
from ..settings import read_settings
from ..site.discussion import home_markdown, load_activity
from .common import EXIT_INVALID, EXIT_USAGE, err_console, root_option, today_option

PLUGIN = "playbooks"
DEFAULT_ACTIVITY_FILE = "data/activity.json"


@dataclass(frozen=True)
class Tagged:
    """A YAML value with a custom tag (`!ENV ...`, `!!python/name:...`), kept so it can be written back."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps MkDocs' custom tags as Tagged values instead of running them."""


class _Dumper(yaml.SafeDumper):
    """Safe dumper that writes Tagged values back with their tags."""


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:
        raise yaml.constructor.ConstructorError(None, None, f"cannot read the tag {node.tag}", node.start_mark)
    return Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(Tagged, _represent_tagged)


def parse_config(text: str) -> dict[str, Any]:
    """mkdocs.yml's settings, with custom tags kept as Tagged values."""
    loaded = yaml.load(text, Loader=_Loader)  # noqa: S506  # a SafeLoader subclass
    return loaded if isinstance(loaded, dict) else {}


def read_config(path: Path) -> dict[str, Any]:
    return parse_config(path.read_text(encoding="utf-8"))


def dump_config(config: dict[str, Any]) -> str:
    return yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The options given to the `playbooks` plugin in mkdocs.yml, if any."""
    for item in config.get("plugins") or []:
        if isinstance(item, dict) and PLUGIN in item:
            return dict(item[PLUGIN] or {})
    return {}


def without_plugin(plugins: list[Any]) -> list[Any]:
    return [p for p in plugins if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]


def playbooks_nav(title: str, library: Library) -> dict[str, Any]:
    """The Playbooks section as the plugin builds it: the index, then one sub-section per stage."""
    entries: list[Any] = [INDEX_URI]
    for stage, playbooks in by_stage(library.playbooks).items():
        entries.append({STAGES[stage]: [p.page_uri for p in playbooks]})
    return {title: entries}


def with_playbooks_nav(nav: list[Any], library: Library) -> list[Any]:
    """The nav with its entry for the playbook index replaced by the full Playbooks section."""
    out: list[Any] = []
    for item in nav:
        if item == INDEX_URI:
            out.append(playbooks_nav("Playbooks", library))
        elif isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if value == INDEX_URI:
                out.append(playbooks_nav(str(title), library))
            elif isinstance(value, list):
                out.append({title: with_playbooks_nav(value, library)})
            else:
                out.append(item)
        else:
            out.append(item)
    return out


def out_config(
    config: dict[str, Any], library: Library, docs_dir: str = "docs", absent: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """The project's mkdocs.yml for OUT: same settings, docs in OUT, no `playbooks` plugin.

    `absent` names generated pages the repository does not have (no skills file, no self-assessment):
    their nav entries are left out, as the plugin leaves them out.
    """
    result = dict(config)
    result["docs_dir"] = docs_dir
    result.pop("site_dir", None)
    if isinstance(result.get("plugins"), list):
        result["plugins"] = without_plugin(result["plugins"])
    elif isinstance(result.get("plugins"), dict):
        result["plugins"] = {k: v for k, v in result["plugins"].items() if k != PLUGIN}
    if isinstance(result.get("nav"), list):
        result["nav"] = with_playbooks_nav(nav_without(result["nav"], absent), library)
    if isinstance(result.get("theme"), dict) and result["theme"].get("name") == "material":
        # Zensical's own default look is "modern"; "classic" keeps the site looking as Material built it.
        result["theme"] = {**result["theme"], "variant": result["theme"].get("variant", "classic")}
    return result


def pick_today(option: str | None, plugin: dict[str, Any]) -> dt.date:
    """The day the review notices are computed for: --today, the plugin's `today`, PLAYBOOKS_TODAY, today."""
    pinned = option or plugin.get("today") or os.environ.get("PLAYBOOKS_TODAY")
    return dt.date.fromisoformat(str(pinned)) if pinned else dt.date.today()


def render_site(root: Path, out: Path, today: str | None = None) -> tuple[list[str], list[str]]:
    """Write the site into OUT; return the generated uris and the problems (empty when it worked)."""
    settings = read_settings(root)
    config = read_config(settings.root / "mkdocs.yml")
    plugin = plugin_options(config)
    day = pick_today(today, plugin)
    if settings.forum.problems:  # as the plugin does: a wrong setting stops the build
        return [], [p.format() for p in setting_problems(settings)]
    loaded = load_library(settings, today=day)
    errors = errors_in([*loaded.problems, *check_skills(settings, loaded)])
    if errors:
        return [], [p.format() for p in errors]
    activity = load_activity(
        settings.root / str(plugin.get("activity_file") or DEFAULT_ACTIVITY_FILE), settings.forum.url or ""
    )
    pages = generated_pages(loaded.library, settings, day, activity)
    docs_out = out / "docs"
    source_docs = settings.root / settings.docs_dir
    if source_docs.is_dir():
        shutil.copytree(source_docs, docs_out, dirs_exist_ok=True)
    home = docs_out / HOME_URI
    if home.is_file():  # the most-discussed list, as the plugin fills it in at build time
        filled = home_markdown(home.read_text(encoding="utf-8"), loaded.library, activity, day)
        home.write_text(filled, encoding="utf-8")
    for uri, content in pages.items():
        target = docs_out / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    theme = config.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    if isinstance(custom_dir, str) and (settings.root / custom_dir).is_dir() and not Path(custom_dir).is_absolute():
        shutil.copytree(settings.root / custom_dir, out / custom_dir, dirs_exist_ok=True)
    (out / "mkdocs.yml").write_text(
        "# Written by `playbooks render` from the project's mkdocs.yml; the site's pages are in docs/.\n"
        + dump_config(out_config(config, loaded.library, absent=absent_pages(settings))),
        encoding="utf-8",
    )
    return list(pages), []


@click.command("render")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@root_option
@today_option("Compute review notices")
@click.option("--force", is_flag=True, help="Write into OUT even when it is not empty (files are overwritten).")
def render(out: Path, root: Path, today: dt.date | None, force: bool) -> None:
    """Write the site's pages and an mkdocs.yml into OUT, for a generator that runs no MkDocs plugins.

    Build the result with `zensical build -f OUT/mkdocs.yml` (or `mkdocs build -f OUT/mkdocs.yml`).
    """
    console = err_console()
    if out.exists() and any(out.iterdir()) and not force:
        console.print(
            f"error: {display_path(out)} is not empty; choose an empty folder or pass --force",
            markup=False,
            style="red",
        )
        sys.exit(EXIT_USAGE)
    out.mkdir(parents=True, exist_ok=True)
    uris, problems = render_site(root, out, today.isoformat() if today else None)
    if problems:
        for line in problems:
            console.print(line, markup=False, style="red")
        console.print(f"{len(problems)} error(s); nothing was written", markup=False)
        sys.exit(EXIT_INVALID)
    click.echo(f"Wrote {len(uris)} generated page(s), docs/ and mkdocs.yml to {display_path(out)}")
