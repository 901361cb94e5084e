"""Shared reading of the library for the content tests: playbooks, paragraphs, sentences, citations, data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from sales_playbooks.loader import load_library
from sales_playbooks.model import Playbook
from sales_playbooks.settings import read_settings

ROOT = Path(__file__).parent.parent
LOADED = load_library(read_settings(ROOT))
PLAYBOOKS = LOADED.library.playbooks
IDS = [p.id for p in PLAYBOOKS]
BY_ID = {p.id: p for p in PLAYBOOKS}
CITATION = re.compile(r"\]\((?:\.\./)?sources\.md#([a-z-]+)\)")
PLAYBOOK_LINK = re.compile(r"\]\(([a-z0-9-]+\.md)(?:#[^)]*)?\)")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”)]?\s+(?=[\"“(\[*]*[A-Z0-9])")

# How running text names each article, so that a named source can be matched with its citation.
SOURCE_NAMES = {
    "brock": re.compile(r"\bBrock\b"),
    "jordan": re.compile(r"\bJordan\b|\bVantage Point\b"),
    "hunter": re.compile(r"\bHunter\b(?! and farmer)"),
    "pivotal": re.compile(r"\bPivotal\b"),
    "consultant-leader": re.compile(r"\bstar performers\b", re.I),
}
UNNAMED_ARTICLE = re.compile(r"\b(?:one|the|another|the same|this) article\b", re.I)


def prose(markdown: str) -> str:
    """The words a reader reads: link targets, markup and headings' hashes removed."""
    text = re.sub(r"[ \t]*\{#[^{}\n]*\}[ \t]*$", "", markdown, flags=re.M)  # a checklist item's key
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*#+\s*", "", text, flags=re.M)
    text = re.sub(r"^\s*(?:[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)", "", text, flags=re.M)
    text = re.sub(r"^\|.*\|\s*$", lambda m: m.group(0).replace("|", " ").replace("---", ""), text, flags=re.M)
    return re.sub(r"[*_`>]", "", text)


def words(markdown: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’-]*", prose(markdown)))


def read_data(name: str) -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"data/{name} must be a mapping"
    return data


def paragraphs(markdown: str) -> list[str]:
    """Blocks between blank lines; each table row and each list item counts as a block of its own."""
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", markdown):
        lines = block.strip("\n").split("\n")
        if any(re.match(r"\s*(?:\||[-*+]\s|\d+[.)]\s)", line) for line in lines):
            blocks.extend(line for line in lines if line.strip())
        elif block.strip():
            blocks.append(block.strip())
    return blocks


def body_paragraphs(playbook: Playbook, *, with_sources: bool = False) -> list[str]:
    """The body's paragraphs, without the Sources section unless asked (it names articles, never cites them)."""
    markdown = playbook.body.markdown
    if not with_sources:
        markdown = re.split(r"^## Sources\s*$", markdown, flags=re.M)[0]
    return paragraphs(markdown)


def sentences(paragraph: str) -> list[str]:
    return [s for s in SENTENCE_END.split(paragraph.replace("\n", " ")) if s.strip()]


def cited(text: str) -> set[str]:
    return set(CITATION.findall(text))


def named(text: str) -> set[str]:
    """The sources a paragraph names or cites."""
    plain = re.sub(r"\]\([^)]*\)", "]", text)
    return {source for source, name in SOURCE_NAMES.items() if name.search(plain)} | cited(text)


def library_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every paragraph a reader can see: playbooks, pages, skills model and data files."""
    for playbook in PLAYBOOKS:
        yield f"{playbook.path} (summary)", playbook.summary
        for paragraph in body_paragraphs(playbook, with_sources=True):
            yield playbook.path, paragraph
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for paragraph in paragraphs(page.read_text(encoding="utf-8")):
            yield str(page.relative_to(ROOT)), paragraph
    for data in [ROOT / "playbooks" / "skills.yml", *sorted((ROOT / "data").glob("*.yml"))]:
        for paragraph in _yaml_strings(yaml.safe_load(data.read_text(encoding="utf-8"))):
            yield str(data.relative_to(ROOT)), paragraph


def _yaml_strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _yaml_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _yaml_strings(value)
