"""Forum sync benchmark: requests against the floor, and time against the rate limit, through the real
`playbooks sync` (one process per run) into the Discourse double.

Scenarios (tests/sync_floor.py, which the request-count tests share): a first sync of 100 playbooks into
an empty forum; 100 new added to 100 synced, with and without the state file; 5 of 100 changed. For each
it prints the requests, the floor (creates + updates + one per 30 listed topics) and their ratio (target
at most 1.05); how many of the requests read one topic each and how many read a page of the forum's
latest posts (without the state file, those find the topics that already show their playbook); and
the wall time against the least the rate allows (requests / rate), for the whole command and for its
requests alone (target at most 1.15). The double's admin limit is 60 requests per 6 s and the client is
told the same (DISCOURSE_RATE_LIMIT=600). The last lines say whether each target is met, naming the
scenarios that miss it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.sync_floor import SCENARIOS, TARGET, Measured  # noqa: E402
from tests.sync_harness import Run, SyncEnv, sync_env  # noqa: E402

RATE = 600  # requests a minute: the double's 60 per 6 s
TIME_TARGET = 1.15


def in_a_process(env: SyncEnv) -> Run:
    """One `playbooks sync` in its own process, in a fresh rate-limit window (as a scheduled run would be)."""
    env.double.reset_rate_limits()
    return env.run_process()


def paced_seconds(measured: Measured) -> float:
    """From the first request to the last, plus the one interval the last one takes."""
    times = [r.time for r in measured.run.requests]
    return max(times) - min(times) + 60.0 / RATE if times else 0.0


def main() -> None:
    results: list[Measured] = []
    for key, scenario in SCENARIOS.items():
        with tempfile.TemporaryDirectory() as tmp, sync_env(Path(tmp), admin_rate_limit=(60, 6.0)) as env:
            env.rate = RATE
            results.append(scenario(env, in_a_process))
            print(f"  ran {key}", file=sys.stderr)
    print(f"forum sync: requests against the floor, time against {RATE} requests a minute")
    head = f"{'scenario':52} {'requests':>8} {'floor':>5} {'ratio':>6} {'topics':>6} {'latest':>6}"
    print(head + f" {'wall s':>7} {'least s':>7} {'wall/least':>10} {'paced/least':>11}")
    for m in results:
        least = m.requests / (RATE / 60)
        line = f"{m.name:52} {m.requests:8} {m.floor:5} {m.ratio:6.3f} {m.topic_reads:6} {m.latest_pages:6}"
        print(line + f" {m.seconds:7.2f} {least:7.2f} {m.seconds / least:10.3f} {paced_seconds(m) / least:11.3f}")
    print("(topics: reads of one topic; latest: pages of the forum's latest posts)")
    print("(wall: the whole command, start-up included; paced: its requests, first to last)")
    over = [m.name for m in results if m.ratio > TARGET]
    slow = [m.name for m in results if paced_seconds(m) / (m.requests / (RATE / 60)) > TIME_TARGET]
    print(verdict(f"requests <= {TARGET} x floor", over))
    print(verdict(f"paced time <= {TIME_TARGET} x requests / rate", slow))


def verdict(target: str, missed: list[str]) -> str:
    return f"target {target}: " + ("met" if not missed else "NOT met for " + "; ".join(missed))


if __name__ == "__main__":
    main()
