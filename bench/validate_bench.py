"""Validate benchmark: `playbooks validate` on 1,000 playbooks made from the real ones. Prints the best time.

Runs the command in a fresh interpreter each round, as a contributor or CI would, so start-up
(imports) counts too. Both the loading and the checking of every file are in the figure.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from build_bench import make_playbooks  # noqa: E402  # bench/, the script's own folder


def prepare(work: Path, count: int) -> Path:
    """A repository with `count` playbooks, the real docs and data, and no skills file."""
    repo = work / "repo"
    shutil.copytree(ROOT / "docs", repo / "docs")
    shutil.copytree(ROOT / "data", repo / "data", ignore=shutil.ignore_patterns("activity.json"))
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    make_playbooks(repo / "playbooks", count)
    return repo


def timed_validate(repo: Path) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds) of one run; CPU time is the steadier figure on a busy machine."""
    env = dict(os.environ, PLAYBOOKS_TODAY="2026-11-23")
    command = [str(Path(sys.executable).parent / "playbooks"), "validate", "--root", str(repo)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"validate failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3, help="runs; the fastest counts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
        repo = prepare(Path(tmp), args.count)
        runs = [timed_validate(repo) for _ in range(args.rounds)]
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    print(f"playbooks: {args.count}")
    print(f"playbooks validate, CPU: {min(cpus):.2f} s  (runs: {', '.join(f'{t:.2f}' for t in cpus)})")
    print(f"playbooks validate, wall clock: {min(walls):.2f} s  (runs: {', '.join(f'{t:.2f}' for t in walls)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
