"""One real `mkdocs build --strict` of the whole site in a temporary folder, and a broken one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.minirepo import copy_repo

ROOT = Path(__file__).parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]


def build(repo: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(repo / "site")],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_strict_build_publishes_every_playbook(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    result = build(repo)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    site = repo / "site"
    for playbook in (repo / "playbooks").glob("*.md"):
        page = site / "playbooks" / playbook.stem / "index.html"
        assert page.is_file(), f"no page for {playbook.name}"
        html = page.read_text(encoding="utf-8")
        assert f"/edit/main/playbooks/{playbook.name}" in html, "Edit this page must open the playbook's own file"
        assert 'class="pb-checklist"' in html
    crm = (site / "playbooks" / "coaching-from-crm-data" / "index.html").read_text(encoding="utf-8")
    chips = re.findall(r'<a href="([^"]*)" class="md-tag[^"]*">([^<]*)</a>', crm)
    assert ("../../tags/#tag:crm", "CRM") in chips, "a label from data/tags.yml; the link keeps the tag"
    assert ("../../tags/#tag:coaching", "Coaching") in chips, "a tag without a label reads as words"
    for page in ("checklists", "sources", "playbooks", "tags", "glossary"):
        assert (site / page / "index.html").is_file(), page
    assert not list((repo / "docs").rglob("playbooks")), "nothing generated may land in docs/"
    assert not list(site.rglob("page_header.html")), "the templates of generated HTML are not published"


@pytest.mark.slow
def test_broken_playbook_stops_the_build_with_the_validate_message(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    target = repo / "playbooks" / "first-90-days.md"
    text = target.read_text(encoding="utf-8")
    title_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("title:"))
    target.write_text(text.replace(text.splitlines()[title_line - 1], "title: Too short"), encoding="utf-8")
    result = build(repo)
    assert result.returncode == 1
    expected = f"playbooks/first-90-days.md:{title_line}:8: error[title-too-short]: title has 9 characters"
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    validate = subprocess.run(
        [str(Path(sys.executable).parent / "playbooks"), "validate"], cwd=repo, capture_output=True, text=True
    )
    assert expected in validate.stdout and validate.returncode == 1


def test_serving_watches_the_playbooks_and_the_data_files(tmp_path: Path) -> None:
    """`make serve` rebuilds when a playbook, skills.yml, sources.yml, tags.yml or activity.json changes."""
    from sales_playbooks.site.plugin import PlaybooksPlugin

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    plugin = PlaybooksPlugin()
    plugin.root = copy_repo(tmp_path)
    server = Server()
    assert plugin.on_serve(server, None, None) is server  # type: ignore[arg-type]
    assert server.watched == [str(tmp_path / "playbooks"), str(tmp_path / "data")]
    (tmp_path / "empty").mkdir()
    plugin.root, server.watched = tmp_path / "empty", []
    plugin.on_serve(server, None, None)  # type: ignore[arg-type]
    assert server.watched == [], "a folder that is not there is not watched"
