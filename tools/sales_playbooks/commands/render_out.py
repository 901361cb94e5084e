"""`playbooks render OUT`: the whole site as plain markdown and an mkdocs.yml, for generators without our plugin.

OUT gets a copy of docs/ with every generated page written into it (the same pages the MkDocs
plugin serves, from `site_build.assemble`), the theme overrides, and an mkdocs.yml that is the
project's own minus the `playbooks` plugin, with the playbooks listed in the navigation by stage.
Zensical, which reads mkdocs.yml but runs no MkDocs plugin, builds the site from it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import display_path
from ..mkdocs_file import dump_config, without_plugin
from ..model import Library
from ..settings import read_settings
from ..site_build import Site, assemble, site_nav
from .common import EXIT_INVALID, EXIT_USAGE, err_console, root_option, today_option


def out_config(
    config: dict[str, Any],
    library: Library,
    docs_dir: str = "docs",
    absent: frozenset[str] = frozenset(),
    unlisted: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The project's mkdocs.yml (as written) for OUT: same settings, docs in OUT, no `playbooks` plugin, and the
    nav the plugin gives MkDocs. `absent` names generated pages the repository does not have (no skills file);
    `unlisted` the pages published outside the nav on purpose (`not_in_nav`, as the plugin marks them)."""
    result = dict(config)
    result["docs_dir"] = docs_dir
    result.pop("site_dir", None)
    if "plugins" in result:
        result["plugins"] = without_plugin(result["plugins"])
    if isinstance(result.get("nav"), list):
        result["nav"] = site_nav(result["nav"], library, absent)
    if unlisted:
        kept = str(result.get("not_in_nav") or "").splitlines()
        result["not_in_nav"] = "\n".join([*kept, *(f"/{uri}" for uri in sorted(unlisted))]) + "\n"
    if isinstance(result.get("theme"), dict) and result["theme"].get("name") == "material":
        # Zensical's own default look is "modern"; "classic" keeps the site looking as Material built it.
        result["theme"] = {**result["theme"], "variant": result["theme"].get("variant", "classic")}
    return result


def write_site(site: Site, config: dict[str, Any], root: Path, docs_dir: str, out: Path) -> None:
    """OUT/docs (docs/ with the generated pages and the home page's list), the theme overrides, and mkdocs.yml."""
    source_docs = root / docs_dir
    docs_out = out / "docs"
    if source_docs.is_dir():
        shutil.copytree(source_docs, docs_out, dirs_exist_ok=True)
    for page in sorted(docs_out.rglob("*.md")) if docs_out.is_dir() else []:
        # The blocks at markers and the home page's most-discussed list, as the plugin fills them in at build time.
        text = page.read_text(encoding="utf-8")
        filled = site.page_markdown(page.relative_to(docs_out).as_posix(), text)
        if filled != text:
            page.write_text(filled, encoding="utf-8")
    for uri, content in {**site.pages, **site.files}.items():
        target = docs_out / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    theme = config.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    if isinstance(custom_dir, str) and not Path(custom_dir).is_absolute() and (root / custom_dir).is_dir():
        shutil.copytree(root / custom_dir, out / custom_dir, dirs_exist_ok=True)  # the theme's partials
    (out / "mkdocs.yml").write_text(
        "# Written by `playbooks render` from the project's mkdocs.yml; the site's pages are in docs/.\n"
        + dump_config(out_config(config, site.library, absent=site.absent, unlisted=site.unlisted - site.listed)),
        encoding="utf-8",
    )


def render_site(root: Path, out: Path, today: str | None = None) -> tuple[list[str], list[str]]:
    """Write the site into OUT; return the generated uris and the problems (empty when it worked)."""
    settings = read_settings(root)
    built = assemble(settings, today)
    if built.site is None:
        return [], [p.format() for p in built.problems]
    config = settings.config.kept if settings.config is not None else {}
    write_site(built.site, config, settings.root, settings.docs_dir, out)
    return list(built.site.pages), []


@click.command("render")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@root_option
@today_option("Compute review notices")
@click.option("--force", is_flag=True, help="Write into OUT even when it is not empty (files are overwritten).")
def render(out: Path, root: Path, today: dt.date | None, force: bool) -> None:
    """Write the site's pages and an mkdocs.yml into OUT, for a generator that runs no MkDocs plugins.

    Build the result with `zensical build -f OUT/mkdocs.yml` (or `mkdocs build -f OUT/mkdocs.yml`).

    \b
    Examples:
      playbooks render build/site-src
      playbooks render build/site-src --force
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
