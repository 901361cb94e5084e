"""Link arithmetic shared by the renderers: docs paths, page URLs and absolute links."""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from .markdown import Edit, Parsed, apply_edits


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


def link_edits(parsed: Parsed, from_uri: str, site_url: str) -> list[Edit]:
    """Edits that make each relative link to a site page absolute: inline links and reference definitions."""
    edits: list[Edit] = []
    for target in parsed.targets():
        if target.kind not in ("link", "definition") or target.dest is None:
            continue
        found = resolve(target.href, from_uri)
        if found is not None:
            uri, fragment = found
            edits.append((target.dest[0], target.dest[1], page_url(site_url, uri) + fragment))
    return edits


def absolutize(markdown: str, from_uri: str, site_url: str) -> str:
    """Relative links to site pages made absolute against `site_url`."""
    edits = link_edits(Parsed(markdown), from_uri, site_url)
    return apply_edits(markdown, 0, len(markdown), edits)
