"""data/tags.yml: how the site shows a tag, checked by `playbooks validate`; the forum keeps the tag itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sales_playbooks.cli import main
from sales_playbooks.loader import load_library, load_tag_labels
from sales_playbooks.render_page import playbook_page
from sales_playbooks.settings import read_settings
from sales_playbooks.sync.config import SyncConfig
from sales_playbooks.sync.scopes import public_topics
from tests.minirepo import PLAYBOOK, is_content_rule, make_repo

ROOT = Path(__file__).parent.parent


def validate(repo: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(repo)  # paths are shown relative to the working folder, as contributors run it
    result = CliRunner().invoke(main, ["validate"])
    return result.exit_code, result.output.splitlines()


def test_the_real_labels_load_cleanly_and_each_one_is_needed() -> None:
    loaded = load_library(read_settings(ROOT))
    assert not [p for p in loaded.problems if p.path.endswith("tags.yml")]
    library = loaded.library
    assert library.tag_labels == {"crm": "CRM", "self-assessment": "Self-assessment"}
    for tag, label in library.tag_labels.items():
        derived = tag.replace("-", " ").capitalize()
        assert label != derived, f"'{tag}' reads as '{derived}' without a label; its entry is not needed"


def test_labels_on_the_page_and_tags_in_the_forum(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)  # the playbook's tags: [pipeline, coaching]
    (repo / "data" / "tags.yml").write_text("pipeline: PIPELINE\n", encoding="utf-8")
    library = load_library(read_settings(repo)).library
    playbook = library.playbooks[0]
    page = playbook_page(playbook, library, playbook.reviewed)
    assert "tags:\n- PIPELINE\n- Coaching\n" in page
    config = SyncConfig("https://forum.example.org", "bot", "k", 60.0, "https://example.org/", "Playbooks", repo)
    (topic,) = public_topics(library, config)
    assert topic.tags == ("pipeline", "coaching"), "the forum gets the tags themselves, not the labels"


def test_no_labels_file_is_fine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path)
    labels, problems = load_tag_labels(repo / "data" / "tags.yml")
    assert labels.labels == {} and problems == []
    code, lines = validate(repo, monkeypatch)
    assert code == 0, lines


def test_every_mistake_is_reported_at_its_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path)
    (repo / "data" / "tags.yml").write_text(
        "# labels\n"
        "pipeline: Pipe line\n"  # adds a word break: the link would change
        "coaching: 3\n"
        "Bad Tag: Bad tag\n"
        "coaching-notes: Coaching notes\n",  # well formed, but no playbook has it
        encoding="utf-8",
    )
    code, lines = validate(repo, monkeypatch)
    assert code == 1
    found = [line for line in lines if line.startswith("data/tags.yml:")]
    assert found == [
        "data/tags.yml:2:11: error[tag-label-mismatch]: 'Pipe line' reads as the tag 'pipe-line', not 'pipeline'; "
        "a label may change capitals and turn '-' into spaces, nothing else",
        "data/tags.yml:3:11: error[bad-tag-label]: the label of 'coaching' must be text",
        "data/tags.yml:4:1: error[bad-tag-label]: 'Bad Tag' is not a tag as playbooks write them",
        "data/tags.yml:5:1: warning[unused-tag-label]: no playbook has the tag 'coaching-notes'",
    ]
    content = sum(map(is_content_rule, lines))  # the short playbook's content-rule warnings, not this test's subject
    assert lines[-1].endswith(f"3 error(s), {1 + content} warning(s)")


def test_a_spare_label_alone_warns_without_failing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path)
    (repo / "data" / "tags.yml").write_text("pipeline: Pipeline\ncrm: CRM\n", encoding="utf-8")
    code, lines = validate(repo, monkeypatch)
    assert code == 0
    assert "data/tags.yml:2:1: warning[unused-tag-label]: no playbook has the tag 'crm'" in lines


def test_broken_yaml_is_a_syntax_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path)
    (repo / "data" / "tags.yml").write_text("crm: [CRM\n", encoding="utf-8")
    code, lines = validate(repo, monkeypatch)
    assert code == 1
    assert any(line.startswith("data/tags.yml:2:1: error[yaml-syntax]") for line in lines), lines


def test_no_spare_label_warning_while_a_playbook_fails_to_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The playbook with an error may be the one that carries the tag: only its own error is shown."""
    broken = PLAYBOOK.replace("stage: leading", "stage: someday").replace("[pipeline, coaching]", "[crm]")
    repo = make_repo(tmp_path, {"weekly-pipeline-review.md": broken})
    (repo / "data" / "tags.yml").write_text("crm: CRM\n", encoding="utf-8")
    code, lines = validate(repo, monkeypatch)
    assert code == 1
    assert any("error[unknown-stage]" in line for line in lines), lines
    assert not any("unused-tag-label" in line for line in lines), lines


def test_a_wrong_forum_setting_is_reported_at_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings in mkdocs.yml are checked too, and the build, render and sync refuse them alike."""
    repo = make_repo(tmp_path)
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "    comments: false\n", "    comments: false\n    limits:\n      min_first_post_length: '30'\n", 1
    )
    config.write_text(text, encoding="utf-8")
    line = text.splitlines().index("      min_first_post_length: '30'") + 1
    code, lines = validate(repo, monkeypatch)
    assert code == 1
    assert (
        f"mkdocs.yml:{line}:7: error[bad-setting]: extra.forum.limits.min_first_post_length in mkdocs.yml "
        "must be a whole number (got '30')"
    ) in lines
