"""Links in playbooks/ and peer-groups/: one that leaves the repository is refused and never published,
and every problem is reported under the link's own path."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sales_playbooks.cli import main
from sales_playbooks.loader import load_library
from sales_playbooks.settings import read_settings
from tests.minirepo import PLAYBOOK, copy_repo, make_repo, without_content_rules

ROOT = Path(__file__).resolve().parent.parent


def problems_of(root: Path, *files: str) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(main, ["validate", "--root", str(root), "--format", "json", *files])
    return result.exit_code, without_content_rules(json.loads(result.output)["problems"])


def test_a_link_to_a_playbook_outside_the_repository_is_refused_and_not_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "repo").mkdir()
    repo = make_repo(tmp_path / "repo")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    stranger = PLAYBOOK.replace("id: weekly-pipeline-review", "id: from-outside").replace(
        "title: Holding a weekly pipeline review", "title: A playbook that lives elsewhere"
    )
    (outside / "from-outside.md").write_text(stranger, encoding="utf-8")
    os.symlink(outside / "from-outside.md", repo / "playbooks" / "from-outside.md")
    monkeypatch.chdir(repo)
    code, problems = problems_of(repo)
    assert code == 1
    assert [(p["path"], p["line"], p["col"], p["code"]) for p in problems] == [
        ("playbooks/from-outside.md", 1, 1, "link-outside-repository")
    ]
    assert "elsewhere" not in json.dumps(problems)
    library = load_library(read_settings(repo)).library
    assert [p.id for p in library.playbooks] == ["weekly-pipeline-review"]


def test_a_link_to_a_system_file_is_reported_under_the_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "repo").mkdir()
    repo = make_repo(tmp_path / "repo")
    os.symlink("/etc/hostname", repo / "playbooks" / "innocent.md")
    monkeypatch.chdir(repo)
    code, problems = problems_of(repo)
    assert code == 1
    assert {p["path"] for p in problems} == {"playbooks/innocent.md"}
    code, named = problems_of(repo, "playbooks/innocent.md")
    assert code == 1 and {p["path"] for p in named} == {"playbooks/innocent.md"}


def test_a_link_inside_the_repository_is_read_and_reported_under_its_own_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "repo").mkdir()
    repo = make_repo(tmp_path / "repo")
    drafts = repo / "drafts"
    drafts.mkdir()
    broken = PLAYBOOK.replace("id: weekly-pipeline-review", "id: Not An Id").replace(
        "title: Holding a weekly pipeline review", "title: A linked draft of a playbook"
    )
    (drafts / "draft.md").write_text(broken, encoding="utf-8")
    os.symlink(Path("..") / "drafts" / "draft.md", repo / "playbooks" / "linked.md")
    monkeypatch.chdir(repo)
    code, problems = problems_of(repo)
    assert code == 1
    assert problems and {p["path"] for p in problems} == {"playbooks/linked.md"}
    assert "bad-id" in {p["code"] for p in problems}


def test_a_broken_link_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "repo").mkdir()
    repo = make_repo(tmp_path / "repo")
    os.symlink(repo / "playbooks" / "gone.md", repo / "playbooks" / "dangling.md")
    monkeypatch.chdir(repo)
    code, problems = problems_of(repo)
    assert code == 1
    assert [(p["path"], p["code"]) for p in problems] == [("playbooks/dangling.md", "dangling-link")]


def test_a_cohort_file_linked_from_outside_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "repo").mkdir()
    repo = copy_repo(tmp_path / "repo")
    (repo / "peer-groups").mkdir()
    shutil.copy(ROOT / "peer-groups" / "tracks.yml", repo / "peer-groups" / "tracks.yml")
    outside = tmp_path / "cohort.yml"
    shutil.copy(ROOT / "peer-groups" / "emea-nov.yml", outside)
    os.symlink(outside, repo / "peer-groups" / "emea-nov.yml")
    monkeypatch.chdir(repo)
    code, problems = problems_of(repo)
    assert code == 1
    assert [(p["path"], p["code"]) for p in problems] == [("peer-groups/emea-nov.yml", "link-outside-repository")]
