"""HTML made safe for the site: plain-text fields escaped, and playbook pages through an allow-list (nh3).

`validate` refuses unsafe HTML before anything is built; this is the second layer, for whatever it
missed or a build that skipped it. The allow-list keeps what the generated pages need: task lists
and the checklist boxes (docs/javascripts/checklist.js), the self-assessment (assessment.js and its
data-* and aria-* attributes), admonitions, tables with their alignment, heading permalinks, buttons,
<time>, icons. Links and images keep http, https, mailto and relative URLs only. Everything else
goes: script and style with their content, iframes, objects, handlers, forms. Comments stay, inert.
"""

from __future__ import annotations

import re

import nh3

TAGS = frozenset(
    {
        *("a", "abbr", "b", "blockquote", "br", "button", "caption", "code", "col", "colgroup", "dd", "del"),
        *("details", "div", "dl", "dt", "em", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4"),
        *("h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "legend", "li", "mark", "noscript"),
        *("ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup"),
        *("table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var"),
        *("svg", "path"),  # icons from shortcodes such as :material-check:
    }
)
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "dir", "hidden", "role"},
    "a": {"href", "download", "type"},  # a PDF link: `type` and `download` say what it is
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "checked", "disabled", "name", "value"},
    "button": {"type", "disabled"},
    "label": {"for"},
    "time": {"datetime"},
    "th": {"scope", "colspan", "rowspan", "style"},
    "td": {"colspan", "rowspan", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "details": {"open"},
    "svg": {"viewBox", "xmlns", "width", "height", "fill"},
    "path": {"d", "fill", "fill-rule", "clip-rule"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
STYLES = frozenset({"text-align"})  # table column alignment
# The site's own classes: admonition kinds, task lists, permalinks, buttons, the home page's cards, icons.
CLASSES = frozenset(
    {
        *("admonition", "admonition-title", "note", "abstract", "summary", "tldr", "info", "todo", "tip"),
        *("hint", "important", "success", "check", "done", "question", "help", "faq", "warning", "caution"),
        *("attention", "failure", "fail", "missing", "danger", "error", "bug", "example", "quote", "cite"),
        *("task-list", "task-list-item", "task-list-control", "task-list-indicator", "headerlink", "toclink"),
        *("md-button", "md-button--primary", "grid", "cards", "card", "twemoji", "lg", "middle", "sa"),
    }
)
CLASS_PREFIXES = ("pb-", "sa-", "language-")
INPUT_TYPES = frozenset({"checkbox", "radio"})
BUTTON_TYPES = frozenset({"button", "reset"})
CLASS_NAME = re.compile(r"[A-Za-z][\w-]*\Z")


def _attribute(element: str, attribute: str, value: str) -> str | None:
    """Values the allow-list keeps: known classes only, no theme hooks (data-md-*), harmless input types."""
    if attribute == "class":
        kept = [c for c in value.split() if CLASS_NAME.match(c) and (c in CLASSES or c.startswith(CLASS_PREFIXES))]
        return " ".join(kept) or None
    if attribute.startswith("data-md"):
        return None
    if element == "input" and attribute == "type":
        return value if value.lower() in INPUT_TYPES else None
    if element == "button" and attribute == "type":
        return value if value.lower() in BUTTON_TYPES else None
    return value


CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    attribute_filter=_attribute,
    generic_attribute_prefixes={"aria-", "data-"},
    url_schemes=set(URL_SCHEMES),
    filter_style_properties=set(STYLES),
    link_rel=None,
    strip_comments=False,  # a comment is inert text; the home page keeps its marker for the most-discussed list
)


def sanitize_html(html: str) -> str:
    """A page's content HTML with everything outside the allow-list removed."""
    return CLEANER.clean(html)


def as_text(value: str) -> str:
    """A plain-text field (a title, a summary) as Markdown or HTML text: no tag can start in it."""
    return value.replace("<", "&lt;").replace(">", "&gt;")


def as_attribute(value: str) -> str:
    """A plain-text field as a double-quoted HTML attribute value (a page's meta description)."""
    return as_text(value).replace('"', "&quot;")
