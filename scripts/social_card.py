"""Make docs/assets/social-card.png (the link-preview image) from social-card.svg beside it, with Chromium.

Run once after changing the SVG, and commit both: the site build only copies the PNG, and fetches nothing.
    .venv/bin/python scripts/social_card.py
"""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import sync_playwright

ASSETS = Path(__file__).resolve().parent.parent / "docs" / "assets"
WIDTH, HEIGHT = 1200, 630


def main() -> None:
    svg = (ASSETS / "social-card.svg").read_text(encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.set_content(f'<html><body style="margin:0">{svg}</body></html>')
        page.screenshot(path=str(ASSETS / "social-card.png"), clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT})
        browser.close()
    print(f"wrote {ASSETS / 'social-card.png'}")


if __name__ == "__main__":
    main()
