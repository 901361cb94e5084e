"""The build's second layer: the allow-list keeps what the site's pages need and drops what could run script."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from sales_playbooks.sanitize import as_attribute, as_text, sanitize_html

VOID = frozenset({"br", "hr", "img", "input"})
BOOLEAN = frozenset({"open", "hidden", "checked", "disabled"})

# What the generated pages hold: a checklist box with its task list, the page header, an admonition, a
# table with alignment, permalinks, a button link, an icon, and a piece of the self-assessment.
KEPT = [
    '<div class="pb-checklist" data-playbook="first-90-days" data-keys="a b">\n<ul class="task-list">\n'
    '<li class="task-list-item"><label class="task-list-control"><input type="checkbox"/>'
    '<span class="task-list-indicator"></span></label> Agree three goals.</li>\n</ul>\n</div>',
    '<p class="pb-summary">A plan.</p>\n<ul aria-label="About this playbook" class="pb-meta">'
    '<li class="pb-fact">Reviewed <time datetime="2026-11-20">20 November 2026</time></li></ul>',
    '<div class="admonition warning">\n<p class="admonition-title">Due for review</p>\n<p>Read it.</p>\n</div>',
    '<details class="note" open="open"><summary>More</summary><p>Hidden.</p></details>',
    '<table>\n<thead>\n<tr>\n<th style="text-align:left">Week</th>\n<th style="text-align:right">Deals</th>\n'
    "</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>3</td>\n</tr>\n</tbody>\n</table>",
    '<h2 id="checklist">Checklist<a class="headerlink" href="#checklist" title="Permanent link">¶</a></h2>',
    '<p><a class="md-button md-button--primary" href="../self-assessment/">Start</a> '
    '<a href="https://forum.example.org/t/1">forum</a> <a href="mailto:team@example.org">mail</a></p>',
    '<span class="twemoji"><svg viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg"><path d="M1 2h3"/></svg></span>',
    '<div class="sa" data-mode="self" id="sa"><fieldset aria-describedby="h1" class="sa-skill" data-skill="coaching">'
    '<legend class="sa-skill__name">Coaching</legend><label class="sa-opt"><input name="coaching" type="radio" '
    'value="1"/><span class="sa-opt__num">1</span></label></fieldset><p aria-live="polite" class="sa-announce" '
    'role="status"></p><button class="md-button sa-reset" type="button">Reset</button>'
    '<noscript><p class="sa-noscript">Turn on JavaScript.</p></noscript><div hidden="">x</div></div>',
    '<pre><code class="language-yaml">key: value\n</code></pre>',
]


class _Shape(HTMLParser):
    """Elements, attributes and text, with the spelling differences of serialisers left out."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = sorted((k, "" if k in BOOLEAN else (v or "").replace(" ", "").rstrip(";")) for k, v in attrs)
        self.items.append((tag, *(f"{k}={v}" for k, v in values)))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.items.append((f"/{tag}",))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.items.append((" ".join(data.split()),))


def shape(html: str) -> list[tuple[str, ...]]:
    parser = _Shape()
    parser.feed(html)
    return parser.items


@pytest.mark.parametrize("html", KEPT)
def test_what_the_pages_need_is_kept(html: str) -> None:
    assert shape(sanitize_html(html)) == shape(html)


@pytest.mark.parametrize(
    ("html", "left"),
    [
        ("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
        ('<div onclick="alert(1)" class="pb-x">x</div>', '<div class="pb-x">x</div>'),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="java\tscript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="jav&#x61;script:alert(1)">x</a>', "<a>x</a>"),
        ('<img src="data:image/png;base64,AAAA" alt="x">', '<img alt="x">'),
        ('<a href="vbscript:msgbox(1)">x</a>', "<a>x</a>"),
        ("<iframe src=https://example.org></iframe>ok", "ok"),
        ('<object data="x.swf"></object><embed src="x.swf">ok', "ok"),
        ("<style>body{display:none}</style>ok", "ok"),
        ('<svg onload="alert(1)"><a xlink:href="javascript:alert(1)">x</a></svg>', "<svg><a>x</a></svg>"),
        ("<!--><img src=x onerror=alert(1)>-->", '<!----><img src="x">--&gt;'),
        ("<!-- a --!><img src=x onerror=alert(1)> -->", '<!-- a --><img src="x"> --&gt;'),
        ('<div style="background:url(javascript:alert(1))">x</div>', "<div>x</div>"),
        (
            '<table><tr><td style="text-align:left;background:url(javascript:x)">x</td></tr></table>',
            '<table><tbody><tr><td style="text-align:left">x</td></tr></tbody></table>',
        ),
        (
            '<form action="javascript:x"><button formaction="javascript:y" type="submit">go</button></form>',
            "<button>go</button>",
        ),
        ('<input type="image" src="x" onfocus="alert(1)" autofocus>', "<input>"),
        ('<div class="md-sidebar evil" data-md-component="search" data-keys="a">x</div>', '<div data-keys="a">x</div>'),
        ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="https://evil.example">', ""),
    ],
)
def test_what_could_run_script_is_removed(html: str, left: str) -> None:
    assert sanitize_html(html) == left


def test_a_comment_stays_a_comment() -> None:
    """The home page keeps its invisible marker; a comment is inert text to a browser."""
    assert sanitize_html("<p>x</p><!-- playbooks:most-discussed -->") == "<p>x</p><!-- playbooks:most-discussed -->"


def test_plain_text_fields_are_escaped_for_text_and_attributes() -> None:
    assert as_text('Coaching <script>alert(1)</script> & "x"') == 'Coaching &lt;script&gt;alert(1)&lt;/script&gt; & "x"'
    assert as_attribute('a" onmouseover="x') == "a&quot; onmouseover=&quot;x"
