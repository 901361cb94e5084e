"""Checklist keys in Chromium, on a desktop and a phone screen: an item reworded in its playbook keeps the reader's
tick (the tick is kept under the item's `{#key}`), and "Reset checklist" can be undone, with every progress count
following; axe finds nothing on the pages that show them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import page_path, with_checklist
from conftest import _serve
from page_state import settled
from playwright.sync_api import Locator, Page, expect
from test_accessibility import DESKTOP, MOBILE, assert_accessible
from test_progress import items, summary, tick

from sales_playbooks.model import Library
from tests.minirepo import PLAYBOOK, make_repo

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SIZES = {"desktop": DESKTOP, "phone": MOBILE}
NAME = "weekly-pipeline-review.md"
PLAYBOOK_ID = "weekly-pipeline-review"
FIRST = "Book a recurring thirty-minute pipeline review with the whole team."
REWORDED = "Put a thirty-minute pipeline review in the whole team's calendar, every week."
HOME = """---
assets:
  scripts:
    - javascripts/progress.js
---

# Home

<!-- playbooks:progress -->
"""


def build(repo: Path, site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)]
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, str]]:
    """A one-playbook repository, the folder its site is built into, and that folder served."""
    repo = make_repo(tmp_path_factory.mktemp("keys-repo"))
    for folder in ("javascripts", "stylesheets"):  # the site's own scripts and styles
        shutil.copytree(ROOT / "docs" / folder, repo / "docs" / folder)
    site = tmp_path_factory.mktemp("keys-site")
    served = _serve(site, published=False)
    url = next(served)
    yield repo, site, url
    served.close()


def status(page: Page, playbook_id: str) -> Locator:
    return page.locator(f'.pb-checklist[data-playbook="{playbook_id}"] .pb-progress__text')


def stored(page: Page, playbook_id: str) -> list[str]:
    return sorted(
        page.evaluate(
            "prefix => Object.keys(localStorage).filter(k => k.startsWith(prefix))", f"slp:checklist:{playbook_id}:"
        )
    )


@pytest.mark.parametrize("size", list(SIZES))
def test_a_reworded_item_keeps_its_tick(page: Page, small_site: tuple[Path, Path, str], size: str) -> None:
    repo, site, url = small_site
    page.set_viewport_size(SIZES[size])
    (repo / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    (repo / "playbooks" / NAME).write_text(PLAYBOOK, encoding="utf-8")
    assert f"- [ ] {FIRST} {{#" in PLAYBOOK, "the item has a key in its source"
    build(repo, site)
    page.goto(url + f"playbooks/{PLAYBOOK_ID}/")
    first = page.locator(f'.pb-checklist[data-playbook="{PLAYBOOK_ID}"] li.task-list-item').first
    tick(first)
    expect(status(page, PLAYBOOK_ID)).to_have_text("1 of 2 done")
    before = stored(page, PLAYBOOK_ID)
    assert len(before) == 1

    (repo / "playbooks" / NAME).write_text(PLAYBOOK.replace(FIRST, REWORDED), encoding="utf-8")
    build(repo, site)
    page.reload()
    expect(first).to_contain_text(REWORDED)
    expect(first.locator('input[type="checkbox"]')).to_be_checked()
    expect(status(page, PLAYBOOK_ID)).to_have_text("1 of 2 done")
    assert stored(page, PLAYBOOK_ID) == before
    settled(page)
    assert_accessible(page, f"a playbook whose ticked item was reworded ({size})")

    page.goto(url)
    expect(page.locator(".pb-tracker__status")).to_have_text(summary(1, 2))
    settled(page)
    assert_accessible(page, f"the home page counting the reworded item ({size})")


@pytest.mark.parametrize("size", list(SIZES))
def test_reset_can_be_undone_and_the_counts_follow(page: Page, site_url: str, library: Library, size: str) -> None:
    page.set_viewport_size(SIZES[size])
    playbook = with_checklist(library)
    total = sum(len(p.body.checklist) for p in library.playbooks)
    own = len(playbook.body.checklist)
    page.goto(site_url + "checklists/")
    tracker = page.locator(".pb-tracker__status")
    for index in (0, 2):
        tick(items(page, playbook).nth(index))
    expect(tracker).to_have_text(summary(2, total))
    ticked = stored(page, playbook.id)
    assert len(ticked) == 2

    box = page.locator(f'.pb-checklist[data-playbook="{playbook.id}"]')
    box.get_by_role("button", name="Reset checklist").click()
    expect(status(page, playbook.id)).to_have_text(f"0 of {own} done")
    expect(tracker).to_have_text(re.compile("^You have not ticked any checklist items"))
    undo = box.get_by_role("button", name="Undo reset")
    expect(undo).to_be_focused()
    expect(box.get_by_role("status").filter(has_text="Checklist reset.")).to_have_count(1)
    assert stored(page, playbook.id) == []
    settled(page)
    assert_accessible(page, f"a checklist just reset, offering to undo ({size})")

    undo.click()
    expect(status(page, playbook.id)).to_have_text(f"2 of {own} done")
    expect(tracker).to_have_text(summary(2, total))
    expect(undo).to_be_hidden()
    expect(box.get_by_role("button", name="Reset checklist")).to_be_focused()
    assert stored(page, playbook.id) == ticked

    page.goto(site_url + page_path(playbook))
    expect(status(page, playbook.id)).to_have_text(f"2 of {own} done")
    checks = [items(page, playbook).nth(i).locator('input[type="checkbox"]') for i in range(own)]
    assert [c.is_checked() for c in checks] == [i in (0, 2) for i in range(own)]

    # A reset followed by a new tick stays: the new tick is the reader's choice.
    page.locator(f'.pb-checklist[data-playbook="{playbook.id}"]').get_by_role("button", name="Reset checklist").click()
    tick(items(page, playbook).nth(1))
    expect(page.get_by_role("button", name="Undo reset")).to_be_hidden()
    page.reload()
    expect(status(page, playbook.id)).to_have_text(f"1 of {own} done")
    settled(page)
    assert_accessible(page, f"a playbook after a reset and a new tick ({size})")
