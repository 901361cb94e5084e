"""`playbooks activity` against the double, then a real `mkdocs build` that shows the counts offline."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cohort_support import run_command
from tests.discourse_double import DiscourseDouble
from tests.discourse_double.faults import Faults
from tests.minirepo import copy_repo
from tests.sync_harness import BOT, SyncEnv

NO_NETWORK = """\
import socket

def _refuse(*args, **kwargs):
    raise OSError("the site build tried to use the network")

socket.socket.connect = _refuse
socket.create_connection = _refuse
"""


@pytest.fixture
def site_forum(tmp_path: Path) -> Iterator[SyncEnv]:
    """The whole repository (every playbook) synced to a fresh double, with two readers on the forum."""
    double = DiscourseDouble(admin_rate_limit=(1000, 10.0))
    double.add_user(BOT, admin=True)
    double.add_user("mod-maria", moderator=True, trust_level=4)
    double.add_user("seller-sam")
    double.add_user("lena.fischer")
    root = tmp_path / "repo"
    root.mkdir()
    copy_repo(root)
    double.start()
    try:
        env = SyncEnv(double, root, double.api_key_for(BOT))
        assert env.run().code == 0
        yield env
        assert env.spec_problems == [], "\n".join(env.spec_problems[:20])
    finally:
        double.stop()


def activity(env: SyncEnv, *args: str) -> tuple[int, str, int]:
    return run_command(env, "activity", *args)


def discuss(env: SyncEnv) -> dict[str, int]:
    topics = {k.removeprefix("pb_"): t.id for k, t in env.synced().items()}
    double = env.double
    first = double.post_reply("seller-sam", topics["first-90-days"], "We used the 30-60-90 plan and it kept me honest.")
    double.post_reply("lena.fischer", topics["first-90-days"], "The listening tour in week one changed my priorities.")
    double.post_reply("seller-sam", topics["first-90-days"], "Follow-up: the team now runs its own pipeline review.")
    double.like("lena.fischer", first.id)
    double.post_reply("mod-maria", topics["coaching-cadence"], "Weekly one-to-ones, thirty minutes, same slot.")
    return topics


def test_activity_writes_the_counts_read_from_the_forum(site_forum: SyncEnv) -> None:
    topics = discuss(site_forum)
    code, output, requests = activity(site_forum)
    assert code == 0, output
    data = json.loads((site_forum.root / "data" / "activity.json").read_text(encoding="utf-8"))
    assert data["forum"] == site_forum.double.url
    entries = data["topics"]
    assert len(entries) == len(topics) == len(list((site_forum.root / "playbooks").glob("*.md")))
    first = entries["first-90-days"]
    assert {k: first[k] for k in ("topic_id", "replies", "participants", "likes")} == {
        "topic_id": topics["first-90-days"],
        "replies": 3,
        "participants": 2,
        "likes": 1,
    }
    assert first["url"].endswith(f"/{topics['first-90-days']}") and first["last_activity"].startswith("20")
    assert entries["coaching-cadence"]["replies"] == 1 and entries["coaching-cadence"]["participants"] == 1
    assert entries["hiring-the-right-people"]["replies"] == 0
    # Topic ids come from the sync's state file: one read per topic, no lookups.
    assert requests == len(topics), output
    assert f"({requests} requests)" in output


def test_activity_without_state_looks_topics_up_once_then_remembers_them(site_forum: SyncEnv) -> None:
    count = len(site_forum.synced())
    (site_forum.root / ".playbooks-sync-state.json").unlink()
    code, output, requests = activity(site_forum)
    assert code == 0 and requests == 2 * count, output  # a lookup by external_id, then the topic
    code, output, requests = activity(site_forum)
    assert code == 0 and requests == count, output  # the ids remembered in data/activity.json


def test_a_failed_read_keeps_the_old_file(site_forum: SyncEnv) -> None:
    assert activity(site_forum)[0] == 0
    target = site_forum.root / "data" / "activity.json"
    before = target.read_text(encoding="utf-8")
    site_forum.double.faults = Faults(server_error_rate=1.0)  # every request fails with a 500
    code, output, _ = activity(site_forum)
    assert code == 3, output
    assert "is unchanged" in output
    assert target.read_text(encoding="utf-8") == before
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".activity-")]


def build(repo: Path, guard: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` with every socket connection refused: the build must not need the network."""
    guard.mkdir(exist_ok=True)
    (guard / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    # The posts' day in UTC, as the forum stamps them, so "last active today" holds on any machine.
    today = dt.datetime.now(dt.UTC).date().isoformat()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(guard), PLAYBOOKS_TODAY=today)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(repo / "site")],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_the_built_site_shows_the_counts_and_the_most_discussed(site_forum: SyncEnv, tmp_path: Path) -> None:
    topics = discuss(site_forum)
    repo = site_forum.root
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("comments: false", "comments: true")
    # The site only shows activity read from its configured forum: here, the double.
    text = text.replace("url: https://forum.sales-leader-playbooks.org", f"url: {site_forum.double.url}")
    assert site_forum.double.url in text
    config.write_text(text, "utf-8")

    bare = build(repo, tmp_path / "guard")  # no data file yet: everything builds as before
    assert bare.returncode == 0, bare.stderr
    home = (repo / "site" / "index.html").read_text(encoding="utf-8")
    assert "Most discussed" not in home and "playbooks:most-discussed" in home
    page = (repo / "site" / "playbooks" / "first-90-days" / "index.html").read_text(encoding="utf-8")
    assert "Share what you tried and ask what worked for others." in page
    assert "/t/external_id/pb_first-90-days" in page
    assert "discourse-comments" not in page  # no topic id known: no embed

    assert activity(site_forum)[0] == 0
    site_forum.double.stop()  # the build must not need the forum
    built = build(repo, tmp_path / "guard")
    assert built.returncode == 0, built.stderr
    page = (repo / "site" / "playbooks" / "first-90-days" / "index.html").read_text(encoding="utf-8")
    assert "3 replies · 2 people · 1 like · last active today" in page
    url = json.loads((repo / "data" / "activity.json").read_text(encoding="utf-8"))["topics"]["first-90-days"]["url"]
    assert f'href="{url}"' in page  # "Join the discussion" goes straight to the topic
    assert '<div id="discourse-comments"' in page and f"topicId: {topics['first-90-days']}," in page
    home = (repo / "site" / "index.html").read_text(encoding="utf-8")
    assert "Most discussed" in home
    assert "was read from the forum" not in built.stderr
    listed = home[home.index("Most discussed") :]
    assert listed.index("first 90 days") < listed.index("Coaching your team")
    assert "3 replies · 2 people" in listed and "1 reply · 1 person" in listed
    quiet = (repo / "site" / "playbooks" / "hiring-the-right-people" / "index.html").read_text(encoding="utf-8")
    assert "No replies yet: be the first to share how it went." in quiet


def test_most_discussed_ranks_by_replies_then_people_then_recency() -> None:
    from sales_playbooks.activity import MARKER, most_discussed
    from sales_playbooks.discussion import comments_meta, home_markdown
    from sales_playbooks.loader import load_library
    from sales_playbooks.settings import ForumSettings, read_settings

    library = load_library(read_settings(Path(__file__).parent.parent)).library
    data = {
        "coaching-cadence": {"replies": 4, "participants": 2, "last_activity": "2026-11-01T10:00:00Z"},
        "first-90-days": {"replies": 4, "participants": 3, "last_activity": "2026-10-01T10:00:00Z"},
        "managing-the-pipeline": {"replies": 4, "participants": 2, "last_activity": "2026-11-20T10:00:00Z"},
        "hiring-the-right-people": {"replies": 0, "participants": 0},
        "forecasting-for-new-managers": {"replies": 1, "participants": True},  # a bad count counts as 0
    }
    ranked = [p.id for p, _ in most_discussed(library, data)]
    assert ranked == ["first-90-days", "managing-the-pipeline", "coaching-cadence", "forecasting-for-new-managers"]
    today = dt.date(2026, 11, 23)
    page = home_markdown(f"# Home\n\n{MARKER}\n", library, data, today)
    assert "## Most discussed" in page and MARKER not in page
    assert "- [Your first 90 days as a sales manager](playbooks/first-90-days.md): 4 replies · 3 people" in page
    assert home_markdown(f"# Home\n\n{MARKER}\n", library, {}, today) == f"# Home\n\n{MARKER}\n"
    on = ForumSettings(url="https://forum.example.org", comments=True)
    assert comments_meta("first-90-days", on, {"topic_id": 7, "url": "https://forum.example.org/t/x/7"}) == {
        "forum_url": "https://forum.example.org/",
        "topic_id": 7,
        "url": "https://forum.example.org/t/x/7",
    }
    assert comments_meta("first-90-days", ForumSettings(url="https://forum.example.org"), {"topic_id": 7}) is None
    assert comments_meta("first-90-days", on, {"replies": 3}) is None  # no topic id: never an embed_url crawl


@pytest.mark.slow
def test_a_build_ignores_activity_from_another_forum(site_forum: SyncEnv, tmp_path: Path) -> None:
    """data/activity.json read from the double while mkdocs.yml names the real forum: links and counts are not used."""
    discuss(site_forum)
    assert activity(site_forum)[0] == 0
    double_url = site_forum.double.url
    site_forum.double.stop()
    repo = site_forum.root
    built = build(repo, tmp_path / "guard")
    assert built.returncode == 0, built.stderr  # --strict: an info line, not a warning
    assert "was read from the forum" in built.stderr
    page = (repo / "site" / "playbooks" / "first-90-days" / "index.html").read_text(encoding="utf-8")
    assert double_url not in page and "3 replies" not in page
    assert 'href="https://forum.sales-leader-playbooks.org/t/external_id/pb_first-90-days"' in page
