"""What changed and ways in and out, in Chromium: each page's last change, What's new and its feed, link previews,
the forum link, the owners page, the page-not-found page, and search results without the page-details block."""

from __future__ import annotations

import html
import json
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from browser_support import page_path, with_checklist
from page_state import follow, settled
from playwright.sync_api import Page, expect
from test_accessibility import DESKTOP, MOBILE, assert_accessible

from sales_playbooks.history import read_history
from sales_playbooks.model import Library
from sales_playbooks.render_page import human_date
from sales_playbooks.settings import read_settings

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ATOM = "{http://www.w3.org/2005/Atom}"
SIZES = {"desktop": DESKTOP, "phone": MOBILE}


def test_a_page_says_when_its_content_last_changed(page: Page, site_url: str, library: Library) -> None:
    """From the playbook's own file in git; a copy without history (a shallow clone) shows no date at all."""
    playbook = with_checklist(library)
    page.goto(site_url + page_path(playbook))
    line = page.locator("aside.pb-changed")
    history = read_history(ROOT)
    when = history.last_changed(f"playbooks/{playbook.file_name}") if history else None
    if when is None:
        expect(line).to_have_count(0)
        return
    expect(line).to_have_text(f"Content last changed on {human_date(when.date())}.")
    expect(line.locator("time")).to_have_attribute("datetime", when.date().isoformat())


def test_whats_new_and_its_feed_list_the_same_changes(page: Page, site_url: str, built_site: Path) -> None:
    page.goto(site_url + "whats-new/")
    expect(page.locator("article h1")).to_have_text(re.compile("^What.s new"))
    feed = ET.fromstring((built_site / "feed.xml").read_bytes())  # noqa: S314  # the feed this build wrote
    titles = [e.findtext(f"{ATOM}title") or "" for e in feed.findall(f"{ATOM}entry")]
    listed = page.locator("article li").evaluate_all(
        "items => items.map(li => li.querySelector('strong').textContent.replace(':', '') + ': ' "
        "+ li.querySelector('a').textContent)"
    )
    assert sorted(listed) == sorted(titles)
    if read_history(ROOT) is None:
        expect(page.locator("article")).to_contain_text("built without its change history")
    else:
        assert titles, "a repository with history has changes to list"
    head = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    expect(head).to_have_count(1)
    response = page.request.get(page.url.split("whats-new/")[0] + "feed.xml")
    assert response.ok and response.body() == (built_site / "feed.xml").read_bytes()
    link = page.locator("article a", has_text="feed of this page")
    assert link.evaluate("a => a.href") == page.url.split("whats-new/")[0] + "feed.xml"


def test_a_shared_link_previews_with_title_summary_and_image(page: Page, site_url: str, library: Library) -> None:
    playbook = with_checklist(library)
    page.goto(site_url + page_path(playbook))
    meta = page.evaluate(
        '() => Object.fromEntries([...document.querySelectorAll(\'meta[property^="og:"], meta[name^="twitter:"]\')]'
        ".map(m => [m.getAttribute('property') || m.getAttribute('name'), m.content]))"
    )
    site = read_settings(ROOT).site_url or ""
    assert meta["og:title"] == meta["twitter:title"] == playbook.title
    assert meta["og:description"] == meta["twitter:description"] == playbook.summary
    assert meta["og:url"] == f"{site}{page_path(playbook)}"
    assert meta["og:image"] == meta["twitter:image"] == f"{site}assets/social-card.png"
    assert meta["twitter:card"] == "summary_large_image" and meta["og:image:alt"]
    image = page.request.get(site_url + "assets/social-card.png")
    assert image.ok and image.body()[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", image.body()[16:24])
    assert (width, height) == (int(meta["og:image:width"]), int(meta["og:image:height"])) == (1200, 630)


def test_the_forum_is_one_click_away_on_the_home_page_and_in_every_footer(
    page: Page, site_url: str, library: Library
) -> None:
    forum = read_settings(ROOT).forum.url
    assert forum, "mkdocs.yml names a forum (extra.forum.url)"
    page.goto(site_url)
    home = page.locator("article").get_by_role("link", name="Ask the community")
    expect(home).to_have_attribute("href", forum)
    for path in ("", page_path(with_checklist(library)), "glossary/"):
        page.goto(site_url + path)
        footer = page.get_by_role("navigation", name="More from the site")
        expect(footer.get_by_role("link", name="Ask the community")).to_have_attribute("href", forum)
        expect(footer.get_by_role("link", name="Who keeps the playbooks")).to_have_count(1)


@pytest.mark.parametrize("size", list(SIZES))
def test_the_owner_line_opens_a_page_anyone_can_read(page: Page, site_url: str, library: Library, size: str) -> None:
    page.set_viewport_size(SIZES[size])
    playbook = next(p for p in library.playbooks if "/" in p.owner)
    page.goto(site_url + page_path(playbook))
    owner = page.locator("ul.pb-meta a")
    expect(owner).to_have_text(f"the {playbook.owner.split('/')[1].replace('-', ' ')} team")
    follow(page, owner)
    anchor = playbook.owner.lstrip("@").replace("/", "-")
    expect(page).to_have_url(re.compile(f"/owners/#{anchor}$"))
    section = page.locator(f"h2#{anchor} ~ ul").first
    expect(section.get_by_role("link", name=playbook.title, exact=True)).to_have_count(1)
    page.mouse.move(0, 0)  # the page at rest: the link under the pointer that followed the owner line is not hovered
    settled(page)
    assert_accessible(page, f"the owners page ({size})")


@pytest.mark.parametrize("size", list(SIZES))
def test_an_address_that_leads_nowhere_offers_search_and_the_reading_paths(
    page: Page, published_url: str, console_errors: list[str], size: str
) -> None:
    site_url = published_url  # the page's links start from the path the site is published under
    page.set_viewport_size(SIZES[size])
    response = page.goto(site_url + "playbooks/no-such-playbook/")
    assert response is not None and response.status == 404
    assert [e for e in console_errors if "404" not in e] == []
    console_errors.clear()  # the one error is the missing page itself
    expect(page.locator("article h1")).to_have_text(re.compile("^Page not found"))
    paths = page.locator("ul.pb-notfound-paths a")
    expect(paths).to_have_count(len([p for p in (ROOT / "docs" / "paths").glob("*.md") if p.name != "index.md"]))
    settled(page)
    assert_accessible(page, f"the page-not-found page ({size})")
    page.get_by_label("Search the playbooks").fill("coaching")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"/\?q=coaching$"))
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.goto(site_url + "no/such/page/")
    console_errors.clear()
    follow(page, paths.first)
    expect(page).to_have_url(re.compile(r"/paths/[a-z-]+/$"))
    expect(page.locator(".pb-tracker")).to_have_count(1)


def test_search_results_leave_out_the_page_details(built_site: Path, library: Library) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = [html.unescape(doc["text"]) for doc in index["docs"]]
    texts = " ".join(docs)
    assert "min read" not in texts and "Kept up to date by" not in texts
    assert "Your checklist progress is kept in this browser" not in texts, "the progress blocks are not content"
    for playbook in library.playbooks:
        assert any(playbook.summary[:60] in text for text in docs), "the summary stays searchable"
    assert not [doc for doc in index["docs"] if doc["location"].startswith("print/")], "the books are not searched"
