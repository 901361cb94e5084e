"""The one site assembly: the plugin and `playbooks render` take pages, nav and edit paths from `assemble`."""

from __future__ import annotations

import ast
import datetime as dt
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from sales_playbooks.commands.render_out import render_site
from sales_playbooks.mkdocs_file import read_config
from sales_playbooks.model import STAGES
from sales_playbooks.render_page import by_stage
from sales_playbooks.settings import read_settings
from sales_playbooks.site_build import assemble, pick_today
from tests.dates import repo_today
from tests.minirepo import copy_repo

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "tools" / "sales_playbooks"
TODAY = repo_today().isoformat()


def test_today_comes_from_the_option_then_the_plugin_then_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = read_settings(tmp_path)
    monkeypatch.setenv("PLAYBOOKS_TODAY", "2026-03-03")
    pinned = replace(settings, plugin={"today": "2026-02-02"})
    assert pick_today("2026-01-01", pinned) == dt.date(2026, 1, 1)
    assert pick_today(None, pinned) == dt.date(2026, 2, 2)
    assert pick_today(None, settings) == dt.date(2026, 3, 3)
    monkeypatch.setenv("PLAYBOOKS_TODAY", "soon")
    with pytest.raises(ValueError, match="PLAYBOOKS_TODAY must be a day such as 2026-11-23"):
        pick_today(None, settings)


def test_a_plugin_today_that_is_not_a_day_stops_the_build_with_a_problem(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    config = repo / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - playbooks\n", "  - playbooks:\n      today: someday\n")
    )
    built = assemble(read_settings(repo))
    assert built.site is None
    assert [(p.code, p.path.endswith("mkdocs.yml")) for p in built.problems] == [("bad-setting", True)]
    assert "the playbooks plugin's `today` in mkdocs.yml must be a day" in built.problems[0].message


def test_the_plugin_and_render_give_the_same_nav_and_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = copy_repo(tmp_path)
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PLAYBOOKS_TODAY", TODAY)
    config = load_config(str(repo / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)  # MkDocs keeps the plugin across loads
    config.plugins.on_config(config)
    files = config.plugins.on_files(Files([]), config=config)
    site = assemble(read_settings(repo)).site
    assert site is not None
    assert config.nav == site.nav
    section = next(item["Playbooks"] for item in site.nav or [] if isinstance(item, dict) and "Playbooks" in item)
    groups = by_stage(site.library.playbooks)
    assert section == ["playbooks/index.md", *({STAGES[s]: [p.page_uri for p in ps]} for s, ps in groups.items())]
    assert list(groups) == [s for s in STAGES if s in groups], "stages in the order of the journey"
    edits = {f.src_uri: f.edit_uri for f in files if f.generated_by}
    for playbook in site.library.playbooks:
        assert edits[playbook.page_uri] == f"../playbooks/{playbook.file_name}"
    assert edits["self-assessment.md"] == "../playbooks/skills.yml"
    out = tmp_path / "out"
    uris, problems = render_site(repo, out, TODAY)
    assert problems == [] and set(uris) == set(site.pages)
    assert read_config(out / "mkdocs.yml")["nav"] == config.nav, "render writes the nav the plugin gives MkDocs"
    assert (out / "overrides" / "partials" / "comments.html").is_file(), "the theme's partials are copied"


def _imports(path: Path) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return found


def test_the_plugin_uses_only_public_mkdocs_names() -> None:
    names = [n for n in _imports(PACKAGE / "site" / "plugin.py") if n.startswith("mkdocs")]
    assert names and not [n for n in names if any(part.startswith("_") for part in n.split("."))]


def test_the_site_assembly_is_core_and_imports_no_adapter() -> None:
    """Loaded in a fresh interpreter: the assembly, pages and discussion block pull in no MkDocs or forum client."""
    code = (
        "import sys\n"
        "import sales_playbooks.site_build, sales_playbooks.pages, sales_playbooks.discussion\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'pydiscourse', 'requests')]\n"
        "loaded += [m for m in sys.modules if m.startswith(('sales_playbooks.site.', 'sales_playbooks.commands'))]\n"
        "print(loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
