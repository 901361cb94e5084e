"""The malformed-playbook corpus: each file has one fault and must give its own error at its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sales_playbooks.cli import main
from tests.minirepo import is_content_rule

CORPUS = Path(__file__).parent / "corpus"
ROOT = Path(__file__).parent.parent

# file in corpus/bad -> (error code, line, column) that `playbooks validate` must report, and nothing else
EXPECTED: dict[str, tuple[str, int, int]] = {
    "yaml-syntax.md": ("yaml-syntax", 3, 16),
    "no-front-matter.md": ("no-front-matter", 1, 1),
    "missing-field.md": ("missing-field", 2, 1),
    "unknown-field.md": ("unknown-field", 13, 1),
    "wrong-type.md": ("wrong-type", 7, 7),
    "bad-id.md": ("bad-id", 2, 5),
    "title-too-short.md": ("title-too-short", 3, 8),
    "title-all-caps.md": ("title-all-caps", 3, 8),
    "title-low-variety.md": ("title-low-variety", 3, 8),
    "title-long-word.md": ("title-long-word", 3, 8),
    "too-many-tags.md": ("too-many-tags", 7, 54),
    "tag-too-long.md": ("tag-too-long", 7, 18),
    "tag-not-clean.md": ("tag-not-clean", 7, 18),
    "unknown-source.md": ("unknown-source", 11, 19),
    "unknown-audience.md": ("unknown-audience", 5, 25),
    "unknown-stage.md": ("unknown-stage", 6, 8),
    "bad-date.md": ("bad-date", 9, 11),
    "future-date.md": ("future-date", 9, 11),
    "review-every-range.md": ("review-every-range", 10, 15),
    "bad-owner.md": ("bad-owner", 8, 8),
    "summary-length.md": ("summary-length", 4, 10),
    "duplicate-key.md": ("duplicate-key", 7, 1),
    "empty-field.md": ("empty-field", 5, 11),
    "duplicate-item.md": ("duplicate-item", 7, 18),
    "duplicate-id.md": ("duplicate-id", 2, 5),
    "duplicate-title.md": ("duplicate-title", 3, 8),
    "unknown-related.md": ("unknown-related", 12, 26),
    "related-self.md": ("related-self", 12, 26),
    "broken-link.md": ("broken-link", 17, 61),
    "unsafe-html.md": ("unsafe-html", 23, 1),
    "unsafe-html-event.md": ("unsafe-html", 23, 21),
    "unsafe-url.md": ("unsafe-url", 23, 8),
    "missing-section.md": ("missing-section", 14, 1),
    "unknown-section.md": ("unknown-section", 19, 4),
    "section-order.md": ("section-order", 30, 4),
    "no-checklist.md": ("no-checklist", 25, 1),
    "no-questions.md": ("no-questions", 30, 1),
    "h1-in-body.md": ("h1-in-body", 15, 1),
    "duplicate-section.md": ("duplicate-section", 38, 4),
    "body-too-long.md": ("body-too-long", 14, 1),
    "not-utf8.md": ("not-utf8", 23, 13),
    "bad-order.md": ("bad-order", 7, 8),
    "order-not-number.md": ("wrong-type", 7, 8),
}


def make_repo(tmp_path: Path, bad: Path) -> Path:
    """A minimal repository: the sources file, a glossary, two valid playbooks and one bad one."""
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "sources.yml", tmp_path / "data" / "sources.yml")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "glossary.md").write_text("# Glossary\n\n## Quota {#quota}\n\nThe number.\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nsite_url: https://example.org/\nmarkdown_extensions: [attr_list]\n"
    )
    playbooks = tmp_path / "playbooks"
    playbooks.mkdir()
    for good in ("corpus-friend.md", "corpus-other.md"):
        shutil.copy(CORPUS / "good" / good, playbooks / good)
    shutil.copy(bad, playbooks / bad.name)
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_corpus_is_large_enough() -> None:
    files = sorted(p.name for p in (CORPUS / "bad").glob("*.md"))
    assert len(files) >= 25
    assert set(files) == set(EXPECTED), "every corpus file needs an expected error, and every expectation a file"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_gives_its_own_error(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, CORPUS / "bad" / name)
    monkeypatch.chdir(repo)
    before = snapshot(repo)
    result = CliRunner().invoke(main, ["validate", "--today", "2026-11-23"])
    code, line, col = EXPECTED[name]
    errors = [row for row in result.output.splitlines() if ": error[" in row]
    assert result.exit_code == 1, result.output
    assert errors == [f"playbooks/{name}:{line}:{col}: error[{code}]: " + errors[0].split("]: ", 1)[1]], result.output
    assert "1 error(s)" in result.output
    assert snapshot(repo) == before, "validate must not write any file"


def test_the_good_base_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, CORPUS / "good" / "corpus-base.md")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["validate", "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()
    content = [row for row in rows if is_content_rule(row)]  # too short for the content rules; this is about the rest
    assert rows[:-1] == content and all(": warning[" in row for row in content), result.output
    assert (
        rows[-1].endswith(f"checked: 0 error(s), {len(content)} warning(s)") if content else "no problems" in rows[-1]
    )
