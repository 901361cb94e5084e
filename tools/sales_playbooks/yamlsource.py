"""Read YAML and front matter while keeping the file position of every key and list item."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .errors import Problem


@dataclass(frozen=True)
class Pos:
    """A 1-based line and column in a file."""

    line: int
    col: int


@dataclass
class Marked:
    """A YAML mapping's values with where each key, value and list item stands in the file."""

    data: dict[str, Any]
    start: Pos
    keys: dict[str, Pos] = field(default_factory=dict)
    values: dict[str, Pos] = field(default_factory=dict)
    items: dict[str, list[Pos]] = field(default_factory=dict)
    children: dict[str, Marked] = field(default_factory=dict)
    # A key given again (reported as duplicate-key, left out of data) with a mapping value, still to be checked.
    repeats: list[tuple[str, Marked]] = field(default_factory=list)

    def key_pos(self, key: str) -> Pos:
        return self.keys.get(key, self.start)

    def value_pos(self, key: str) -> Pos:
        return self.values.get(key, self.key_pos(key))

    def item_pos(self, key: str, index: int) -> Pos:
        found = self.items.get(key, [])
        return found[index] if index < len(found) else self.value_pos(key)


@dataclass
class FrontMatterDoc:
    """A markdown file split into its front matter and its body."""

    meta: Marked | None
    body: str
    body_line: int  # the file line on which the body's first character stands


class _Loader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """The safe loader (libyaml's when installed, for speed): reads dates, refuses every custom tag."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """A date such as 2026-02-30 matches YAML's date pattern but is not on the calendar: keep it as
    text, so the field's own rule reports it at its place instead of the whole load crashing."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except ValueError:
        return loader.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _pos(mark: yaml.Mark, first_line: int, first_col: int) -> Pos:
    line = first_line + mark.line
    col = mark.column + 1 + (first_col - 1 if mark.line == 0 else 0)
    return Pos(line, col)


def _mark_mapping(
    node: yaml.MappingNode,
    loader: _Loader,
    path: str,
    first_line: int,
    first_col: int,
    problems: list[Problem],
) -> Marked:
    out = Marked(data={}, start=_pos(node.start_mark, first_line, first_col))
    for key_node, value_node in node.value:
        kpos = _pos(key_node.start_mark, first_line, first_col)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(path, kpos.line, kpos.col, "yaml-key", "keys must be plain words"))
            continue
        key = str(key_node.value)
        if key in out.keys:
            first = out.keys[key]
            problems.append(
                Problem(
                    path,
                    kpos.line,
                    kpos.col,
                    "duplicate-key",
                    f"'{key}' is given twice; the first one is on line {first.line}",
                )
            )
            if isinstance(value_node, yaml.MappingNode):
                out.repeats.append((key, _mark_mapping(value_node, loader, path, first_line, first_col, problems)))
            continue
        out.keys[key] = kpos
        out.values[key] = _pos(value_node.start_mark, first_line, first_col)
        if isinstance(value_node, yaml.SequenceNode):
            out.items[key] = [_pos(n.start_mark, first_line, first_col) for n in value_node.value]
        if isinstance(value_node, yaml.MappingNode):
            out.children[key] = _mark_mapping(value_node, loader, path, first_line, first_col, problems)
        out.data[key] = loader.construct_object(value_node, deep=True)
    return out


def _colon_hint(text: str, line: int) -> str:
    """What to do about a value holding ': ', which YAML reads as a second key."""
    lines = text.split("\n")
    key, _, value = (lines[line] if line < len(lines) else "").partition(":")
    value = value.strip().replace('"', '\\"')
    example = f' {key.strip()}: "{value}"' if key.strip() and value else ""
    return "this value holds ': ', which YAML reads as a second key; put the whole value in double quotes" + (
        f", such as{example}" if example else ""
    )


def load_marked_yaml(
    text: str, path: str, first_line: int = 1, first_col: int = 1
) -> tuple[Marked | None, list[Problem]]:
    """Parse one YAML mapping; return it with positions, or None and the problems found."""
    problems: list[Problem] = []
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Marked(data={}, start=Pos(first_line, first_col)), problems
        if not isinstance(node, yaml.MappingNode):
            pos = _pos(node.start_mark, first_line, first_col)
            problems.append(Problem(path, pos.line, pos.col, "yaml-not-mapping", "expected 'key: value' lines"))
            return None, problems
        marked = _mark_mapping(node, loader, path, first_line, first_col, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(mark, first_line, first_col) if mark else Pos(first_line, first_col)
        what = exc.problem or exc.context or "the YAML could not be read"
        if mark is not None and what.startswith("mapping values are not allowed"):
            what = _colon_hint(text, mark.line)
        problems.append(Problem(path, pos.line, pos.col, "yaml-syntax", f"YAML syntax: {what}"))
        return None, problems
    except yaml.YAMLError as exc:
        problems.append(Problem(path, first_line, first_col, "yaml-syntax", f"YAML syntax: {exc}"))
        return None, problems
    finally:
        loader.dispose()
    return marked, problems


def read_front_matter(text: str, path: str) -> tuple[FrontMatterDoc, list[Problem]]:
    """Split a markdown file with python-frontmatter and parse its front matter with positions."""
    handler = YAMLHandler()
    if not handler.detect(text):
        doc = FrontMatterDoc(meta=None, body=text, body_line=1)
        return doc, [Problem(path, 1, 1, "no-front-matter", "the file must start with a '---' line and front matter")]
    try:
        fm, body = handler.split(text)
    except ValueError:
        doc = FrontMatterDoc(meta=None, body=text, body_line=1)
        return doc, [Problem(path, 1, 1, "no-front-matter", "the front matter has no closing '---' line")]
    fm_start = text.index(fm, text.index("---") + 3) if fm else text.index("---") + 3
    fm_line = text.count("\n", 0, fm_start) + 1
    fm_col = fm_start - (text.rfind("\n", 0, fm_start) + 1) + 1
    body_start = len(text) - len(body)
    body_line = text.count("\n", 0, body_start) + 1
    meta, problems = load_marked_yaml(fm, path, fm_line, fm_col)
    return FrontMatterDoc(meta=meta, body=body, body_line=body_line), problems
