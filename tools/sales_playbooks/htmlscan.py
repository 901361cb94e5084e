"""Unsafe HTML found by parsing it (the standard html.parser, entities decoded): elements, handlers, URLs, styles.

`scan_html` reads a fragment as a browser would read it and returns each finding at its offset in the
fragment: an element that runs or loads code, an `on…` handler, a URL attribute whose scheme can run
script once whitespace, control characters and entities are gone, a style that runs script. Comments
are not markup, but a comment closed the way a browser closes it (`<!-->`, `--!>`) or a CDATA section
(a comment to a browser, ended by the first `>`) is read on from where the browser reads on.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

BAD_SCHEMES = ("javascript", "vbscript", "data", "livescript")
SCRIPT_ELEMENTS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "portal"})
PAGE_ELEMENTS = frozenset({"base", "link", "meta"})  # change how the whole page loads or where it goes
REFUSED: dict[str, str] = {
    **{tag: "it could run code in a reader's browser" for tag in SCRIPT_ELEMENTS},
    **{tag: "it changes how the whole page loads" for tag in PAGE_ELEMENTS},
    "style": "a style sheet can run script in some browsers and restyle the whole site; use the site's styles",
    "svg": "inline SVG can carry script; add the picture as an image file instead",
    "math": "inline MathML can hide markup from the checks; write the formula in words or as an image",
}
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "poster",
        "background",
        "cite",
        "data",
        "codebase",
        "longdesc",
        "lowsrc",
        "dynsrc",
        "usemap",
        "manifest",
        "icon",
        "profile",
        "classid",
        "archive",
    }
)
LIST_URL_ATTRIBUTES = frozenset({"srcset", "imagesrcset", "ping"})
CSS_DANGERS = ("expression(", "javascript:", "vbscript:", "-moz-binding", "behavior:", "@import")
# An attribute inside a start tag, read as html.parser reads it (name, then an optional value).
ATTRIBUTE = re.compile(r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*""")
TAG_NAME = re.compile(r"<[a-zA-Z][^\t\n\r\f />\x00]*")
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)")
CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
TAG_OPEN = re.compile(r"<[A-Za-z/!?]")  # what starts a tag, an end tag, a comment or a declaration


@dataclass(frozen=True)
class Finding:
    offset: int  # in the fragment given to scan_html
    code: str  # "unsafe-html" or "unsafe-url"
    message: str


def markup_in(text: str) -> str | None:
    """Why a plain-text field cannot be shown as it is: it holds a tag, or a tag written as entities."""
    seen = text
    for round_ in range(3):
        match = TAG_OPEN.search(seen)
        if match:
            glimpse = seen[match.start() : match.start() + 12].split("\n")[0]
            how = "HTML" if round_ == 0 else "HTML written as entities"
            return f"it holds {how} ('{glimpse}'); it is plain text wherever it is shown: write it without tags"
        decoded = html.unescape(seen)
        if decoded == seen:
            return None
        seen = decoded
    return None


def squeezed(value: str) -> str:
    """A URL or style as a browser compares it: without whitespace or control characters, lowercase."""
    return "".join(ch for ch in value if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")).lower()


def bad_scheme(url: str) -> str | None:
    """The script-capable scheme a URL (entities already decoded) starts with, if any."""
    if ":" not in url:
        return None
    plain = url.lower() if url.isascii() and url.isprintable() and " " not in url else squeezed(url)
    for scheme in BAD_SCHEMES:
        if plain.startswith(scheme + ":"):
            return scheme
    return None


def scheme_message(scheme: str) -> str:
    return f"'{scheme}:' links are not allowed: they can run script"


def css_danger(style: str) -> str | None:
    """What in a style (a `style` attribute) could run script, once escapes and comments are gone."""

    def unescape(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code < 0x110000 else ""
        return match.group(2)

    plain = squeezed(CSS_ESCAPE.sub(unescape, CSS_COMMENT.sub("", style)))
    return next((danger for danger in CSS_DANGERS if danger in plain), None)


def attribute_finding(name: str, value: str | None) -> tuple[str, str] | None:
    """(code, message) when one attribute could run script; None when it is harmless."""
    name = name.lower()
    if name.startswith("on"):
        return "unsafe-html", f"the '{name}' attribute is not allowed: it runs script"
    if name == "srcdoc":
        return "unsafe-html", "the 'srcdoc' attribute is not allowed: it holds a whole page"
    if value is None:
        return None
    if name == "style":
        danger = css_danger(value)
        return ("unsafe-html", f"this style holds '{danger}', which can run script") if danger else None
    urls = [value] if name in URL_ATTRIBUTES else []
    if name in LIST_URL_ATTRIBUTES:
        urls = [part.strip().split(" ")[0] for part in re.split(r",|\s(?=\S)", value) if part.strip()]
    for url in urls:
        scheme = bad_scheme(url)
        if scheme:
            return "unsafe-url", scheme_message(scheme)
    return None


class _Scanner(HTMLParser):
    def __init__(self, fragment: str, findings: list[Finding]) -> None:
        super().__init__(convert_charrefs=True)
        self.fragment, self.findings = fragment, findings
        self.starts = [0, *(m.end() for m in re.finditer("\n", fragment))]

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col if line - 1 < len(self.starts) else len(self.fragment)

    def _add(self, offset: int, code: str, message: str) -> None:
        self.findings.append(Finding(offset, code, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        if tag in REFUSED:
            self._add(start, "unsafe-html", f"<{tag}> is not allowed: {REFUSED[tag]}")
            return
        text = self.get_starttag_text() or ""
        name = TAG_NAME.match(text)
        places = list(ATTRIBUTE.finditer(text, name.end() if name else 0))
        for index, (key, value) in enumerate(attrs):
            found = attribute_finding(key, value)
            if found is None:
                continue
            where = places[index] if len(places) == len(attrs) else None
            at = 0
            if where is not None:
                at = where.start(1)
                if found[0] == "unsafe-url" and where.group(3) is not None:
                    at = where.start(3) + (1 if where.group(3)[:1] in "'\"" and where.group(3) else 0)
            self._add(start + at, *found)

    handle_startendtag = handle_starttag


class _Depth(HTMLParser):
    """How many elements are open at each offset asked about (void elements never count)."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.starts = [0, *(m.end() for m in re.finditer("\n", fragment))]
        self.changes: list[tuple[int, int]] = []  # (offset, open elements from there on)
        self.open: list[str] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.open.append(tag)
            self.changes.append((self._offset(), len(self.open)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]
            self.changes.append((self._offset(), len(self.open)))


def open_elements(fragment: str, offsets: list[int]) -> list[int]:
    """For each offset, how many HTML elements of the fragment are open there (0: outside any element)."""
    depth = _Depth(as_a_browser_reads(fragment))
    depth.feed(as_a_browser_reads(fragment))
    depth.close()
    found = []
    for offset in offsets:
        before = [count for at, count in depth.changes if at <= offset]
        found.append(before[-1] if before else 0)
    return found


def as_a_browser_reads(fragment: str) -> str:
    """The fragment with the comment forms html.parser reads differently from a browser rewritten, same length.

    A browser ends a comment at `<!-->`, `<!--->` and `--!>`, and reads `<![CDATA[` in HTML as a comment
    that the first `>` ends; html.parser would read on to the next `-->` or `]]>` and miss what lies between.
    """
    for old, new in (("<!--->", "   -->"), ("<!-->", "  -->"), ("--!>", " -->"), ("<![", "<!-")):
        fragment = fragment.replace(old, new)
    return fragment


def scan_html(fragment: str) -> list[Finding]:
    """Every place in an HTML fragment that could run script, in order."""
    findings: list[Finding] = []
    if "<" not in fragment:
        return findings
    text = as_a_browser_reads(fragment)
    # A tag left open at the end still takes its attributes in a browser, which reads on into what follows.
    if text.rstrip().rfind("<") > text.rstrip().rfind(">"):
        text += ">"
    scanner = _Scanner(text, findings)
    scanner.feed(text)
    scanner.close()
    return sorted(findings, key=lambda f: f.offset)
