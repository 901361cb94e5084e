"""A long stage in the sidebar: a playbook page lists the playbooks around it and links to the whole stage on the
playbook index, which lists every playbook; a stage no longer than the window is listed whole."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.dates import repo_today
from tests.minirepo import PLAYBOOK, make_repo

TODAY = repo_today().isoformat()
PARTS = 5


def part(n: int) -> str:
    text = PLAYBOOK.replace("id: weekly-pipeline-review", f"id: pipeline-part-{n}")
    return text.replace("title: Holding a weekly pipeline review", f"title: Holding a weekly pipeline review, part {n}")


def build(tmp_path: Path, window: int) -> Path:
    repo = make_repo(tmp_path, {f"pipeline-part-{n}.md": part(n) for n in range(1, PARTS + 1)})
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - playbooks\n" in text
    config.write_text(text.replace("\n  - playbooks\n", f"\n  - playbooks:\n      sidebar_window: {window}\n"))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLAYBOOKS_TODAY=TODAY)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(repo / "site")]
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return repo / "site"


def sidebar(html: str) -> str:
    """The primary sidebar's HTML."""
    start = html.index('class="md-sidebar md-sidebar--primary"')
    return html[start : html.index('class="md-sidebar md-sidebar--secondary"', start)]


def linked_parts(html: str) -> list[int]:
    return sorted({int(n) for n in re.findall(r'href="\.\./pipeline-part-(\d)/"', html)})


def test_a_long_stage_lists_the_playbooks_around_the_page_and_links_the_whole_stage(tmp_path: Path) -> None:
    site = build(tmp_path, window=2)
    page = (site / "playbooks" / "pipeline-part-3" / "index.html").read_text(encoding="utf-8")
    side = sidebar(page)
    assert re.search(r'href="\.\./#leading"[^>]*>\s*<span class="md-ellipsis">\s*All 5 playbooks in this stage', side)
    assert "md-nav__link--active" in side, "the page itself is listed, as the current one"
    assert linked_parts(side) == [2], "with the page itself (part 3), two playbooks of the stage"
    assert linked_parts(page) == [2, 4], "the footer still leads to the previous and the next playbook"
    first = sidebar((site / "playbooks" / "pipeline-part-1" / "index.html").read_text(encoding="utf-8"))
    assert linked_parts(first) == [2], "at the start of the stage, the window starts there too"
    index = (site / "playbooks" / "index.html").read_text(encoding="utf-8")
    assert 'id="leading"' in index
    assert sorted({int(n) for n in re.findall(r'href="pipeline-part-(\d)/"', index)}) == list(range(1, PARTS + 1))


def test_a_stage_no_longer_than_the_window_is_listed_whole(tmp_path: Path) -> None:
    site = build(tmp_path, window=PARTS)
    side = sidebar((site / "playbooks" / "pipeline-part-3" / "index.html").read_text(encoding="utf-8"))
    assert "playbooks in this stage" not in side
    assert linked_parts(side) == [1, 2, 4, 5]
