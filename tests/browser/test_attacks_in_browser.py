"""The attack corpus with validation bypassed: the built pages, read by Chromium, hold none of it in a form that runs.

The site is built through the plugin with its validation gate and the field checks switched off, so
every attack reaches the page builder; what stands between it and the reader is the escaping of the
plain-text fields and the sanitiser. Each page is then loaded in Chromium: no dialog may open, no
element may carry an `on…` attribute, no link or source may use a script scheme, and no script,
frame or object may sit in the page's navigation, header or content.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, Dialog, Page, Route

from sales_playbooks import fields, site_build
from tests.attack_corpus import Attack, attack_repo, load_attacks

pytestmark = pytest.mark.browser

ATTACKS = load_attacks()
ON_PAGES = [a for a in ATTACKS if a.page is not None]
SHARED_PAGES = ["", "playbooks/", "checklists/", "sources/"]  # home, index, all checklists, sources

# Everything in the document that could run: handlers, script-scheme URLs, and active elements where
# the theme puts none (the content, the navigation, the page title in the header and the footer links).
FIND_ACTIVE = """() => {
  const found = [];
  const urls = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcdoc"];
  const scheme = /^(javascript|vbscript|data|livescript):/;
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\u0000-\\u0020\\u007f-\\u00a0\\u00ad\\u200b-\\u200f\\u2060\\ufeff]/g, "");
      const themeSearch = el.matches("a.md-search__icon") && value === "javascript:void(0)";
      if (name.startsWith("on")) found.push(`${el.tagName.toLowerCase()} ${name}`);
      else if (urls.includes(name) && scheme.test(value.toLowerCase()) && !themeSearch)
        found.push(`${el.tagName.toLowerCase()} ${name}=${attr.value.slice(0, 40)}`);
    }
  }
  const active = "script, iframe, frame, object, embed, style, base, meta[http-equiv]";
  for (const area of document.querySelectorAll("article, .md-nav, .md-header__title, .md-footer__link, title")) {
    for (const el of area.querySelectorAll(active)) found.push(`${el.tagName.toLowerCase()} in the page`);
  }
  if (document.querySelector("title").children.length) found.push("markup in <title>");
  if (window.__pwned) found.push("window.__pwned was set");
  return found;
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def attack_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The attack repository built through the plugin with validation bypassed."""
    repo = attack_repo(tmp_path_factory.mktemp("attack-repo"), ATTACKS)
    site = tmp_path_factory.mktemp("attack-site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site_build, "errors_in", lambda problems: [])  # the build's own validate gate
        patch.setattr(fields, "markup_in", lambda text: None)  # titles and summaries with markup accepted
        patch.setenv("PLAYBOOKS_TODAY", "2026-11-23")
        build(load_config(str(repo / "mkdocs.yml"), site_dir=str(site)))
    missing = [a.id for a in ON_PAGES if not (site / str(a.page) / "index.html").is_file()]
    assert not missing, f"attacks that did not reach a page, so prove nothing: {missing}"
    return site


@pytest.fixture(scope="module")
def attack_url(attack_site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(attack_site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="attack-site", daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def watched(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page that counts every dialog (and dismisses it) and never reaches another host."""
    context = browser.new_context()
    context.set_default_timeout(15_000)
    dialogs: list[str] = []

    def local_only(route: Route) -> None:
        if urlsplit(route.request.url).hostname in ("127.0.0.1", None):
            route.continue_()
        else:
            route.abort()

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    context.route("**/*", local_only)
    page = context.new_page()
    page.on("dialog", on_dialog)
    try:
        yield page, dialogs
    finally:
        context.close()


def visit(page: Page, url: str) -> list[str]:
    page.goto(url, wait_until="networkidle")
    return list(page.evaluate(FIND_ACTIVE))


def test_the_check_sees_script_when_it_is_there(watched: tuple[Page, list[str]]) -> None:
    """The same checks on a page built without the defences: they must see the attack run and stay."""
    page, dialogs = watched
    page.set_content(
        '<title>x</title><article><img src="x" onerror="alert(1); window.__fired = 1">'
        '<a href="java&#9;script:alert(2)">a</a><script>window.__pwned = 1</script></article>'
    )
    page.wait_for_function("() => window.__fired === 1")  # set once the dialog has been dismissed
    assert dialogs == ["1"]
    expected = {"img onerror", "a href=java\tscript:alert(2)", "script in the page", "window.__pwned was set"}
    assert set(page.evaluate(FIND_ACTIVE)) >= expected


@pytest.mark.parametrize("attack", ON_PAGES, ids=[a.id for a in ON_PAGES])
def test_the_attack_page_runs_nothing(attack_url: str, watched: tuple[Page, list[str]], attack: Attack) -> None:
    page, dialogs = watched
    assert visit(page, attack_url + str(attack.page)) == []
    assert dialogs == []


@pytest.mark.parametrize("path", SHARED_PAGES, ids=["home", "index", "checklists", "sources"])
def test_the_pages_that_list_every_playbook_run_nothing(
    attack_url: str, watched: tuple[Page, list[str]], path: str
) -> None:
    page, dialogs = watched
    assert visit(page, attack_url + path) == []
    assert dialogs == []
