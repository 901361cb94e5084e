"""The unsafe-HTML check: HTML read as a browser reads it, every link target, attribute lists, exact places."""

from __future__ import annotations

import markdown
import pytest

from sales_playbooks.htmlscan import bad_scheme, css_danger, scan_html
from sales_playbooks.unsafe import unsafe_html

# The site's Markdown extensions that decide what reaches a page as HTML (mkdocs.yml, less the emoji index).
SITE_EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
]


def found(text: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.code) for p in unsafe_html("x.md", text, 1)]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " \t\njavascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x01javascript:alert(1)",
        "java\u200bscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "data:image/svg+xml,<svg onload=alert(1)>",
    ],
)
def test_script_schemes_are_found_whatever_hides_them(url: str) -> None:
    assert bad_scheme(url) is not None


@pytest.mark.parametrize("url", ["https://example.org/javascript:x", "other.md#javascript", "mailto:a@example.org", ""])
def test_ordinary_urls_pass(url: str) -> None:
    assert bad_scheme(url) is None


def test_styles_that_run_script_are_found_through_escapes_and_comments() -> None:
    assert css_danger("width: expression(alert(1))") == "expression("
    assert css_danger("background: url(java\\73 cript:alert(1))") == "javascript:"
    assert css_danger("background: url(jav/**/ascript:alert(1))") == "javascript:"
    assert css_danger("color: red; margin: 0 auto") is None


@pytest.mark.parametrize(
    ("fragment", "offset", "code"),
    [
        ('<div\n  onclick="go()">', 7, "unsafe-html"),
        ('<a href="jav&#x61;script:go()">', 9, "unsafe-url"),
        ('<a href="java&Tab;script:go()">', 9, "unsafe-url"),
        ('<a class="x"\n   HREF="JavaScript:go()">', 22, "unsafe-url"),
        ("<IMG SRC=x OnError=go()>", 11, "unsafe-html"),
        ("<svg/onload=go()>", 0, "unsafe-html"),
        ("<a/onclick=go()>", 3, "unsafe-html"),
        ('<img src=x onerror="go()" "b">', 11, "unsafe-html"),
        ('<img srcset="a.png 1x, javascript:go() 2x">', 13, "unsafe-url"),
        ('<form action="vbscript:go()">', 14, "unsafe-url"),
        ('<button formaction="javascript:go()">', 20, "unsafe-url"),
        ('<div style="background:url(javascript:go())">', 5, "unsafe-html"),
        ("<style>p { color: red }</style>", 0, "unsafe-html"),
        ("<iframe srcdoc='x'></iframe>", 0, "unsafe-html"),
        ('<meta http-equiv="refresh" content="0;url=javascript:go()">', 0, "unsafe-html"),
        ("<!--><script>go()</script>-->", 5, "unsafe-html"),
        ("<!---><img src=x onerror=go()>", 17, "unsafe-html"),
        ("<!-- a --!><img src=x onerror=go()> -->", 22, "unsafe-html"),
        ("<![CDATA[><img src=x onerror=go()>]]>", 21, "unsafe-html"),
        ("<?php ?><img src=x onerror=go()>", 19, "unsafe-html"),
        ('<div\n onclick="go()"', 6, "unsafe-html"),
    ],
)
def test_html_is_read_as_a_browser_reads_it(fragment: str, offset: int, code: str) -> None:
    findings = scan_html(fragment)
    assert [(f.offset, f.code) for f in findings][:1] == [(offset, code)], findings


@pytest.mark.parametrize(
    "fragment",
    [
        "<!-- <script>go()</script> -->",
        '<a href="https://example.org" title="javascript: a word">x</a>',
        '<div class="pb-note" data-on="x">ok</div>',
        "a < b and c > d",
        '<img src="chart.png" alt="onclick=">',
    ],
)
def test_harmless_html_passes(fragment: str) -> None:
    assert scan_html(fragment) == []


def test_attribute_lists_can_set_handlers_and_are_checked() -> None:
    text = "A paragraph.\n{ onclick=go() }\n\n[l](x.md){ href='javascript:go()' }\n\n## Title { .x #y }\n"
    assert found(text) == [(2, 3, "unsafe-html"), (4, 18, "unsafe-url")]


def test_a_definition_inside_a_paragraph_is_read_as_the_site_reads_it() -> None:
    assert found("Some text\n[x]: javascript:go()\nand [click][x].\n") == [(2, 6, "unsafe-url")]


def test_code_is_text_in_a_paragraph_and_after_an_html_element_but_not_inside_one() -> None:
    text = '<div class="x">`<script>go()</script>`</div>\n`<script>no()</script>` after the element\n'
    assert found(text) == [(1, 17, "unsafe-html")]
    assert found("Text `<script>no()</script>` and ``<img onerror=no()>``.\n") == []
    assert found("```html\n<script>no()</script>\n```\n\n    <script>no()</script>\n") == []


def test_a_fence_with_an_attribute_list_is_checked() -> None:
    assert found("``` { .py onclick=go() }\nx = 1\n```\n") == [(1, 11, "unsafe-html")]


ATTACKS = [
    '<div\n  onclick="go()">x</div>',
    "[x]: javascript:go()\n\n[click][x]",
    '<a href="jav&#x61;script:go()">x</a>',
    "Some text\n[x]: javascript:go()\nand [click][x].",
    "A paragraph.\n{ onclick=go() }",
    "[l](x.md){ onclick=go() }",
    "<!--><img src=x onerror=go()>-->",
    '<div markdown="1" onmouseover="go()">\n\nText.\n\n</div>',
    "Text <img src=x onerror=go()> inline.",
    "<details ontoggle=go() open>x</details>",
    "[x](javascript:go())",
    "![y](javascript:go())",
    "[x]: other.md\n[x]: javascript:go()\n\n[click][x]",
    "<a href='java\tscript:go()'>x</a>",
    "<svg><a xlink:href='javascript:go()'><text>x</text></a></svg>",
    "<style>@import 'javascript:go()';</style>",
    '!!! note "x"\n\n    <img src=x onerror=go()>',
    "| a | b |\n|---|---|\n| <img src=x onerror=go()> | c |",
    "> <img src=x onerror=go()>",
    "- item\n\n    <img src=x onerror=go()>",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_whatever_the_site_would_render_as_script_is_found(text: str) -> None:
    """Differential: the site's own Markdown renders the text; if the HTML can run script, the check saw it."""
    rendered = markdown.markdown(text, extensions=SITE_EXTENSIONS)
    assert scan_html(rendered), f"the attack no longer renders as script: {rendered!r}"
    assert found(text), f"missed: {text!r} renders as {rendered!r}"
