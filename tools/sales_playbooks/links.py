"""Link arithmetic shared by the renderers: docs paths, page URLs and absolute links."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

from .body import LINK


def page_path(docs_uri: str) -> str:
    """The URL path of a docs page with directory URLs: 'playbooks/x.md' -> 'playbooks/x/'."""
    stem = docs_uri[:-3] if docs_uri.endswith(".md") else docs_uri
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def page_url(site_url: str, docs_uri: str) -> str:
    return site_url.rstrip("/") + "/" + page_path(docs_uri)


def resolve(target: str, from_uri: str) -> tuple[str, str] | None:
    """(docs uri, '#fragment' or '') for a relative .md link written in `from_uri`; None otherwise."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
        return None
    uri = posixpath.normpath(posixpath.join(posixpath.dirname(from_uri), parts.path))
    return uri, f"#{parts.fragment}" if parts.fragment else ""


def absolutize(markdown: str, from_uri: str, site_url: str) -> str:
    """Relative links to site pages made absolute against `site_url`."""

    def repl(match: re.Match[str]) -> str:
        found = resolve(match.group(2), from_uri)
        if found is None:
            return match.group(0)
        uri, fragment = found
        return f"[{match.group(1)}]({page_url(site_url, uri)}{fragment})"

    return LINK.sub(repl, markdown)
