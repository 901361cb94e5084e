"""Waiting for the states a page of the site goes through (started, at rest, arrived), never for time.

The theme does some of its work after the page has loaded and after each scroll: it reads the sitemap
(until then, instant navigation does not take clicks and a link reloads the page), it starts the
search, and 100 ms and 250 ms after the last scroll it writes the scroll position and the heading in
view into the history entry. A click on a link while those writes are pending lets them land on the
new entry, and the new page then opens at the old page's scroll position instead of its anchor. So a
test waits for the page to be settled before it follows a link or judges the whole page, and for the
new page to have arrived (not just for the address to change: the theme changes it before it fetches
the page) before it looks at it.

`STATE_SCRIPT` runs in every page before the site's own scripts and keeps that state in `window.__slp`.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page

# The theme's longest reaction to a scroll is 250 ms (anchor tracking); the position is written at
# 100 ms. A timer started after the scroll event has reached the theme and due later than both runs
# after both, however slowly the machine runs timers: this is an order of events, not a guess of speed.
QUIET_MS = 300

# What the theme's search says until its index is built ("search.result.initializer", English).
SEARCH_INITIALIZING = "Initializing search"

STATE_SCRIPT = (
    r"""
(() => {
  if (window.__slp) { return; }
  const state = window.__slp = { documents: 0, sitemap: false, quiet: false, view: "" };
  // The theme parses the sitemap with DOMParser and hands it to instant navigation in the same turn.
  const parse = DOMParser.prototype.parseFromString;
  DOMParser.prototype.parseFromString = function (text, type) {
    const parsed = parse.call(this, text, type);
    if (parsed && parsed.documentElement && parsed.documentElement.localName === "urlset") {
      state.sitemap = true;
    }
    return parsed;
  };
  let timer = null;
  // A scroll moves the page at once but its event comes with the next frame: the view at the last event
  // is kept, and a view that differs from it means an event still to come.
  function view() { return [window.scrollX, window.scrollY, window.innerWidth, window.innerHeight].join(" "); }
  function restless() {
    state.quiet = false;
    state.view = view();
    window.clearTimeout(timer);
    timer = window.setTimeout(() => { state.quiet = true; }, QUIET_MS);
  }
  state.atRest = () => state.quiet && state.view === view();
  // Registered after the theme's own listeners (its script has run by now), so ours run after theirs.
  document.addEventListener("DOMContentLoaded", () => {
    window.addEventListener("scroll", restless, { passive: true });
    window.addEventListener("resize", restless, { passive: true });
    restless();
    if (window.document$ && typeof window.document$.subscribe === "function") {
      // Subscribed after the theme and the site's scripts: counts a page once all of them have run on it.
      window.document$.subscribe(() => { state.documents += 1; restless(); });
    }
  }, { once: true });
})();
"""
).replace("QUIET_MS", str(QUIET_MS))

_SETTLED = """initializing => {
  const state = window.__slp;
  if (!state || state.documents === 0 || !state.sitemap || !state.atRest()) { return false; }
  const meta = document.querySelector(".md-search-result__meta");
  if (meta && meta.textContent.trim() === initializing) { return false; }
  return document.getAnimations().every(a => a.playState !== "running"
    || (a.effect !== null && a.effect.getComputedTiming().endTime === Infinity));
}"""


def settled(page: Page) -> None:
    """Wait until the page has done what it does on its own: the theme and the site's scripts have run on
    it, the sitemap and the search index are loaded, the theme has recorded the last scroll, and no
    (finite) animation or transition is running."""
    page.wait_for_function(_SETTLED, arg=SEARCH_INITIALIZING)


def pages_shown(page: Page) -> int:
    """How many pages this document has shown so far: 1 after a load, one more per instant navigation."""
    return int(page.evaluate("window.__slp ? window.__slp.documents : 0"))


def follow(page: Page, link: Locator) -> None:
    """Click a link to another page of the site the way a reader does (the link in view, the page at rest)
    and wait until instant navigation has put the new page in place and its scripts have run."""
    link.scroll_into_view_if_needed()
    settled(page)
    before = pages_shown(page)
    link.click()
    page.wait_for_function("before => window.__slp.documents > before", arg=before)
