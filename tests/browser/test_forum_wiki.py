"""With extra.forum.wiki, a playbook page invites edits in the forum: the second button, its explanation, and axe."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Page, expect
from test_accessibility import DESKTOP, assert_accessible, open_in

from tests.dates import repo_today
from tests.minirepo import copy_repo

pytestmark = pytest.mark.browser

TOPIC = "https://forum.sales-leader-playbooks.org/t/external_id/pb_first-90-days"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def wiki_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built with extra.forum.wiki: true, served on a free local port."""
    repo = copy_repo(tmp_path_factory.mktemp("wiki-repo"))
    config_file = repo / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    assert "    wiki: false\n" in text
    config_file.write_text(text.replace("    wiki: false\n", "    wiki: true\n"), encoding="utf-8")
    site = tmp_path_factory.mktemp("wiki-site")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(repo)
        patch.setenv("PLAYBOOKS_TODAY", repo_today().isoformat())
        build(load_config(str(config_file), site_dir=str(site)))
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(Path(site))))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="wiki-site", daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_offers_both_ways_into_the_forum(page: Page, wiki_site: str, scheme: str) -> None:
    open_in(page, wiki_site + "playbooks/first-90-days/", scheme, DESKTOP)
    block = page.locator(".pb-discussion")
    join = block.get_by_role("link", name="Join the discussion")
    suggest = block.get_by_role("link", name="Suggest a change in the forum")
    expect(join).to_have_attribute("href", TOPIC)
    expect(suggest).to_be_visible()
    expect(suggest).to_have_attribute("href", TOPIC)
    expect(suggest).to_have_attribute(
        "title",
        "Forum members can edit this playbook in its topic's first post; the playbook's owners review each change",
    )
    assert_accessible(page, f"a playbook page with the forum's wiki on ({scheme})")
