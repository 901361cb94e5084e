"""Forum sync benchmark: 120 new playbooks through the real `playbooks sync` into the Discourse double.

The double's admin API limit is scaled to 60 requests per 6 seconds (600 a minute) and the client
is told the same (DISCOURSE_RATE_LIMIT=600). Prints the requests made, the 429s received, the wall
time, the least time the limit allows (requests / rate), their ratio (target at most 1.15) and the
failures (target 0); then the request counts of a sync with no change and of one with one change.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generated import renamed  # noqa: E402  # bench/, the script's own folder

from tests.discourse_double import DiscourseDouble, RequestRecord  # noqa: E402

COUNT = 120
RATE = 600  # requests a minute: the double's 60 per 6 s
OTHER_PLAYBOOK = re.compile(r"\[([^\]]+)\]\((?:\.\./self-assessment|[a-z0-9-]+)\.md(#[^)]*)?\)")


def make_repo(target: Path, count: int) -> None:
    """mkdocs.yml, data/, the glossary and `count` valid playbooks made from the real ones."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "data", target / "data", ignore=shutil.ignore_patterns("activity.json"))
    (target / "docs").mkdir()
    for name in ("index.md", "glossary.md"):
        shutil.copy(ROOT / "docs" / name, target / "docs" / name)
    folder = target / "playbooks"
    folder.mkdir()
    sources = sorted((ROOT / "playbooks").glob("*.md"))
    for n in range(count):
        text = sources[n % len(sources)].read_text(encoding="utf-8")
        pid, text = renamed(text, n)
        text = re.sub(r"^related: .*\n", "", text, count=1, flags=re.M)
        text = OTHER_PLAYBOOK.sub(lambda m: m.group(1), text)
        (folder / f"{pid}.md").write_text(text, encoding="utf-8")


def sync(root: Path, env: dict[str, str], double: DiscourseDouble) -> tuple[float, list[RequestRecord], dict[str, Any]]:
    """One `playbooks sync --format json` in its own process: (seconds, requests seen, report)."""
    before = len(double.requests)
    command = [str(Path(sys.executable).parent / "playbooks"), "sync", "--root", str(root), "--format", "json"]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 3):
        sys.exit(f"sync exited {done.returncode}:\n{done.stderr}")
    report: dict[str, Any] = json.loads(done.stdout)
    report["exit"] = done.returncode
    return wall, list(double.requests[before:]), report


def main() -> None:
    double = DiscourseDouble(admin_rate_limit=(60, 6.0))
    double.add_user("sync-bot", admin=True)
    key = double.api_key_for("sync-bot")
    double.start()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_repo(root, COUNT)
        env = {
            **os.environ,
            "DISCOURSE_URL": double.url,
            "DISCOURSE_API_KEY": key,
            "DISCOURSE_API_USERNAME": "sync-bot",
            "DISCOURSE_RATE_LIMIT": str(RATE),
            "GITHUB_SHA": "",
        }
        wall, seen, report = sync(root, env, double)
        statuses = Counter(r.status for r in seen)
        failed = [r for r in report["results"] if not r["ok"]]
        server_errors = sum(n for s, n in statuses.items() if s is None or s >= 500)
        topics = [t for t in double.topics(include_deleted=False) if t.external_id]
        least = len(seen) / (RATE / 60)
        print(f"sync of {COUNT} new playbooks (admin limit 60 per 6 s; client told {RATE}/min)")
        print(f"  requests made        {len(seen)}")
        print(f"  429s received       {statuses[429]}")
        paced = seen[-1].time - seen[0].time
        paced_least = (len(seen) - 1) / (RATE / 60)
        print(f"  wall time           {wall:.2f} s (the whole command: start-up, loading, then the requests)")
        print(f"  least possible time {least:.2f} s (requests / rate)")
        print(f"  ratio wall/least    {wall / least:.3f} (target <= 1.15)")
        print(f"  of which requests   {paced:.2f} s, first to last (ratio to their least {paced / paced_least:.3f})")
        print(f"  and the rest        {wall - paced:.2f} s (start-up: imports, loading and rendering the playbooks)")
        print(f"  failures            {len(failed) + server_errors} (target 0); exit {report['exit']}")
        print(f"  topics in the forum {len(topics)} of {COUNT}")
        time.sleep(6.0)  # a fresh window, so the next two runs are not slowed by the first
        _, unchanged, report = sync(root, env, double)
        print(f"no-change sync: {len(unchanged)} requests ({report['summary']})")
        for topic in double.topics():
            for post in double.posts_of(topic.id):
                double.age_post(post.id, 3600)
        path = root / "playbooks" / "bench-0007.md"
        path.write_text(path.read_text(encoding="utf-8").replace("## Checklist\n", "## Checklist\n\n- [ ] Note it.\n"))
        _, one, report = sync(root, env, double)
        print(f"one-change sync: {len(one)} requests ({report['summary']})")
    double.stop()


if __name__ == "__main__":
    main()
