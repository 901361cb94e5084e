"""The anchors a page offers, found as MkDocs finds them: rendered by Python-Markdown with the site's extensions."""

from __future__ import annotations

from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

import markdown

ALWAYS = ("toc", "tables", "fenced_code")  # MkDocs adds these to every site's extensions
SKIPPED = ("pymdownx.emoji",)  # its options are Python objects; it makes no ids


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)


def extensions(config: Mapping[str, Any] | None) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The extension names and their plain options from mkdocs.yml's markdown_extensions."""
    names: list[str] = list(ALWAYS)
    options: dict[str, dict[str, Any]] = {}
    for entry in (config or {}).get("markdown_extensions") or []:
        name, opts = (entry, {}) if isinstance(entry, str) else next(iter(dict(entry).items()), ("", {}))
        if not name or name in SKIPPED:
            continue
        if name not in names:
            names.append(name)
        plain = {k: v for k, v in dict(opts or {}).items() if isinstance(v, str | int | float | bool)}
        options[name] = plain
    return names, options


class AnchorFinder:
    """Renders pages with one configured Markdown instance and keeps each page's ids."""

    def __init__(self, config: Mapping[str, Any] | None) -> None:
        names, options = extensions(config)
        self._md = markdown.Markdown(extensions=names, extension_configs=options)

    def ids(self, text: str) -> frozenset[str]:
        """Every id (and name) the rendered page holds: headings, attr_list ids and raw HTML alike."""
        self._md.reset()
        html = self._md.convert(_without_front_matter(text))
        found = _Ids()
        found.feed(html)
        return frozenset(found.ids)


def _without_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5 :]
    return text
