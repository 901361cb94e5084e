"""docs/dev/discourse.md is where code comments send a reader for a fact about Discourse: every
such pointer names a section that exists, and the page links each fact to Discourse's source."""

from __future__ import annotations

import re
from pathlib import Path

from markdown.extensions.toc import slugify

ROOT = Path(__file__).parent.parent
PAGE = ROOT / "docs" / "dev" / "discourse.md"
POINTER = re.compile(r"docs/dev/discourse\.md(?:#([a-z0-9_-]+))?")
HEADING = re.compile(r"^#{2,4} (.+)$", re.M)
SOURCE_LINK = re.compile(r"\]\((https://github\.com/discourse/discourse/blob/main/[^)\s]+)\)")


def _sections() -> set[str]:
    return {slugify(title.strip(), "-") for title in HEADING.findall(PAGE.read_text(encoding="utf-8"))}


def _code_files() -> list[Path]:
    return sorted(p for folder in ("tools", "tests", "scripts") for p in (ROOT / folder).rglob("*.py"))


def test_every_pointer_names_a_section_of_the_page() -> None:
    sections = _sections()
    pointers: list[tuple[str, str]] = []
    for path in _code_files():
        text = path.read_text(encoding="utf-8")
        pointers += [(path.relative_to(ROOT).as_posix(), m.group(1) or "") for m in POINTER.finditer(text)]
    assert len(pointers) >= 20, pointers  # the comments about Discourse point here
    missing = [(where, anchor) for where, anchor in pointers if anchor and anchor not in sections]
    assert missing == [], f"sections not on docs/dev/discourse.md: {missing}; sections are {sorted(sections)}"


def test_no_comment_points_to_a_file_outside_the_repository() -> None:
    others = [p for p in _code_files() if p != Path(__file__)]
    stale = [p.relative_to(ROOT).as_posix() for p in others if "FACTS.md" in p.read_text(encoding="utf-8")]
    assert stale == []


def test_the_page_names_its_sources_and_is_in_the_site_navigation() -> None:
    text = PAGE.read_text(encoding="utf-8")
    links = SOURCE_LINK.findall(text)
    assert len(set(links)) >= 30
    assert all(re.fullmatch(r".+/[\w./-]+\.(rb|js|yml)", link) for link in links), links
    for section in ("revisions", "subfolder-installs", "private-categories", "rate-limits", "external-ids"):
        assert section in _sections()
    assert "dev/discourse.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
