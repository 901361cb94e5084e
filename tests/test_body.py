"""Body parsing: sections, checklist, questions, links and unsafe HTML, with file positions."""

from __future__ import annotations

from sales_playbooks.body import parse_body, unsafe_html

BODY = """
## Why it matters

See [the other one](other.md) and [a site](https://example.org).

## The plays

### 1. A play

```markdown
## Not a section
- [ ] not an item
<script>not code either</script>
```

## Checklist

- [ ] Book the meeting.
- [x] Write the plan.
* [ ] Book the meeting.

## Discussion questions

1. First question?
2) Second question?

## Sources

Notes.
"""


def test_sections_in_order_with_lines() -> None:
    body = parse_body(BODY, first_line=10)
    assert [(s.title, s.line) for s in body.sections] == [
        ("Why it matters", 11),
        ("The plays", 15),
        ("Checklist", 25),
        ("Discussion questions", 31),
        ("Sources", 36),
    ]
    assert body.section("The plays") is not None
    assert body.section("Nope") is None


def test_code_blocks_are_not_structure() -> None:
    body = parse_body(BODY, first_line=1)
    assert "Not a section" not in [h.text for h in body.headings]
    assert unsafe_html("x.md", BODY, 1) == []


def test_checklist_items_have_unique_stable_keys() -> None:
    items = parse_body(BODY, first_line=10).checklist
    assert [(i.text, i.key, i.line, i.col) for i in items] == [
        ("Book the meeting.", "book-the-meeting", 27, 7),
        ("Write the plan.", "write-the-plan", 28, 7),
        ("Book the meeting.", "book-the-meeting-2", 29, 7),
    ]


def test_questions() -> None:
    assert parse_body(BODY, 1).questions == ("First question?", "Second question?")


def test_links_with_positions() -> None:
    links = parse_body(BODY, first_line=10).links
    assert [(link.target, link.line, link.col) for link in links] == [
        ("other.md", 13, 5),
        ("https://example.org", 13, 35),
    ]


def test_unsafe_html_found_anywhere_outside_code() -> None:
    text = (
        "Hi <SCRIPT src=x></SCRIPT>\n"
        '<a href="JavaScript:alert(1)">x</a>\n'
        '<div onclick="go()">x</div>\n'
        "[x](vbscript:msgbox)\n"
        "![y](data:text/html;base64,xx)\n"
        "<iframe src=x></iframe>\n"
        "Inline `<script>` code is fine, and so is the word javascript: in prose.\n"
        '<a class="x"\n   href="javascript:void(0)">a tag over two lines</a>\n'
        "<JavaScript:alert(1)>\n"
    )
    found = [(p.line, p.col, p.code) for p in unsafe_html("x.md", text, 1)]
    assert found == [
        (1, 4, "unsafe-html"),
        (2, 10, "unsafe-url"),
        (3, 6, "unsafe-html"),
        (4, 5, "unsafe-url"),
        (5, 6, "unsafe-url"),
        (6, 1, "unsafe-html"),
        (9, 10, "unsafe-url"),
        (10, 2, "unsafe-url"),
    ]
