"""Light pages that still lead everywhere: every playbook is reached from home by clicks in the pruned sidebar
and from the playbook index, search finds every playbook, and the self-assessment's assets load on its page only.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from browser_support import PageLog, at_page, page_path
from page_state import follow, settled
from playwright.sync_api import Page, expect

from sales_playbooks.model import STAGES, Library, Playbook
from sales_playbooks.render_page import by_stage

pytestmark = pytest.mark.browser

ASSESSMENT_ASSETS = re.compile(r"/(javascripts/assessment\.js|stylesheets/assessment\.css)$")


def test_every_playbook_is_reached_from_home_by_clicks_in_the_sidebar(
    page: Page, site_url: str, library: Library
) -> None:
    page.goto(site_url)
    follow(page, page.locator("article a", has_text="All playbooks").first)  # the home page shows no sidebar
    expect(page).to_have_url(re.compile(r"/playbooks/$"))
    sidebar = page.locator(".md-sidebar--primary")
    reached: list[str] = []
    for stage, playbooks in by_stage(library.playbooks).items():
        follow(page, sidebar.locator(".md-nav__item--pruned > a.md-nav__link", has_text=STAGES[stage]))
        for number, playbook in enumerate(playbooks):
            if number:
                follow(page, sidebar.locator(f'a.md-nav__link[href$="/{page_path(playbook).split("/")[-2]}/"]'))
            expect(page).to_have_url(at_page(playbook))
            expect(page.locator("article h1")).to_contain_text(playbook.title)
            reached.append(playbook.id)
    assert sorted(reached) == sorted(p.id for p in library.playbooks)


def test_the_playbook_index_links_every_playbook(page: Page, site_url: str, library: Library) -> None:
    page.goto(site_url + "playbooks/")
    hrefs = page.locator("article a[href]").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert {f"/{page_path(p)}" for p in library.playbooks} <= set(hrefs)


FOUND_OR_SCROLL = """(path) => {
  const hit = document.querySelector(`.md-search-result__item a.md-search-result__link[href*="${path}"]`);
  if (hit) return true;
  const wrap = document.querySelector(".md-search__scrollwrap");
  if (wrap) wrap.scrollTop = wrap.scrollHeight;
  return false;
}"""


def test_search_finds_every_playbook_by_its_title(page: Page, site_url: str, library: Library) -> None:
    page.goto(site_url)
    settled(page)
    page.keyboard.press("/")
    search = page.locator("input.md-search__input")
    expect(search).to_be_focused()
    for playbook in library.playbooks:
        search.fill(playbook.title)
        search.press("End")  # the theme reads the query on key up
        # The theme shows ten results and more as the reader scrolls the list: scroll until the playbook shows.
        page.wait_for_function(FOUND_OR_SCROLL, arg=page_path(playbook), polling=100)


def checklist_word(library: Library, index: dict[str, Any]) -> tuple[str, Playbook]:
    """A word of 7+ letters from one playbook's checklist that no other page of the search index holds."""
    texts: dict[str, str] = defaultdict(str)
    for doc in index["docs"]:
        texts[doc["location"].split("#")[0]] += f" {doc['title']} {doc['text']}".lower()
    for playbook in library.playbooks:
        own = page_path(playbook)
        for item in playbook.body.checklist:
            for word in sorted(set(re.findall(r"[a-z]{7,}", item.text.lower()))):
                if word in texts[own] and not any(word in text for path, text in texts.items() if path != own):
                    return word, playbook
    raise AssertionError("no checklist word of 7+ letters is found on one page only")


def test_the_checklists_page_is_left_out_of_search_and_its_items_are_found_on_their_playbook(
    page: Page, site_url: str, library: Library, built_site: Path
) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "checklists/" not in locations
    assert {page_path(p) for p in library.playbooks} <= locations
    word, playbook = checklist_word(library, index)
    page.goto(site_url)
    settled(page)
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(word)
    results = page.locator(".md-search-result__item a.md-search-result__link")
    expect(results.first).to_be_attached()
    hrefs = results.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert hrefs and all(href == f"/{page_path(playbook)}" for href in hrefs), (word, hrefs)


def test_the_self_assessment_assets_load_on_its_page_only_and_work_after_instant_navigation(
    page: Page, site_url: str, library: Library, page_log: PageLog
) -> None:
    page.goto(site_url + page_path(library.playbooks[0]))
    settled(page)
    assert not [url for url in page_log.requests if ASSESSMENT_ASSETS.search(url)]
    for _ in range(2):  # there and back twice: the script sets itself up once and follows every visit
        follow(page, page.locator(".md-sidebar--primary a.md-nav__link", has_text="Self-assessment").first)
        expect(page.locator("#sa")).to_have_attribute("data-ready", "1")
        expect(page.locator("#sa .sa-vh").first).to_have_css("position", "absolute")  # its stylesheet applies
        follow(page, page.locator(".md-sidebar--primary a.md-nav__link", has_text="Glossary").first)
        expect(page.locator("#sa")).to_have_count(0)
    assert len([url for url in page_log.requests if url.endswith("/javascripts/assessment.js")]) >= 1


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>")


def test_every_script_is_deferred_and_the_page_scripts_come_before_the_theme(built_site: Path) -> None:
    """No script holds up the parser or the first paint; the order the scripts rely on is the page's own
    scripts, then the theme's bundle, then mkdocs.yml's extra_javascript."""
    for path in ("index.html", "self-assessment/index.html", "glossary/index.html"):
        html = (built_site / path).read_text(encoding="utf-8")
        external = [attrs for attrs in SCRIPT_TAG.findall(html) if "src=" in attrs]
        sources = [re.search(r'src="([^"]+)"', attrs).group(1) for attrs in external]  # type: ignore[union-attr]
        assert external and all(re.search(r"\bdefer\b", attrs) for attrs in external), (path, external)
        bundle = next(n for n, src in enumerate(sources) if "assets/javascripts/bundle." in src)
        own = [n for n, src in enumerate(sources) if re.search(r"javascripts/(assessment|progress)", src)]
        extra = [n for n, src in enumerate(sources) if re.search(r"javascripts/(checklist|tables|landmarks)\.js", src)]
        assert len(extra) == 3 and all(n > bundle for n in extra), (path, sources)
        assert all(n < bundle for n in own), (path, sources)
        if path.startswith("self-assessment"):
            assert own, sources


KEEP_STYLESHEETS = """(() => {
  const state = window.__sheets = { changed: [], parsed: null };
  new MutationObserver(records => {
    for (const record of records) {
      if (document.readyState !== "loading" && record.target.matches('link[rel~="stylesheet"]')) {
        state.changed.push(record.target.getAttribute("href"));
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["href"] });
  document.addEventListener("readystatechange", () => {
    if (document.readyState === "interactive") {
      state.parsed = Array.from(document.querySelectorAll('link[rel~="stylesheet"]'), link => link.sheet);
    }
  });
})();"""

SHEETS_KEPT = """() => {
  const links = Array.from(document.querySelectorAll('link[rel~="stylesheet"]'));
  return {
    changed: window.__sheets.changed,
    parsed: window.__sheets.parsed.length,
    kept: links.filter((link, n) => link.sheet && link.sheet === window.__sheets.parsed[n]).length,
    now: links.length,
  };
}"""


def test_the_theme_keeps_the_stylesheets_the_page_was_drawn_with(page: Page, site_url: str, library: Library) -> None:
    """The theme's instant navigation writes every relative address in full as it starts. A stylesheet whose
    address it rewrites is loaded again and the whole page restyled, on the slowest phones the longest wait of
    the page. The addresses are already full when the page is parsed, so each stylesheet stays as it was."""
    page.add_init_script(KEEP_STYLESHEETS)
    for path in ("", "self-assessment/", page_path(library.playbooks[0])):
        page.goto(site_url + path)
        settled(page)
        sheets = page.evaluate(SHEETS_KEPT)
        assert sheets["changed"] == [], (path, sheets)
        assert sheets["parsed"] == sheets["kept"] == sheets["now"] >= 4, (path, sheets)
        assert page.locator('link[rel~="stylesheet"]').evaluate_all(
            "links => links.every(link => /^https?:\\/\\//.test(link.getAttribute('href')))"
        ), path


def test_the_self_assessment_loaded_first_keeps_working_after_instant_navigation(page: Page, site_url: str) -> None:
    """Loaded in full, the page's script runs before the theme's bundle (every script is deferred, the
    page's own first). It must still follow the theme's page views: away and back by instant navigation,
    the form is set up again with the answer given before."""
    page.goto(site_url + "self-assessment/")
    settled(page)
    expect(page.locator("#sa")).to_have_attribute("data-ready", "1")
    answer = page.locator("#sa fieldset.sa-skill[data-kind='leader']").first.locator("input[value='2']")
    answer.check()
    expect(page.locator("#sa .sa-progress")).to_contain_text("1 of")
    for _ in range(2):
        follow(page, page.locator(".md-sidebar--primary a.md-nav__link", has_text="Glossary").first)
        expect(page.locator("#sa")).to_have_count(0)
        follow(page, page.locator(".md-sidebar--primary a.md-nav__link", has_text="Self-assessment").first)
        expect(page.locator("#sa")).to_have_attribute("data-ready", "1")
        expect(answer).to_be_checked()
        expect(page.locator("#sa .sa-progress")).to_contain_text("1 of")
        expect(page.locator("#sa-chart-leader svg")).to_have_count(1)


def test_navigation_sections_are_named_on_their_landmark(page: Page, site_url: str, library: Library) -> None:
    """Each named section of the sidebar is a <nav> with a name of its own; no <label> carries aria-label."""
    page.goto(site_url + page_path(library.playbooks[0]))
    settled(page)
    expect(page.locator("label[aria-label]")).to_have_count(0)
    names = page.locator(".md-sidebar--primary nav.md-nav[aria-label]").evaluate_all(
        "navs => navs.map(n => n.getAttribute('aria-label'))"
    )
    assert "Playbooks" in names and STAGES[library.playbooks[0].stage] in names, names
