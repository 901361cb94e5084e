"""`generated_pages`: one list of generated pages, shared by the MkDocs plugin and `playbooks render`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from sales_playbooks.loader import load_library
from sales_playbooks.model import GENERATED_PAGES
from sales_playbooks.pages import generated_pages
from sales_playbooks.settings import read_settings
from tests.minirepo import copy_repo

TODAY = dt.date(2026, 11, 23)


def test_every_generated_page_is_rendered(tmp_path: Path) -> None:
    settings = read_settings(copy_repo(tmp_path))
    library = load_library(settings, today=TODAY).library
    pages = generated_pages(library, settings, TODAY)
    assert set(pages) == {p.page_uri for p in library.playbooks} | set(GENERATED_PAGES), (
        "model.GENERATED_PAGES (what links are checked against) and pages.generated_pages must list the same pages"
    )
    assert all(text.startswith("---\n") for text in pages.values())


def test_activity_counts_reach_the_playbook_page(tmp_path: Path) -> None:
    settings = read_settings(copy_repo(tmp_path))
    library = load_library(settings, today=TODAY).library
    activity = {"first-90-days": {"replies": 3, "participants": 2}}
    page = generated_pages(library, settings, TODAY, activity)["playbooks/first-90-days.md"]
    assert "3 replies" in page


def test_the_plugin_serves_exactly_the_generated_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = copy_repo(tmp_path)
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PLAYBOOKS_TODAY", TODAY.isoformat())
    config = load_config(str(repo / "mkdocs.yml"))
    config.plugins.on_config(config)
    files = config.plugins.on_files(Files([]), config=config)
    served = {f.src_uri: f.content_string for f in files if f.generated_by}
    settings = read_settings(repo)
    expected = generated_pages(load_library(settings, today=TODAY).library, settings, TODAY)
    assert served.keys() >= expected.keys()
    assert {uri: served[uri] for uri in expected} == expected
