"""The built site in a real browser: home, search, checklists, tags, editing, navigation, print, dark mode."""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import PageLog, at_page, nav_order, page_path, with_checklist
from page_state import follow, settled
from playwright.sync_api import Locator, Page, expect

from sales_playbooks.model import AUDIENCES, Library, Playbook

pytestmark = pytest.mark.browser


def checklist(page: Page, playbook: Playbook) -> Locator:
    return page.locator(f'.pb-checklist[data-playbook="{playbook.id}"]')


def progress(page: Page, playbook: Playbook) -> Locator:
    return checklist(page, playbook).locator(".pb-progress__text")


def items(page: Page, playbook: Playbook) -> Locator:
    return checklist(page, playbook).locator("li.task-list-item")


def boxes(page: Page, playbook: Playbook) -> Locator:
    return checklist(page, playbook).locator('input[type="checkbox"]')


def tick(item: Locator) -> None:
    """Click the drawn box of a checklist item, where a reader would click, once the checklist script has
    set the list up.

    The theme draws the box as a pseudo-element beside an empty span, so the span itself has no size. The
    page scrolls at once (the site sets no smooth scrolling), so the point measured is where the box is.
    """
    expect(item).to_have_class(re.compile(r"\bpb-item\b"))
    point = item.locator(".task-list-indicator").evaluate(
        """el => {
            el.scrollIntoView({block: "center"});
            const r = el.getBoundingClientRect();
            const s = getComputedStyle(el, "::before");
            const w = parseFloat(s.width) || r.width, h = parseFloat(s.height) || r.height;
            const x = r.left + (s.position === "absolute" ? parseFloat(s.left) || 0 : 0) + w / 2;
            const y = r.top + (s.position === "absolute" ? parseFloat(s.top) || 0 : 0) + h / 2;
            return {x, y};
        }"""
    )
    item.page.mouse.click(point["x"], point["y"])


def done(playbook: Playbook, count: int) -> str:
    return f"{count} of {len(playbook.body.checklist)} done"


def page_texts(built_site: Path) -> dict[str, str]:
    """Each page's searchable text (title and body, lower case), keyed by its path, from the search index."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts: dict[str, str] = defaultdict(str)
    for doc in index["docs"]:
        texts[doc["location"].split("#")[0]] += f" {doc['title']} {doc['text']}"
    return {path: html.unescape(re.sub(r"<[^>]+>", " ", text)).lower() for path, text in texts.items()}


def distinctive_word(library: Library, built_site: Path) -> tuple[str, Playbook]:
    """A word of 7+ letters in exactly one playbook's body, not in its title, and on no other page."""
    found_in: dict[str, set[str]] = defaultdict(set)
    for playbook in library.playbooks:
        for word in set(re.findall(r"[a-z]{7,}", playbook.body.markdown.lower())):
            found_in[word].add(playbook.id)
    texts = page_texts(built_site)
    by_id = library.by_id()
    candidates: list[tuple[str, Playbook]] = []
    for word, ids in found_in.items():
        if len(ids) != 1:
            continue
        playbook = by_id[next(iter(ids))]
        own = page_path(playbook)
        if word in playbook.title.lower() or word not in texts.get(own, ""):
            continue
        # A substring test, not a word test: the search also matches words that merely start with the query.
        if any(word in text for path, text in texts.items() if path != own):
            continue
        candidates.append((word, playbook))
    assert candidates, "no word of 7+ letters is unique to one playbook"
    return min(candidates, key=lambda c: (-len(c[0]), c[0]))


def site_pages(built_site: Path, site_url: str) -> list[str]:
    """Every page listed in the sitemap, as local URLs."""
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = [html.unescape(loc.strip()) for loc in re.findall(r"<loc>(.*?)</loc>", sitemap, flags=re.S)]
    base = urlsplit(locs[0]).path if locs else "/"
    for loc in locs:  # the shortest path is the site root
        path = urlsplit(loc).path
        base = path if len(path) < len(base) else base
    return [site_url + urlsplit(loc).path.removeprefix(base) for loc in locs]


def test_home_page_links_each_role_to_a_page_that_loads(page: Page, site_url: str) -> None:
    response = page.goto(site_url)
    assert response is not None and response.ok
    expect(page).to_have_title(re.compile("Sales Leader Playbooks"))
    cards = page.locator(".md-typeset .grid.cards > ul > li")
    expect(cards).to_have_count(len(AUDIENCES))
    hrefs: dict[str, str] = {}
    for audience in AUDIENCES:
        link = cards.locator(f'a[href$="paths/{audience}/"]')
        expect(link).to_have_count(1)
        hrefs[audience] = link.get_attribute("href") or ""
    for audience, href in hrefs.items():
        page.goto(site_url)
        follow(page, page.locator(f'.grid.cards a[href="{href}"]'))
        expect(page).to_have_url(re.compile(f"/paths/{audience}/$"))
        expect(page.locator("article h1")).to_be_visible()
        response = page.goto(page.url)
        assert response is not None and response.ok, f"{page.url} answered {response and response.status}"


def test_search_finds_a_word_unique_to_one_playbook(
    page: Page, site_url: str, library: Library, built_site: Path
) -> None:
    word, playbook = distinctive_word(library, built_site)
    page.goto(site_url)
    page.keyboard.press("/")
    search = page.locator("input.md-search__input")
    expect(search).to_be_focused()
    search.press_sequentially(word)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    # The page's own entry carries the word in ?h= only when the match is in its first part, so take a
    # visible entry that highlights the word.
    hit = results.locator(f'a.md-search-result__link:visible[href*="{page_path(playbook)}?h={word}"]').first
    expect(hit).to_be_visible()
    for href in results.locator("a.md-search-result__link").evaluate_all("links => links.map(a => a.href)"):
        assert page_path(playbook) in href, f"'{word}' should only be found in {playbook.file_name}, also in {href}"
    follow(page, hit)
    expect(page).to_have_url(re.compile(re.escape(page_path(playbook)) + r".*[?&]h="))
    marks = page.locator(".md-content article mark")
    expect(marks.first).to_be_visible()
    assert word in " ".join(marks.all_inner_texts()).lower()


def test_checklist_remembers_ticks_and_resets(page: Page, site_url: str, library: Library) -> None:
    playbook = with_checklist(library)
    page.goto(site_url + page_path(playbook))
    expect(progress(page, playbook)).to_have_text(done(playbook, 0))
    reset = checklist(page, playbook).get_by_role("button", name="Reset checklist")
    expect(reset).to_be_disabled()
    for index in (0, 2):
        tick(items(page, playbook).nth(index))
    expect(progress(page, playbook)).to_have_text(done(playbook, 2))
    ticked = [True, False, True] + [False] * (len(playbook.body.checklist) - 3)

    page.reload()
    expect(progress(page, playbook)).to_have_text(done(playbook, 2))
    assert [box.is_checked() for box in boxes(page, playbook).all()] == ticked
    stored = page.evaluate(
        "prefix => Object.keys(localStorage).filter(k => k.startsWith(prefix)).sort()",
        f"slp:checklist:{playbook.id}:",
    )
    keys = playbook.body.checklist
    assert stored == sorted(f"slp:checklist:{playbook.id}:{keys[i].key}" for i in (0, 2))

    reset.click()
    expect(progress(page, playbook)).to_have_text(done(playbook, 0))
    assert not any(box.is_checked() for box in boxes(page, playbook).all())
    page.reload()
    expect(progress(page, playbook)).to_have_text(done(playbook, 0))
    assert not any(box.is_checked() for box in boxes(page, playbook).all())


def test_clicking_the_item_text_ticks_it(page: Page, site_url: str, library: Library) -> None:
    playbook = with_checklist(library)
    page.goto(site_url + page_path(playbook))
    expect(progress(page, playbook)).to_have_text(done(playbook, 0))  # the script has set the list up
    item = items(page, playbook).first
    box = item.locator('input[type="checkbox"]')
    label = item.locator("label.task-list-control").bounding_box()
    item_box = item.bounding_box()
    assert label is not None and item_box is not None
    # A point on the words, to the right of the box.
    text_point = {"x": label["x"] + label["width"] + 30 - item_box["x"], "y": item_box["height"] / 2}
    item.click(position=text_point)
    expect(box).to_be_checked()
    expect(progress(page, playbook)).to_have_text(done(playbook, 1))
    item.click(position=text_point)
    expect(box).not_to_be_checked()
    expect(progress(page, playbook)).to_have_text(done(playbook, 0))


def test_tags_index_and_tag_chips(page: Page, site_url: str, library: Library) -> None:
    playbook = with_checklist(library)
    tag = playbook.tags[0]
    page.goto(site_url + "tags/")
    settled(page)
    page.locator(f'.md-sidebar--secondary a.md-nav__link[href$="#tag:{tag}"]').click()  # same page: scrolls at once
    expect(page).to_have_url(re.compile(f"tags/#tag:{re.escape(tag)}$"))
    listed = page.locator(f'h2[id="tag:{tag}"] + ul a[href$="{page_path(playbook)}"]')
    expect(listed).to_be_visible()
    follow(page, listed)
    expect(page).to_have_url(at_page(playbook))

    chips = page.locator("article nav.md-tags a.md-tag")
    expect(chips).to_have_text(sorted(library.tag_label(t) for t in playbook.tags))  # labels, not the slugs
    follow(page, page.locator("article nav.md-tags a.md-tag", has_text=library.tag_label(tag)))
    settled(page)  # the theme's anchor tracking has had its say about the address
    expect(page).to_have_url(re.compile(f"tags/#tag:{re.escape(tag)}$"))
    expect(page.locator(f'h2[id="tag:{tag}"]')).to_be_in_viewport()


def test_edit_this_page_opens_the_playbook_source(
    page: Page, site_url: str, library: Library, built_site: Path
) -> None:
    playbook = with_checklist(library)
    page.goto(site_url + page_path(playbook))
    edit = page.locator('article a.md-content__button[rel="edit"]')
    expect(edit).to_be_visible()
    href = edit.get_attribute("href") or ""
    assert href.endswith(f"/edit/main/playbooks/{playbook.file_name}"), href
    for other in library.playbooks:  # and every other playbook page, from the built HTML
        text = (built_site / page_path(other) / "index.html").read_text(encoding="utf-8")
        assert f'/edit/main/playbooks/{other.file_name}"' in text, f"{page_path(other)} edit link is wrong"
        assert "/edit/main/docs/playbooks/" not in text


def test_instant_navigation_keeps_checklists_working(page: Page, site_url: str, library: Library) -> None:
    first, second = nav_order(library)[:2]
    page.goto(site_url + "playbooks/")
    page.evaluate("window.__sameDocument = true")
    for playbook in (first, second):
        follow(page, page.locator("a.md-footer__link--next"))
        expect(page).to_have_url(at_page(playbook))
        expect(progress(page, playbook)).to_have_text(done(playbook, 0))
        tick(items(page, playbook).first)
        expect(progress(page, playbook)).to_have_text(done(playbook, 1))
        expect(page.locator(".pb-progress")).to_have_count(1)
    assert page.evaluate("window.__sameDocument === true"), "the navigation reloaded the page"


def test_print_layout_and_pdf(page: Page, site_url: str, library: Library) -> None:
    playbook = with_checklist(library)
    page.goto(site_url + page_path(playbook))
    tick(items(page, playbook).first)
    expect(boxes(page, playbook).first).to_be_checked()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".pb-progress"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("article h1")).to_be_visible()
    indicator = items(page, playbook).nth(1).locator(".task-list-indicator")
    expect(indicator).to_be_visible()
    style = indicator.evaluate(
        "el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();"
        " return {width: s.borderTopWidth, style: s.borderTopStyle, color: s.borderTopColor,"
        " w: r.width, h: r.height}; }"
    )
    assert style["style"] == "solid" and float(style["width"].removesuffix("px")) >= 1, style
    assert style["w"] >= 8 and style["h"] >= 8, style
    ticked_box = items(page, playbook).first.locator(".task-list-indicator")
    assert "\u2713" in ticked_box.evaluate("el => getComputedStyle(el, '::after').content")

    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages >= 1, "the PDF has no page"


PALETTE_STATE = """() => ({
  scheme: document.body.getAttribute("data-md-color-scheme"),
  accent: document.body.getAttribute("data-md-color-accent"),
  colorScheme: (document.querySelector('meta[name="color-scheme"]') || {}).content,
  themeColor: (document.querySelector('meta[name="theme-color"]') || {}).content,
  header: getComputedStyle(document.querySelector("[data-md-component=header]")).backgroundColor,
  switching: document.body.hasAttribute("data-md-color-switching"),
  kept: Object.keys(localStorage)
    .filter(key => key.endsWith(".__palette"))
    .map(key => JSON.parse(localStorage[key]).index),
})"""


def palette(page: Page) -> dict[str, object]:
    return page.evaluate(PALETTE_STATE)  # type: ignore[no-any-return]


def hex_colour(rgb: object) -> str:
    return "#" + "".join(f"{int(part):02x}" for part in re.findall(r"\d+", str(rgb))[:3])


def test_dark_mode_toggle(page: Page, site_url: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(site_url)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    expect(page.get_by_title("Switch to light mode")).to_be_hidden()
    state = palette(page)
    assert state["colorScheme"] == "light" and state["kept"] == [], state
    expect(page.locator('meta[name="theme-color"]')).to_have_attribute("content", hex_colour(state["header"]))
    page.get_by_title("Switch to dark mode").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(body).to_have_attribute("data-md-color-accent", "amber")
    expect(body).not_to_have_attribute("data-md-color-switching", "")  # the theme's transitions come back
    state = palette(page)
    assert state["colorScheme"] == "dark" and state["kept"] == [1], state
    assert state["themeColor"] == hex_colour(state["header"]), state  # set with the colours on a pick
    expect(page.get_by_title("Switch to dark mode")).to_be_hidden()
    follow(page, page.locator("article a", has_text="All playbooks").first)
    expect(body).to_have_attribute("data-md-color-scheme", "slate")  # the choice holds across pages
    expect(page.get_by_title("Switch to light mode")).to_be_visible()
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.get_by_title("Switch to light mode")).to_be_visible()
    page.get_by_title("Switch to light mode").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    assert palette(page)["kept"] == [0]


def test_dark_mode_follows_the_device_until_the_reader_picks(page: Page, site_url: str) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(site_url)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")  # from the first paint: no flash of light
    expect(page.get_by_title("Switch to light mode")).to_be_visible()
    state = palette(page)
    assert state["colorScheme"] == "dark" and state["kept"] == [], state  # nothing is kept until the reader picks
    page.emulate_media(color_scheme="light")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    expect(page.get_by_title("Switch to dark mode")).to_be_visible()
    page.get_by_title("Switch to dark mode").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.emulate_media(color_scheme="light")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")  # the reader's pick outranks the device
    settled(page)
    page.locator("#__palette_1").focus()
    page.keyboard.press("Enter")  # as with the theme, Enter on the toggle switches
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    expect(page.locator("#__palette_0")).to_be_focused()
    assert palette(page)["kept"] == [0]


def test_all_checklists_page_shares_ticks_with_playbook_pages(page: Page, site_url: str, library: Library) -> None:
    page.goto(site_url + "checklists/")
    lists = page.locator(".pb-checklist")
    expect(lists).to_have_count(len(library.playbooks))
    assert sorted(lists.evaluate_all("els => els.map(e => e.dataset.playbook)")) == sorted(
        p.id for p in library.playbooks
    )
    for playbook in library.playbooks:
        expect(progress(page, playbook)).to_have_text(done(playbook, 0))
    playbook = nav_order(library)[-1]
    tick(items(page, playbook).nth(1))
    expect(progress(page, playbook)).to_have_text(done(playbook, 1))

    # The list of this playbook on the page left behind reads the same, so wait for the new page itself.
    follow(page, checklist(page, playbook).locator("xpath=preceding-sibling::h3[1]").locator("a:not(.headerlink)"))
    expect(page).to_have_url(at_page(playbook))
    expect(progress(page, playbook)).to_have_text(done(playbook, 1))
    expect(boxes(page, playbook).nth(1)).to_be_checked()
    expect(boxes(page, playbook).first).not_to_be_checked()


def test_every_page_loads_without_errors_or_other_hosts(
    page: Page, page_log: PageLog, site_url: str, built_site: Path
) -> None:
    urls = site_pages(built_site, site_url)
    assert len(urls) >= 10, urls
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.ok, f"{url} answered {response and response.status}"
        expect(page.locator("article h1").first).to_be_visible()
        settled(page)  # everything the page loads after its load event is in the log before the next one
    assert not page_log.console_errors and not page_log.page_errors, page_log.problems()
    assert page_log.requests, "no request was recorded"
    assert page_log.foreign_requests() == []


def test_mobile_layout_has_no_sideways_scroll(page: Page, site_url: str, library: Library) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("", page_path(with_checklist(library)), "checklists/", "tags/"):
        page.goto(site_url + path)
        settled(page)  # the layout the scripts leave, not the one they start from
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path or 'home'} scrolls sideways by {overflow}px at 390px wide"
