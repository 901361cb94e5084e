"""`mkdocs serve --dirty` (as `make serve` runs it) in Chromium: a playbook broken while a reader looks at the preview
turns the page into an error page listing the problems exactly as `playbooks validate` prints them (accessible, on a
desktop and a phone), and the next good save brings the page back, with no error page left anywhere."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_accessibility import DESKTOP, MOBILE, assert_accessible

from tests.dates import repo_today
from tests.minirepo import PLAYBOOK, ROOT, make_repo

pytestmark = pytest.mark.browser

TODAY = repo_today().isoformat()
NAME = "weekly-pipeline-review.md"
TITLE = re.compile(r"^Holding a weekly pipeline review\b")  # the heading's permalink follows
BROKEN = PLAYBOOK.replace("stage: leading", "stage: leadin\n<b>x</b>: 1")
# The longest a rebuild, the reload it triggers, or the server's start may take on a busy machine: an upper
# bound for the waits below, each of which ends as soon as its state is there.
REBUILD_MS = 120_000
SERVING = re.compile(r"Serving on (http://\S+)")


@dataclass
class Preview:
    repo: Path
    url: str  # the site's address, ending with a slash

    @property
    def playbook(self) -> Path:
        return self.repo / "playbooks" / NAME

    def page_url(self) -> str:
        return f"{self.url}playbooks/{NAME.removesuffix('.md')}/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    """`mkdocs serve --dirty` on a small repository (one playbook, the site's stylesheets and scripts), up and
    serving; stopped as Ctrl-C stops it."""
    repo = make_repo(tmp_path)
    for assets in ("stylesheets", "javascripts"):  # mkdocs.yml's extra_css and extra_javascript
        shutil.copytree(ROOT / "docs" / assets, repo / "docs" / assets)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLAYBOOKS_TODAY=TODAY)
    address = f"127.0.0.1:{_free_port()}"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", address]
    server = subprocess.Popen(command, cwd=repo, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines: queue.Queue[str | None] = queue.Queue()
    log: list[str] = []

    def drain() -> None:  # keeps reading, so that the server never blocks on a full pipe
        assert server.stderr is not None
        for line in server.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=drain, name="serve-log", daemon=True).start()
    try:
        while True:
            line = lines.get(timeout=REBUILD_MS / 1000)
            if line is None:
                pytest.fail("mkdocs serve ended before serving:\n" + "".join(log))
            log.append(line)
            if found := SERVING.search(line):
                break
        yield Preview(repo, found.group(1))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)


def validate_lines(repo: Path) -> list[str]:
    """What `playbooks validate` prints for each error (the problems that stop a build), run where `mkdocs serve`
    runs."""
    env = dict(os.environ, PLAYBOOKS_TODAY=TODAY, NO_COLOR="1", COLUMNS="400")
    command = [str(Path(sys.executable).with_name("playbooks")), "validate"]
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if ": error[" in line]


def no_sideways_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"))


def test_a_broken_playbook_shows_its_problems_in_the_browser_until_the_next_good_save(
    preview: Preview, page: Page
) -> None:
    # `preview` first: the browser page closes before the server stops, so live reload's request ends quietly.
    page.set_viewport_size(DESKTOP)
    page.goto(preview.page_url())
    expect(page.locator("h1")).to_have_text(TITLE)

    # A save that breaks the playbook: the page being read reloads by itself and lists the problems.
    preview.playbook.write_text(BROKEN, encoding="utf-8")
    expected = validate_lines(preview.repo)
    assert any("unknown field '<b>x</b>'" in line for line in expected)
    lines = page.locator(".pb-build-error__line")
    expect(lines).to_have_text(expected, timeout=REBUILD_MS)
    expect(page.locator("h1")).to_have_text("The preview has problems to fix")
    expect(page.locator(".pb-build-error")).to_contain_text("refreshes by itself after the next good save")
    assert page.locator(".pb-build-error b").count() == 0  # the message's markup is shown as text
    assert_accessible(page, "the error page (desktop)")
    page.set_viewport_size(MOBILE)
    expect(lines.first).to_be_visible()
    assert no_sideways_scroll(page), "the error page scrolls sideways on a phone"
    assert_accessible(page, "the error page (390px wide)")
    page.set_viewport_size(DESKTOP)
    assert page.context.browser is not None
    dark = page.context.browser.new_context(viewport=DESKTOP, color_scheme="dark")  # the theme keeps its first pick
    try:
        in_dark = dark.new_page()
        in_dark.goto(preview.page_url())
        expect(in_dark.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        expect(in_dark.locator(".pb-build-error__line")).to_have_text(expected)
        assert_accessible(in_dark, "the error page (desktop, dark)")
    finally:
        dark.close()

    # Every page of the site says the same, the home page and the playbook index included.
    for where in (preview.url, f"{preview.url}playbooks/"):
        page.goto(where)
        expect(lines).to_have_text(expected)
    page.goto(preview.page_url())
    expect(lines).to_have_text(expected)

    # The next good save: the page comes back by itself, and no page of the site is an error page any more.
    preview.playbook.write_text(PLAYBOOK, encoding="utf-8")
    expect(page.locator("h1")).to_have_text(TITLE, timeout=REBUILD_MS)
    expect(page.locator(".pb-build-error")).to_have_count(0)
    for where in (preview.url, f"{preview.url}playbooks/"):
        page.goto(where)
        expect(page.locator("article h1").first).to_be_visible()
        expect(page.locator(".pb-build-error")).to_have_count(0)
