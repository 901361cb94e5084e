"""What changed, from git: each page's last change, the What's new page and its Atom feed; none without history."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sales_playbooks.history import parse_log, read_history
from sales_playbooks.settings import read_settings
from sales_playbooks.site_build import assemble
from sales_playbooks.whats_new import FEED_URI, PAGE_URI
from tests.minirepo import PLAYBOOK, make_repo

ATOM = "{http://www.w3.org/2005/Atom}"
TODAY = "2026-03-01"
OTHER = PLAYBOOK.replace("id: weekly-pipeline-review", "id: monthly-forecast-call").replace(
    "title: Holding a weekly pipeline review", "title: Running a monthly forecast call"
)


def git(repo: Path, *args: str, when: str = "2026-01-10T09:00:00+00:00") -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="A",
        GIT_AUTHOR_EMAIL="a@example.org",
        GIT_COMMITTER_NAME="A",
        GIT_COMMITTER_EMAIL="a@example.org",
        GIT_AUTHOR_DATE=when,
        GIT_COMMITTER_DATE=when,
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    done = subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def history_repo(tmp_path: Path) -> Path:
    """A small repository with three days of history: a playbook added, a second added, the first changed."""
    (tmp_path / "repo").mkdir()
    repo = make_repo(tmp_path / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start", when="2026-01-10T09:00:00+00:00")
    (repo / "playbooks" / "monthly-forecast-call.md").write_text(OTHER, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a second playbook", when="2026-02-03T10:00:00+00:00")
    first = repo / "playbooks" / "weekly-pipeline-review.md"
    first.write_text(first.read_text(encoding="utf-8").replace("goes stale", "goes stale fast"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "reword", when="2026-02-20T16:30:00+01:00")
    return repo


def test_a_page_shows_when_its_own_file_last_changed(history_repo: Path) -> None:
    site = assemble(read_settings(history_repo), TODAY).site
    assert site is not None
    assert site.page_meta("playbooks/weekly-pipeline-review.md") == {
        "last_changed": {"date": "2026-02-20", "text": "20 February 2026"}
    }
    assert site.page_meta("playbooks/monthly-forecast-call.md")["last_changed"]["date"] == "2026-02-03"
    assert site.page_meta("index.md")["last_changed"]["date"] == "2026-01-10", "docs/index.md: its own file"
    assert site.page_meta("playbooks/index.md")["last_changed"]["date"] == "2026-02-20", "the newest playbook"


def test_whats_new_lists_new_and_updated_playbooks_by_day_in_readers_words(history_repo: Path) -> None:
    site = assemble(read_settings(history_repo), TODAY).site
    assert site is not None
    page = site.pages[PAGE_URI]
    days = [line for line in page.splitlines() if line.startswith("## ")]
    assert days == [
        "## 20 February 2026 { #2026-02-20 }",
        "## 3 February 2026 { #2026-02-03 }",
        "## 10 January 2026 { #2026-01-10 }",
    ]
    assert page.index("**Updated:** [Holding a weekly pipeline review]") < page.index("## 3 February")
    assert "**New playbook:** [Running a monthly forecast call](playbooks/monthly-forecast-call.md)" in page
    assert page.count("**New playbook:** [Holding a weekly pipeline review]") == 1
    assert "reword" not in page and "a second playbook" not in page, "commit subjects are not reader words"
    assert f"[feed of this page]({FEED_URI})" in page


def test_the_feed_carries_the_same_changes_with_stable_ids(history_repo: Path) -> None:
    site = assemble(read_settings(history_repo), TODAY).site
    again = assemble(read_settings(history_repo), TODAY).site
    assert site is not None and again is not None
    assert site.files[FEED_URI] == again.files[FEED_URI]
    feed = ET.fromstring(site.files[FEED_URI].encode())  # noqa: S314  # the feed this build wrote
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated") == "2026-02-20T15:30:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Updated: Holding a weekly pipeline review",
        "New playbook: Running a monthly forecast call",
        "New playbook: Holding a weekly pipeline review",
    ]
    ids = [e.findtext(f"{ATOM}id") or "" for e in entries]
    assert len(set(ids)) == 3 and all(i.startswith("tag:sales-leader-playbooks.github.io,2026-") for i in ids)
    links = [e.find(f"{ATOM}link") for e in entries]
    assert links[0] is not None
    assert (
        links[0].get("href") == "https://sales-leader-playbooks.github.io/playbooks/playbooks/weekly-pipeline-review/"
    )


def test_without_history_the_site_builds_and_says_so(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)  # no git repository at all
    assert read_history(repo) is None
    site = assemble(read_settings(repo), TODAY).site
    assert site is not None
    assert site.page_meta("playbooks/weekly-pipeline-review.md") == {}
    assert "built without its change history" in site.pages[PAGE_URI]
    feed = ET.fromstring(site.files[FEED_URI].encode())  # noqa: S314  # the feed this build wrote
    assert feed.findall(f"{ATOM}entry") == [] and feed.findtext(f"{ATOM}updated") == "2026-03-01T00:00:00Z"


def test_a_shallow_clone_has_no_history_to_trust(history_repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{history_repo}", str(clone)], check=True, capture_output=True
    )
    assert read_history(history_repo) is not None
    assert read_history(clone) is None, "its one commit would date every file to the day of the clone"
    site = assemble(read_settings(clone), TODAY).site
    assert site is not None and site.changed == {}


def test_the_log_parser_keeps_additions_and_skips_deletions() -> None:
    text = "\x1eabc\x1f2026-01-02T03:04:05+02:00\n\nA\tplaybooks/a.md\nD\tplaybooks/b.md\nR087\told.md\tnew.md\n"
    changes = parse_log(text)
    assert [(c.path, c.status) for c in changes] == [("playbooks/a.md", "added"), ("new.md", "changed")]
    assert changes[0].when == dt.datetime(2026, 1, 2, 1, 4, 5, tzinfo=dt.UTC)
