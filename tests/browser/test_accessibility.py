"""Accessibility of the built site, checked by axe-core in Chromium: no violation of any impact.

axe-core comes bundled with axe-playwright-python, so nothing is fetched. Every check runs with every
rule axe enables by default; a failure lists each violation with the elements it found and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_support import page_path, with_checklist
from page_state import settled
from playwright.sync_api import Page, expect

from sales_playbooks.model import Library

pytestmark = pytest.mark.browser

# Every impact fails a test, minor ones too: the issue asks for no serious or critical violation, and the
# site has none of the others either, so any new one is a regression.
BLOCKING = ("minor", "moderate", "serious", "critical")
SCHEMES = {"light": "default", "dark": "slate"}
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}
SEARCH_WORD = "coaching"

_axe = Axe()


def blocking_violations(page: Page) -> list[dict[str, Any]]:
    """axe's violations on the page as it is now."""
    results = _axe.run(page)
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING]


def report(where: str, violations: list[dict[str, Any]]) -> str:
    """Each violation: the rule, its impact and help, then every element it flags and the reason."""
    lines = [f"{len(violations)} accessibility violation(s) on {where}:"]
    for v in violations:
        lines.append("")
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']}")
        lines.append(f"    {v['helpUrl']}")
        for node in v["nodes"]:
            target = " > ".join(str(t) for t in node["target"])
            lines.append(f"  - {target}")
            lines.append(f"      {' '.join(node['html'].split())[:240]}")
            for reason in (node.get("failureSummary") or "").splitlines():
                if reason.strip():
                    lines.append(f"      {reason.strip()}")
    return "\n".join(lines)


def open_in(page: Page, url: str, scheme: str, viewport: dict[str, int]) -> None:
    """Load the page in the given colour scheme and size, and wait for the theme and scripts to settle."""
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    settled(page)
    for checklist in page.locator(".pb-checklist").all():
        expect(checklist.locator(".pb-progress")).to_have_count(1)


def assert_accessible(page: Page, where: str) -> None:
    violations = blocking_violations(page)
    assert not violations, report(where, violations)


def _playbook(library: Library) -> str:
    return page_path(with_checklist(library))


PAGES: dict[str, Callable[[Library], str]] = {
    "home": lambda _: "",
    "playbook": _playbook,
    "playbooks index": lambda _: "playbooks/",
    "checklists": lambda _: "checklists/",
    "glossary": lambda _: "glossary/",
    "tags": lambda _: "tags/",
    "sources": lambda _: "sources/",
    "reading path": lambda _: "paths/new-manager/",
    "what's new": lambda _: "whats-new/",
    "owners": lambda _: "owners/",
    "print page of the library": lambda _: "print/sales-leader-playbooks/",
}


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_violation(page: Page, site_url: str, library: Library, name: str, scheme: str) -> None:
    url = site_url + PAGES[name](library)
    open_in(page, url, scheme, DESKTOP)
    assert_accessible(page, f"{name} ({url}, {scheme})")


@pytest.mark.parametrize("name", list(PAGES))
def test_page_on_a_phone_has_no_violation(page: Page, site_url: str, library: Library, name: str) -> None:
    url = site_url + PAGES[name](library)
    open_in(page, url, "light", MOBILE)
    assert_accessible(page, f"{name} ({url}, 390px wide)")


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_typed_search_results_have_no_violation(page: Page, site_url: str, scheme: str) -> None:
    open_in(page, site_url, scheme, DESKTOP)
    page.keyboard.press("/")
    search = page.locator("input.md-search__input")
    expect(search).to_be_focused()
    search.press_sequentially(SEARCH_WORD)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    # Each letter typed is a search of its own: wait for the results of the whole word, not of a prefix.
    whole_word = page.locator(".md-search-result mark", has_text=re.compile(f"^{SEARCH_WORD}$", re.IGNORECASE))
    expect(whole_word.first).to_be_visible()
    settled(page)
    assert_accessible(page, f"the search results for '{SEARCH_WORD}' ({scheme})")


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_shared_search_link_and_highlighted_page_have_no_violation(
    page: Page, site_url: str, library: Library, scheme: str
) -> None:
    # A shared search link (?q=) opens the search with its results showing.
    open_in(page, f"{site_url}?q={SEARCH_WORD}", scheme, DESKTOP)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert_accessible(page, f"the shared search link ?q={SEARCH_WORD} ({scheme})")
    # A result opens its page with the matches highlighted (?h=).
    url = f"{site_url}{_playbook(library)}?h={SEARCH_WORD}"
    open_in(page, url, scheme, DESKTOP)
    expect(page.locator(".md-content article mark").first).to_be_visible()
    assert_accessible(page, f"a search hit with highlights ({url}, {scheme})")
