"""Previews under `mkdocs serve --dirty`: each rebuild rebuilds only what an edit changed, and the site it leaves is
the site a full build makes (nav, titles, related lists and tag links included), whatever the edit."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.dates import repo_today
from tests.minirepo import copy_repo

TODAY = repo_today().isoformat()
SERVE_URL = "http://127.0.0.1:8000/playbooks/"
# Files a dirty rebuild may leave different from a full build: the search index lists the same entries in
# another order, and the tags plugin's export (read by no page) lists the rebuilt pages only.
NOT_COMPARED = {"search/search_index.json", "tags.json", "sitemap.xml.gz"}
# The books' print pages, which only the PDFs need: the preview leaves them out (and so its sitemap lists them not).
PRINT_PAGES = "print/"
PRINT_IN_SITEMAP = re.compile(rb"\s*<url>\s*<loc>[^<]*/print/[^<]*</loc>.*?</url>", re.S)


class Session:
    """One `mkdocs serve --dirty` in-process: the plugins are kept between builds as MkDocs keeps them."""

    def __init__(self, repo: Path, site: Path) -> None:
        self.repo, self.site = repo, site
        self.started = False

    def rebuild(self) -> list[str]:
        """Build into the session's site; the pages this build wrote."""
        since = time.time()
        time.sleep(0.01)  # the written pages are newer than `since` on any file system clock
        config = load_config(str(self.repo / "mkdocs.yml"), site_dir=str(self.site))
        if not self.started:
            config.plugins.on_startup(command="serve", dirty=True)
            self.started = True
        build(config, serve_url=SERVE_URL, dirty=True)
        return sorted(
            p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html") if p.stat().st_mtime > since
        )

    def close(self) -> None:
        """End the session as `mkdocs serve` does, and leave the kept plugins as a plain build finds them."""
        config = load_config(str(self.repo / "mkdocs.yml"), site_dir=str(self.site))
        config.plugins.on_shutdown()
        config.plugins.on_startup(command="build", dirty=False)


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    (tmp_path / "repo").mkdir()
    repo = copy_repo(tmp_path / "repo")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PLAYBOOKS_TODAY", TODAY)
    serving = Session(repo, tmp_path / "served")
    try:
        yield serving
    finally:
        serving.close()


def full_build(repo: Path, site: Path) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLAYBOOKS_TODAY=TODAY)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)]
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return site


def differences(served: Path, reference: Path) -> list[str]:
    """Files of the full build that the served site lacks or has with other content."""
    found = []
    for path in sorted(reference.rglob("*")):
        name = path.relative_to(reference).as_posix()
        if path.is_dir() or name in NOT_COMPARED or name.startswith(PRINT_PAGES):
            continue
        other = served / name
        expected = PRINT_IN_SITEMAP.sub(b"", path.read_bytes()) if name == "sitemap.xml" else path.read_bytes()
        if not other.is_file() or other.read_bytes() != expected:
            found.append(name)
    return found


def edit(path: Path, change: Callable[[str], str]) -> None:
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, f"the edit changed nothing in {path.name}"
    path.write_text(changed, encoding="utf-8")


@pytest.mark.slow
def test_each_rebuild_rebuilds_what_changed_and_leaves_the_site_a_full_build_makes(
    session: Session, tmp_path: Path
) -> None:
    playbooks = session.repo / "playbooks"
    first = session.rebuild()
    assert "playbooks/first-90-days/index.html" in first and "index.html" in first

    # A sentence in one playbook's body: that page only (and the theme's 404 page, rebuilt every time).
    edit(playbooks / "first-90-days.md", lambda t: t.replace("\n## ", "\n\nA sentence added in preview.\n\n## ", 1))
    assert session.rebuild() == ["404.html", "playbooks/first-90-days/index.html"]
    assert differences(session.site, full_build(session.repo, tmp_path / "full-1")) == []

    # A new title: every page shows it in the nav, so every page is rebuilt.
    retitled = "title: A coaching rhythm"
    edit(playbooks / "coaching-cadence.md", lambda t: re.sub(r"^title: .*$", retitled, t, count=1, flags=re.M))
    rebuilt = session.rebuild()
    assert {"index.html", "glossary/index.html", "playbooks/first-90-days/index.html"} <= set(rebuilt)
    assert differences(session.site, full_build(session.repo, tmp_path / "full-2")) == []

    # A new playbook, then the same under another file name: the nav and the index follow; the old page goes.
    text = (playbooks / "first-90-days.md").read_text(encoding="utf-8")
    text = re.sub(r"^id: .*$", "id: preview-added", text, count=1, flags=re.M)
    text = re.sub(r"^title: .*$", "title: A playbook added while previewing", text, count=1, flags=re.M)
    (playbooks / "preview-added.md").write_text(text, encoding="utf-8")
    assert "playbooks/preview-added/index.html" in session.rebuild()
    (playbooks / "preview-added.md").rename(playbooks / "preview-renamed.md")
    assert "playbooks/preview-renamed/index.html" in session.rebuild()
    assert not (session.site / "playbooks" / "preview-added").exists()
    assert differences(session.site, full_build(session.repo, tmp_path / "full-3")) == []


@pytest.mark.slow
def test_a_changed_summary_rebuilds_the_pages_that_show_it(session: Session, tmp_path: Path) -> None:
    playbooks = session.repo / "playbooks"
    session.rebuild()
    summary = re.compile(r"^summary: (>-\n  )?", re.M)
    edit(playbooks / "coaching-cadence.md", lambda t: summary.sub(r"\g<0>Changed. ", t, count=1))
    rebuilt = session.rebuild()
    related = [
        p.stem
        for p in playbooks.glob("*.md")
        if re.search(r"^related: .*\bcoaching-cadence\b", p.read_text(encoding="utf-8"), re.M)
    ]
    assert related, "some playbook lists coaching-cadence as related"
    for stem in related:
        assert f"playbooks/{stem}/index.html" in rebuilt
    assert "playbooks/index.html" in rebuilt and "glossary/index.html" not in rebuilt
    assert differences(session.site, full_build(session.repo, tmp_path / "full")) == []


@pytest.mark.slow
def test_a_new_checklist_item_rebuilds_the_progress_blocks_that_count_it(session: Session, tmp_path: Path) -> None:
    session.rebuild()
    added = "- [ ] Tell your boss which of the day-90 goals is most at risk."
    edit(
        session.repo / "playbooks" / "first-90-days.md",
        lambda t: t.replace("\n## Checklist\n\n", f"\n## Checklist\n\n{added}\n", 1),
    )
    rebuilt = set(session.rebuild())
    # The playbook, and every page with a progress block counting it: home, index, all checklists, its paths.
    assert {
        "playbooks/first-90-days/index.html",
        "index.html",
        "playbooks/index.html",
        "checklists/index.html",
        "paths/new-manager/index.html",
    } <= rebuilt
    assert "glossary/index.html" not in rebuilt and "playbooks/coaching-cadence/index.html" not in rebuilt
    assert differences(session.site, full_build(session.repo, tmp_path / "full")) == []
