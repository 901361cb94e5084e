"""The sync state file: a cache that round-trips, and reads as empty whenever it cannot be trusted."""

from __future__ import annotations

from pathlib import Path

from sales_playbooks.sync.state import SyncState, TopicRecord, load_state, save_state

FORUM = "https://forum.example.org"


def state(count: int = 3) -> SyncState:
    topics = {
        f"pb_play-{n}": TopicRecord(f"pb_play-{n}", 10 + n, 100 + n, f"{n:064x}", 2, f"playbooks/play-{n}.md", n == 1)
        for n in range(count)
    }
    return SyncState(FORUM, {"Playbooks": 5}, topics)


def test_round_trip_and_one_line_per_topic(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    save_state(path, state())
    back = load_state(path, FORUM)
    assert back == state()
    assert len(path.read_text().splitlines()) == 3 + 2
    save_state(path, SyncState(FORUM))
    assert load_state(path, FORUM) == SyncState(FORUM)
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temporary file left behind


def test_untrustworthy_files_read_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    assert load_state(path, FORUM) == SyncState(FORUM)  # missing
    save_state(path, state())
    assert load_state(path, "https://another.example.org") == SyncState("https://another.example.org")
    text = path.read_text()
    path.write_text(text[: len(text) // 2])  # torn
    assert load_state(path, FORUM) == SyncState(FORUM)
    path.write_text(text.replace('"format": 1', '"format": 99'))
    assert load_state(path, FORUM) == SyncState(FORUM)
