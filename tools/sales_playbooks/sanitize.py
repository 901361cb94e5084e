"""HTML made safe for the site: plain-text fields escaped where they enter a page."""

from __future__ import annotations


def as_text(value: str) -> str:
    """A plain-text field (a title, a summary) as Markdown or HTML text: no tag can start in it."""
    return value.replace("<", "&lt;").replace(">", "&gt;")


def as_attribute(value: str) -> str:
    """A plain-text field as a double-quoted HTML attribute value (a page's meta description)."""
    return as_text(value).replace('"', "&quot;")
