"""Commands run from a subfolder find the repository by walking up to mkdocs.yml, as git does."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sales_playbooks.cli import main
from sales_playbooks.commands.common import find_root
from tests.minirepo import make_repo


def test_find_root_walks_up_to_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    repo = make_repo(tmp_path / "repo")
    deep = repo / "playbooks" / "drafts"
    deep.mkdir()
    assert find_root(deep) == repo
    assert find_root(repo) == repo
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    assert find_root(lonely) == lonely


def test_new_from_the_playbooks_folder_writes_into_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "repo").mkdir()
    repo = make_repo(tmp_path / "repo")
    monkeypatch.chdir(repo / "playbooks")
    result = CliRunner().invoke(main, ["new", "Running a quarterly business review", "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert (repo / "playbooks" / "running-a-quarterly-business-review.md").is_file()
    assert not (repo / "playbooks" / "playbooks").exists()
    checked = CliRunner().invoke(main, ["validate", "--today", "2026-11-23"])
    assert "2 playbook file(s)" in checked.output
