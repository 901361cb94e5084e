"""`generated_pages`: one list of generated pages, shared by the MkDocs plugin and `playbooks render`."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from sales_playbooks.commands.render_out import render_site
from sales_playbooks.loader import load_library
from sales_playbooks.model import GENERATED_PAGES
from sales_playbooks.pages import generated_pages
from sales_playbooks.settings import read_settings
from tests.dates import repo_today
from tests.minirepo import copy_repo

TODAY = repo_today()


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
    config.plugins.on_startup(command="build", dirty=False)  # MkDocs keeps the plugin across loads
    config.plugins.on_config(config)
    files = config.plugins.on_files(Files([]), config=config)
    served = {f.src_uri: f.content_string for f in files if f.generated_by}
    settings = read_settings(repo)
    expected = generated_pages(load_library(settings, today=TODAY).library, settings, TODAY)
    assert served.keys() >= expected.keys()
    assert {uri: served[uri] for uri in expected} == expected


def _write_activity(repo: Path, forum: str) -> None:
    entry = {"replies": 3, "participants": 2, "topic_id": 41, "url": f"{forum.rstrip('/')}/t/first-90-days/41"}
    payload = {"format": 1, "forum": forum, "topics": {"first-90-days": entry}}
    (repo / "data").mkdir(exist_ok=True)
    (repo / "data" / "activity.json").write_text(json.dumps(payload), encoding="utf-8")


@pytest.mark.parametrize("recorded", ["http://127.0.0.1:8123", None])
def test_activity_from_another_forum_is_not_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, recorded: str | None
) -> None:
    """Counts and topic links read from a forum other than extra.forum.url would send readers elsewhere."""
    repo = copy_repo(tmp_path)
    configured = read_settings(repo).forum.url
    assert configured and configured != recorded
    _write_activity(repo, recorded or "")
    if recorded is None:  # a file that does not say which forum it was read from
        data = json.loads((repo / "data" / "activity.json").read_text(encoding="utf-8"))
        del data["forum"]
        (repo / "data" / "activity.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PLAYBOOKS_TODAY", TODAY.isoformat())
    config = load_config(str(repo / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)  # MkDocs keeps the plugin across loads
    config.plugins.on_config(config)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.playbooks"):
        files = config.plugins.on_files(Files([]), config=config)
    page = next(f.content_string for f in files if f.src_uri == "playbooks/first-90-days.md")
    assert f"[Join the discussion]({configured}/t/external_id/pb_first-90-days)" in page
    assert "3 replies" not in page and "/t/first-90-days/41" not in page
    assert "Share what you tried and ask what worked for others." in page  # no counts claimed
    notes = [r for r in caplog.records if r.name == "mkdocs.plugins.playbooks" and "activity.json" in r.getMessage()]
    assert notes and all(r.levelno == logging.INFO for r in notes)  # a warning would fail `mkdocs build --strict`
    assert configured in notes[0].getMessage()


def test_activity_from_the_configured_forum_is_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = copy_repo(tmp_path)
    configured = read_settings(repo).forum.url
    assert configured
    _write_activity(repo, configured + "/")  # a trailing slash is the same forum
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PLAYBOOKS_TODAY", TODAY.isoformat())
    config = load_config(str(repo / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)  # MkDocs keeps the plugin across loads
    config.plugins.on_config(config)
    files = config.plugins.on_files(Files([]), config=config)
    page = next(f.content_string for f in files if f.src_uri == "playbooks/first-90-days.md")
    assert f"[Join the discussion]({configured}/t/first-90-days/41)" in page and "3 replies" in page
    out = tmp_path / "out"
    _uris, problems = render_site(repo, out, TODAY.isoformat())
    assert problems == []
    assert "3 replies" in (out / "docs" / "playbooks" / "first-90-days.md").read_text(encoding="utf-8")


def test_with_the_wiki_on_the_playbook_page_invites_edits_in_the_forum(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = copy_repo(tmp_path)
    config_file = repo / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    assert "    wiki: false\n" in text
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PLAYBOOKS_TODAY", TODAY.isoformat())
    pages = {}
    for wiki in ("false", "true"):
        config_file.write_text(text.replace("    wiki: false\n", f"    wiki: {wiki}\n"), encoding="utf-8")
        config = load_config(str(config_file))
        config.plugins.on_startup(command="build", dirty=False)  # MkDocs keeps the plugin across loads
        config.plugins.on_config(config)
        files = config.plugins.on_files(Files([]), config=config)
        pages[wiki] = next(f.content_string for f in files if f.src_uri == "playbooks/first-90-days.md")
    topic = f"{read_settings(repo).forum.url}/t/external_id/pb_first-90-days"
    assert "Suggest a change in the forum" not in pages["false"]
    assert f"[Suggest a change in the forum]({topic})" in pages["true"]
    assert f"[Join the discussion]({topic})" in pages["true"]
