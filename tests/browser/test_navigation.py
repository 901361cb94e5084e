"""The sidebar in a real browser: Playbooks holds the index and one section per stage, in the journey's order.

The theme prunes the sidebar (navigation.prune): a page lists the playbooks of its own stage, and each other
stage is one link, to its first playbook, so a page stays light however many playbooks there are.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import at_page, nav_order, page_path
from page_state import follow
from playwright.sync_api import Page, expect

from sales_playbooks.model import STAGES, Library
from sales_playbooks.render_page import by_stage

pytestmark = pytest.mark.browser

SECTIONS = """() => {
  const side = document.querySelector(".md-sidebar--primary");
  const head = [...side.querySelectorAll(".md-nav__container > a")].find(a => a.textContent.trim() === "Playbooks");
  const items = [...head.closest("li").querySelector(":scope > nav > ul").children];
  return {
    index: new URL(head.href).pathname,
    stages: items.filter(li => li.classList.contains("md-nav__item--nested")).map(li => {
      const pruned = li.classList.contains("md-nav__item--pruned");
      const head = li.querySelector(pruned ? ":scope > a" : ":scope > label");
      return {
        title: head.querySelector(".md-ellipsis").textContent.trim(),
        link: pruned ? new URL(head.href).pathname : null,
        pages: [...li.querySelectorAll(":scope > nav a.md-nav__link:not([href*='#'])")]
          .map(a => new URL(a.href).pathname),
      };
    }),
  };
}"""


def test_the_sidebar_groups_the_playbooks_by_stage(page: Page, site_url: str, library: Library) -> None:
    current = nav_order(library)[-1]  # in the last stage, so the earlier ones start folded
    page.goto(site_url + page_path(current))
    found: dict[str, Any] = page.evaluate(SECTIONS)
    assert found["index"] == "/playbooks/"
    expected = [
        {
            "title": STAGES[stage],
            "link": None if stage == current.stage else f"/{page_path(items[0])}",
            "pages": [f"/{page_path(p)}" for p in items] if stage == current.stage else [],
        }
        for stage, items in by_stage(library.playbooks).items()
    ]
    assert found["stages"] == expected, "the page's own stage lists its playbooks; each other stage is one link"
    sidebar = page.locator(".md-sidebar--primary")
    expect(sidebar.locator(f'a.md-nav__link--active[href$="{page_path(current).split("/")[-2]}/"]')).to_be_visible()
    first = nav_order(library)[0]
    follow(page, sidebar.locator(".md-nav__item--pruned > a.md-nav__link", has_text=STAGES[first.stage]))
    expect(page).to_have_url(at_page(first))
    expect(sidebar.locator(f'a.md-nav__link--active[href$="{page_path(first).split("/")[-2]}/"]')).to_be_visible()
