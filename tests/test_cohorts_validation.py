"""The malformed-cohort corpus: each file has one fault and gives exactly its own error at its place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sales_playbooks.cohorts.load import load_cohorts
from sales_playbooks.loader import load_library
from sales_playbooks.settings import read_settings
from sales_playbooks.yamlsource import load_marked_yaml

CORPUS = Path(__file__).parent / "corpus" / "cohorts"
ROOT = Path(__file__).parent.parent
IDS = frozenset({"first-90-days", "coaching-cadence", "territories-targets-and-compensation"})

# file in corpus/cohorts/bad -> (code, line, column): the one problem it must give
EXPECTED: dict[str, tuple[str, int, int]] = {
    "unknown-pb.yml": ("unknown-playbook", 13, 5),
    "dup-member.yml": ("duplicate-member", 7, 5),
    "dup-lead.yml": ("duplicate-member", 7, 5),
    "bad-date.yml": ("bad-date", 8, 8),
    "not-a-date.yml": ("bad-date", 8, 8),
    "bad-tz.yml": ("bad-timezone", 10, 11),
    "bad-cadence.yml": ("bad-cadence", 9, 10),
    "email-member.yml": ("email-address", 7, 5),
    "email-comment.yml": ("email-address", 14, 42),
    "id-too-long.yml": ("id-too-long", 1, 5),
    "group-too-long.yml": ("id-too-long", 1, 5),
    "unknown-track.yml": ("unknown-track", 11, 13),
    "bad-username.yml": ("bad-username", 6, 5),
    "missing-field.yml": ("missing-field", 1, 1),
    "unknown-field.yml": ("unknown-field", 14, 1),
    "id-mismatch.yml": ("id-file-mismatch", 1, 5),
    "Bad_Id.yml": ("bad-cohort-id", 1, 5),
    "yaml-syntax.yml": ("yaml-syntax", 14, 1),
    "duplicate-key.yml": ("duplicate-key", 10, 1),
    "dup-pb.yml": ("duplicate-playbook", 13, 5),
    "empty-curric.yml": ("empty-field", 11, 13),
    "name-too-long.yml": ("name-too-long", 2, 7),
    "wrong-type.yml": ("wrong-type", 5, 10),
    "no-lead.yml": ("empty-field", 3, 15),
}


def check_alone(tmp_path: Path, source: Path) -> list[tuple[str, int, int]]:
    shutil.copy(CORPUS / "tracks.yml", tmp_path / "tracks.yml")
    shutil.copy(source, tmp_path / source.name)
    out = load_cohorts(tmp_path, IDS, "Playbooks")
    assert all(p.path.endswith(source.name) for p in out.problems), out.problems
    if out.problems:
        assert out.cohorts == [], "a cohort with an error must not be used"
    return [(p.code, p.line, p.col) for p in out.problems]


def test_every_bad_file_is_in_the_table() -> None:
    assert sorted(p.name for p in (CORPUS / "bad").glob("*.yml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_cohort_file_gives_its_error_and_nothing_else(tmp_path: Path, name: str) -> None:
    assert check_alone(tmp_path, CORPUS / "bad" / name) == [EXPECTED[name]]


@pytest.mark.parametrize("name", ["good-list.yml", "good-track.yml"])
def test_good_cohort_files_pass(tmp_path: Path, name: str) -> None:
    assert check_alone(tmp_path, CORPUS / "good" / name) == []


def test_a_track_is_defined_once_and_checked_where_it_is_written(tmp_path: Path) -> None:
    (tmp_path / "tracks.yml").write_text(
        "short:\n  - first-90-days\n  - first-90-dayz\nBad_Track:\n  - first-90-days\nempty: []\n", encoding="utf-8"
    )
    shutil.copy(CORPUS / "good" / "good-track.yml", tmp_path / "good-track.yml")
    out = load_cohorts(tmp_path, IDS)
    found = [(p.path.rsplit("/", 1)[-1], p.code, p.line, p.col) for p in out.problems]
    assert found == [
        ("good-track.yml", "unknown-track", 11, 13),
        ("tracks.yml", "unknown-playbook", 3, 5),
        ("tracks.yml", "bad-track-id", 4, 1),
        ("tracks.yml", "empty-field", 6, 8),
    ]


def test_two_cohorts_cannot_share_a_category_name(tmp_path: Path) -> None:
    text = (CORPUS / "good" / "good-list.yml").read_text(encoding="utf-8")
    (tmp_path / "good-list.yml").write_text(text, encoding="utf-8")
    (tmp_path / "other.yml").write_text(text.replace("id: good-list", "id: other"), encoding="utf-8")
    (tmp_path / "public.yml").write_text(
        text.replace("id: good-list", "id: public").replace('"Corpus cohort good-list"', "playbooks"), encoding="utf-8"
    )
    out = load_cohorts(tmp_path, IDS, "Playbooks")
    assert [(p.path.rsplit("/", 1)[-1], p.code, p.line, p.col) for p in out.problems] == [
        ("other.yml", "duplicate-name", 2, 7),
        ("public.yml", "duplicate-name", 2, 7),
    ]
    assert [c.id for c in out.cohorts] == ["good-list"]


def test_no_email_address_anywhere_in_the_folder(tmp_path: Path) -> None:
    shutil.copy(CORPUS / "good" / "good-list.yml", tmp_path / "good-list.yml")
    (tmp_path / "README.md").write_text("Facilitators:\n\nask Ingrid (ingrid.solberg@example.eu)\n", encoding="utf-8")
    (tmp_path / "tracks.yml").write_text("# owner: lead@example.com\n", encoding="utf-8")
    out = load_cohorts(tmp_path, IDS)
    assert [(p.path.rsplit("/", 1)[-1], p.code, p.line, p.col) for p in out.problems] == [
        ("README.md", "email-address", 3, 13),
        ("tracks.yml", "email-address", 1, 10),
    ]


def test_an_impossible_date_does_not_crash_the_yaml_reader() -> None:
    marked, problems = load_marked_yaml("start: 2026-02-30\nother: 2026-02-03\n", "x.yml")
    assert problems == [] and marked is not None
    assert marked.data["start"] == "2026-02-30"
    assert str(marked.data["other"]) == "2026-02-03"


def test_the_repository_cohorts_are_valid() -> None:
    settings = read_settings(ROOT)
    library = load_library(settings).library
    out = load_cohorts(settings.peer_groups_dir, library.by_id(), settings.forum.category)
    assert out.problems == []
    assert len(out.cohorts) >= 2
    assert {c.track for c in out.cohorts} >= {None, "new-manager-12"}


@pytest.mark.parametrize(
    ("source", "fault", "expected"),
    [
        # the group name is too long whatever the curriculum holds
        (
            "group-too-long.yml",
            ("  - coaching-cadence", "  - coaching-cadense"),
            [("id-too-long", 1, 5), ("unknown-playbook", 13, 5)],
        ),
        (
            "group-too-long.yml",
            ("curriculum:\n  - first-90-days\n  - coaching-cadence\n", "curriculum: no-such-track\n"),
            [("id-too-long", 1, 5), ("unknown-track", 11, 13)],
        ),
        # the external id is checked against the playbooks that are known
        (
            "id-too-long.yml",
            ("  - first-90-days", "  - first-90-dayz"),
            [("id-too-long", 1, 5), ("unknown-playbook", 12, 5)],
        ),
    ],
)
def test_id_length_is_checked_when_the_curriculum_has_another_error(
    tmp_path: Path, source: str, fault: tuple[str, str], expected: list[tuple[str, int, int]]
) -> None:
    text = (CORPUS / "bad" / source).read_text(encoding="utf-8")
    assert fault[0] in text
    text = text.replace(fault[0], fault[1])
    broken = tmp_path / "in" / source
    broken.parent.mkdir()
    broken.write_text(text, encoding="utf-8")
    assert check_alone(tmp_path, broken) == expected
