"""Front matter splitting and YAML positions."""

from __future__ import annotations

from sales_playbooks.yamlsource import Pos, load_marked_yaml, read_front_matter

DOC = """---
id: demo
tags:
  - one
  - two
nested:
  key: value
---

## Why it matters
"""


def test_positions_of_keys_values_and_items() -> None:
    doc, problems = read_front_matter(DOC, "x.md")
    assert problems == []
    assert doc.meta is not None
    assert doc.meta.data == {"id": "demo", "tags": ["one", "two"], "nested": {"key": "value"}}
    assert doc.meta.key_pos("id") == Pos(2, 1)
    assert doc.meta.value_pos("id") == Pos(2, 5)
    assert doc.meta.item_pos("tags", 1) == Pos(5, 5)
    assert doc.meta.children["nested"].value_pos("key") == Pos(7, 8)


def test_body_line_is_the_line_after_the_closing_fence() -> None:
    doc, _ = read_front_matter(DOC, "x.md")
    first_text_line = doc.body_line + doc.body.split("\n").index("## Why it matters")
    assert first_text_line == 10


def test_syntax_error_has_a_position() -> None:
    _, problems = read_front_matter("---\ntitle: a: b\n---\nbody\n", "x.md")
    assert [(p.line, p.col, p.code) for p in problems] == [(2, 9, "yaml-syntax")]


def test_duplicate_keys_are_reported_not_silently_merged() -> None:
    marked, problems = load_marked_yaml("a: 1\nb: 2\na: 3\n", "x.yml")
    assert marked is not None and marked.data == {"a": 1, "b": 2}
    assert [(p.line, p.code) for p in problems] == [(3, "duplicate-key")]


def test_missing_or_unclosed_front_matter() -> None:
    _, problems = read_front_matter("no front matter\n", "x.md")
    assert [p.code for p in problems] == ["no-front-matter"]
    _, problems = read_front_matter("---\nid: x\nbody without a closing fence\n", "x.md")
    assert [p.code for p in problems] == ["no-front-matter"]


def test_python_tags_are_refused() -> None:
    _, problems = read_front_matter("---\nid: !!python/name:os.system\n---\n", "x.md")
    assert problems and problems[0].code == "yaml-syntax"


def test_non_mapping_front_matter() -> None:
    _, problems = read_front_matter("---\n- a\n- b\n---\n", "x.md")
    assert [p.code for p in problems] == ["yaml-not-mapping"]
