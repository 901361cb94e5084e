"""Body parsing: sections, checklist, questions, links and unsafe HTML, with file positions."""

from __future__ import annotations

from sales_playbooks.body import parse_body
from sales_playbooks.unsafe import unsafe_html

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


REFERENCES = """\
## Why it matters

Read [the other one][other] and [the glossary][] entry, then [Other] again.
![A chart](chart.png) and ![the team][team] too.

[other]: other.md#top
[the glossary]: <../glossary.md#quota> "Glossary"
[team]: team.png

!!! tip "Inside an admonition"

    Links here count too: [inside](inside.md).

    ```
    [but not](in-code.md)
    ```

- A list item with [a link](in-list.md).

> A quote with [a link](in-quote.md).
"""


def test_reference_style_links_resolve_to_their_definitions_and_keep_their_place() -> None:
    body = parse_body(REFERENCES, first_line=20)
    assert [(link.text, link.target, link.line, link.col) for link in body.links] == [
        ("the other one", "other.md#top", 22, 6),
        ("the glossary", "../glossary.md#quota", 22, 33),
        ("Other", "other.md#top", 22, 62),
        ("inside", "inside.md", 31, 27),
        ("a link", "in-list.md", 37, 20),
        ("a link", "in-quote.md", 39, 16),
    ]
    assert [(image.text, image.target, image.line, image.col) for image in body.images] == [
        ("A chart", "chart.png", 23, 1),
        ("the team", "team.png", 23, 27),
    ]


def test_setext_and_attribute_headings_are_sections_but_nested_ones_are_not() -> None:
    text = "Why it matters {#why}\n---\n\nText.\n\n> ## Quoted\n\n## The plays { .x }\n\nMore.\n"
    body = parse_body(text, first_line=1)
    assert [(s.title, s.line) for s in body.sections] == [("Why it matters", 1), ("The plays", 8)]
    why = body.section("Why it matters")
    assert why is not None and why.markdown == "Text.\n\n> ## Quoted"


def test_checklist_and_questions_take_whole_items_on_one_line() -> None:
    text = (
        "## Checklist\n\n- [ ] Book the meeting\n  and send the agenda.\n1. [ ] Not a task: an ordered item.\n\n"
        "## Discussion questions\n\n1. What went well,\n   and why?\n   - a nested note, not a question\n"
    )
    body = parse_body(text, first_line=5)
    assert [(i.text, i.key, i.line, i.col) for i in body.checklist] == [
        ("Book the meeting and send the agenda.", "book-the-meeting-and-send-the-agenda", 7, 7)
    ]
    assert body.questions == ("What went well, and why?",)


def test_unsafe_targets_of_every_kind_are_found_at_their_destination() -> None:
    text = (
        "[x][bad] and [y][good] and <vbscript:msgbox>\n"
        "\n"
        "[bad]: jav&#x61;script:alert(1)\n"
        "[good]: https://example.org\n"
        "[bad]:   data:text/html,hi\n"
        "\n"
        "[z](<java\tscript:alert(1)>) ![p](&#x6A;avascript:alert(2))\n"
    )
    found = [(p.line, p.col, p.code) for p in unsafe_html("x.md", text, 1)]
    assert found == [
        (1, 29, "unsafe-url"),
        (3, 8, "unsafe-url"),
        (5, 10, "unsafe-url"),
        (7, 5, "unsafe-url"),
        (7, 34, "unsafe-url"),
    ]
