"""`playbooks cohorts --format json` for other tools, and the facilitator pages agreeing with what the tools do."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from sales_playbooks.cli import main
from sales_playbooks.cohorts.check import repository_cohorts
from sales_playbooks.cohorts.render import cohort_post
from sales_playbooks.loader import load_library
from sales_playbooks.settings import read_settings
from tests.minirepo import copy_repo

ROOT = Path(__file__).parent.parent
SITE = "https://sales-leader-playbooks.github.io/playbooks/"
FORUM = "https://forum.sales-leader-playbooks.org"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repo(tmp_path_factory.mktemp("status"))
    shutil.copytree(ROOT / "peer-groups", root / "peer-groups")
    return root


def emea(root: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["cohorts", "--root", str(root), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = {c["id"]: c for c in json.loads(result.output)["cohorts"]}["emea-nov"]
    return found


@pytest.mark.parametrize(
    ("args", "state", "weeks"),
    [
        (("--today", "2026-11-01"), "upcoming", ["next"] + ["upcoming"] * 5),
        (("--now", "2026-11-02T06:59:59Z"), "upcoming", ["next"] + ["upcoming"] * 5),  # 07:59:59 in Berlin
        (("--now", "2026-11-02T07:00:00Z"), "running", ["released (current)", "next"] + ["upcoming"] * 4),
        (("--today", "2026-12-13"), "running", ["released"] * 5 + ["released (current)"]),  # the last week's end
        (("--today", "2026-12-14"), "finished", ["released"] * 6),
        (("--today", "2027-06-01"), "finished", ["released"] * 6),
    ],
)
def test_status_is_upcoming_running_or_finished(
    repo: Path, args: tuple[str, ...], state: str, weeks: list[str]
) -> None:
    found = emea(repo, *args)
    assert found["status"] == state
    assert [w["status"] for w in found["weeks"]] == weeks


def test_members_are_a_list_and_each_week_has_its_page_and_topic(repo: Path) -> None:
    found = emea(repo, "--today", "2026-11-23")
    assert found["members"] == ["lukas_brandt", "amara.osei", "sofia-marchetti", "pieter.devries", "nadia_haddad"]
    assert found["facilitators"] == ["ingrid.solberg"]
    week = found["weeks"][2]
    assert week["page_url"] == f"{SITE}playbooks/coaching-cadence/"
    assert week["topic_url"] == f"{FORUM}/t/external_id/cg_emea-nov_coaching-cadence"
    assert week["release_at"] == "2026-11-16T08:00:00+01:00"
    assert found["release_time"] == "08:00" and found["meets"] is None and found["now"] is None
    assert "call_url" not in json.dumps(found)


def test_the_table_shows_the_status_too(repo: Path) -> None:
    result = CliRunner().invoke(main, ["cohorts", "--root", str(repo), "--today", "2027-06-01"], terminal_width=200)
    assert result.exit_code == 0
    assert "released (current)" not in result.output
    assert "2026-11-02, Europe/Berlin; today is 2027-06-01; finished" in result.output


# The facilitators' pages ------------------------------------------------------------------------


@pytest.mark.parametrize(("track", "table"), [("new-manager-12", 0), ("first-year-9", 1)])
def test_the_facilitator_path_tables_are_the_tracks(track: str, table: int) -> None:
    tracks = yaml.safe_load((ROOT / "peer-groups" / "tracks.yml").read_text(encoding="utf-8"))
    page = (ROOT / "docs" / "paths" / "facilitator.md").read_text(encoding="utf-8")
    tables = [t for t in re.split(r"\n(?=## )", page) if re.search(r"^\| 1 \| ", t, re.M)]
    assert len(tables) == 2
    assert f"`curriculum: {track}`" in page
    rows = re.findall(r"^\| (\d+) \| \[(.+?)\]\(\.\./playbooks/([a-z0-9-]+)\.md\) \|$", tables[table], re.M)
    assert [int(n) for n, _, _ in rows] == list(range(1, len(tracks[track]) + 1))
    assert [pid for _, _, pid in rows] == tracks[track]
    titles = {p.id: p.title for p in load_library(read_settings(ROOT)).library.playbooks}
    assert [title for _, title, _ in rows] == [titles[pid] for pid in tracks[track]]


def test_the_peer_group_playbook_describes_what_the_sync_posts() -> None:
    """The forum opens each week's topic with the summary, questions and checklist; nobody has to post it."""
    text = (ROOT / "playbooks" / "finding-a-coach-mentor-or-peer-group.md").read_text(encoding="utf-8")
    assert "facilitator opens" not in text.lower() and "post the playbook" not in text.lower()
    assert "opens each week's thread by itself" in text and "thread opens on its own" in text
    settings = read_settings(ROOT)
    library = load_library(settings).library
    cohort = repository_cohorts(settings, library).cohorts[0]
    release = cohort.releases()[0]
    playbook = library.by_id()[release.playbook_id]
    raw = cohort_post(cohort, release, playbook, SITE, None)
    assert f"> {playbook.summary}" in raw and "## Discussion questions" in raw and "## Checklist" in raw
