"""Fixtures for the real-browser tests: one built site per session, served locally, driven by Chromium.

Every test gets a fresh browser context (empty localStorage) and fails when the page logs a console
error, throws an uncaught error, or requests anything from a host other than the local server. Every
page keeps the state `page_state` waits for (see STATE_SCRIPT there).
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser_support import LOCAL_HOST, PageLog
from page_state import STATE_SCRIPT
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, expect, sync_playwright

from sales_playbooks.errors import errors_in
from sales_playbooks.loader import load_library
from sales_playbooks.model import Library
from sales_playbooks.settings import read_settings

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The longest any wait may take before the test fails: an upper bound for a busy machine, never a pause.
# Every wait ends as soon as the state it waits for is there. expect() uses the same bound.
TIMEOUT_MS = 15_000
expect.set_options(timeout=TIMEOUT_MS)


def site_path(public_url: str) -> str:
    """The path the site is published under ('/playbooks/'), '/' when there is none."""
    return urlsplit(public_url).path.rstrip("/") + "/" if public_url else "/"


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site quietly; answers sitemap.xml with this server's address in place of site_url.

    The theme's instant navigation only handles links listed in the sitemap, matched by host and path,
    so the sitemap has to name the address the site is served from (as `mkdocs serve` arranges).
    As GitHub Pages does, an address that leads nowhere gets the site's 404.html with status 404. With
    `published`, the site is served under site_url's path (/playbooks/), as it is published: the 404 page's
    links start from that path, as it can be shown at any depth.
    """

    def __init__(self, *args: Any, public_url: str, published: bool = False, **kwargs: Any) -> None:
        self.public_url = public_url
        self.prefix = site_path(public_url) if published else "/"
        super().__init__(*args, **kwargs)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:
        prefix = self.prefix
        if not self.path.startswith(prefix):
            self.send_error(404)
            return
        self.path = "/" + self.path[len(prefix) :]
        if self.path.split("?", 1)[0] != "/sitemap.xml" or not self.public_url:
            super().do_GET()
            return
        sitemap = Path(self.directory) / "sitemap.xml"
        host, port = self.server.server_address[:2]
        body = sitemap.read_text(encoding="utf-8").replace(self.public_url, f"http://{host}:{port}{prefix}").encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per session with `mkdocs build --strict` from the repository root."""
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed (exit {result.returncode}):\n{result.stdout}{result.stderr}")
    return out


@pytest.fixture(scope="session")
def library() -> Library:
    """The playbooks the site is built from, loaded the way the site plugin loads them."""
    loaded = load_library(read_settings(ROOT))
    errors = errors_in(loaded.problems)
    if errors or not loaded.library.playbooks:
        report = "\n".join(p.format() for p in errors) or "no playbooks found"
        pytest.fail(f"the playbooks do not load cleanly:\n{report}")
    return loaded.library


def _serve(built_site: Path, published: bool) -> Iterator[str]:
    public_url = read_settings(ROOT).site_url or ""
    handler = functools.partial(_SiteHandler, directory=str(built_site), public_url=public_url, published=published)
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}{site_path(public_url) if published else '/'}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served over HTTP on a free local port; ends with a slash."""
    yield from _serve(built_site, published=False)


@pytest.fixture(scope="session")
def published_url(built_site: Path) -> Iterator[str]:
    """The built site served under site_url's path (/playbooks/), as it is published; ends with a slash."""
    yield from _serve(built_site, published=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless. Missing Chromium is a failure, never a skip."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. The browser tests need Debian's chromium package: "
            "run scripts/ensure-chromium.sh (or `sudo apt-get install chromium`), "
            "or set CHROMIUM=/path/to/chromium."
        )
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page_log() -> PageLog:
    """The log the `page` fixture fills in; ask for it to inspect errors or requests during a test."""
    return PageLog()


@pytest.fixture
def console_errors(page_log: PageLog) -> list[str]:
    """Console errors logged so far by the test's page (live list)."""
    return page_log.console_errors


@pytest.fixture
def page(browser: Browser, page_log: PageLog) -> Iterator[Page]:
    """A new page in a new context; fails the test at teardown on console/page errors or foreign requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(STATE_SCRIPT)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location
            where = f" ({location.get('url')}:{location.get('lineNumber')})" if location.get("url") else ""
            page_log.console_errors.append(message.text + where)

    def on_page_error(error: Exception) -> None:
        page_log.page_errors.append(str(error))

    def on_request(request: Request) -> None:
        page_log.requests.append(request.url)

    new_page = context.new_page()
    new_page.on("console", on_console)
    new_page.on("pageerror", on_page_error)
    new_page.on("request", on_request)
    try:
        yield new_page
    finally:
        context.close()
    problems = page_log.problems()
    if problems:
        report = "\n".join(f"  - {p}" for p in problems)
        pytest.fail(f"the page reported {len(problems)} problem(s):\n{report}", pytrace=False)
