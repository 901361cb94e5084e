"""`playbooks pdf` refuses, with a message and exit status 2, when it cannot print, and then writes nothing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sales_playbooks.cli import main
from tests.minirepo import copy_repo


def test_a_site_without_print_pages_is_refused(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    repo = copy_repo(tmp_path / "repo")
    site = tmp_path / "site"
    site.mkdir()
    result = CliRunner().invoke(main, ["pdf", str(site), "--root", str(repo)])
    assert result.exit_code == 2
    assert "has no print page for print/sales-leader-playbooks/" in result.output
    assert "build the site first (mkdocs build)" in result.output
    assert list(site.iterdir()) == []


def test_a_missing_chromium_is_refused(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    repo = copy_repo(tmp_path / "repo")
    site = tmp_path / "site"
    paths = [p.stem for p in (repo / "docs" / "paths").glob("*.md") if p.name != "index.md"]
    for book in ("sales-leader-playbooks", *paths):
        (site / "print" / book).mkdir(parents=True)
        (site / "print" / book / "index.html").write_text("<html></html>", encoding="utf-8")
    missing = tmp_path / "no-chromium"
    result = CliRunner().invoke(main, ["pdf", str(site), "--root", str(repo), "--chromium", str(missing)])
    assert result.exit_code == 2
    assert f"no Chromium at {missing}" in result.output
    assert not (site / "pdf").exists()
