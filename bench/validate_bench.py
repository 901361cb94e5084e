"""Validate benchmark: `playbooks validate` (content rules included) on 1,000 playbooks made from the real ones.

Runs the command in a fresh interpreter each round, as a contributor or CI would, so start-up
(imports) counts too. Both the loading and the checking of every file are in the figure. The baseline,
measured in the same run, is the least any checker does: a fresh interpreter that reads every file's
front matter with python-frontmatter and parses its body with markdown-it-py. The ratio is printed.
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

from library import bench_today, make_playbooks  # noqa: E402  # bench/, the script's own folder

BASELINE = """
import sys, pathlib, frontmatter, markdown_it
parser = markdown_it.MarkdownIt("commonmark")
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.md")):
    post = frontmatter.loads(path.read_text(encoding="utf-8"))
    parser.parse(post.content)
"""


def prepare(work: Path, count: int) -> Path:
    """A repository with `count` playbooks, the real docs and data, and no skills file."""
    repo = work / "repo"
    shutil.copytree(ROOT / "docs", repo / "docs")
    shutil.copytree(ROOT / "data", repo / "data", ignore=shutil.ignore_patterns("activity.json"))
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    make_playbooks(repo / "playbooks", count)
    return repo


def timed(command: list[str]) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds) of one run; CPU time is the steadier figure on a busy machine."""
    env = dict(os.environ, PLAYBOOKS_TODAY=bench_today().isoformat())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{command[1]} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3, help="runs; the fastest counts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
        repo = prepare(Path(tmp), args.count)
        validate = [str(Path(sys.executable).parent / "playbooks"), "validate", "--root", str(repo)]
        baseline = [sys.executable, "-c", BASELINE, str(repo / "playbooks")]
        runs, bases = [], []
        for _ in range(args.rounds):  # alternating, so both see the same load
            runs.append(timed(validate))
            bases.append(timed(baseline))
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    base_cpu = min(c for _, c in bases)
    print(f"playbooks: {args.count}")
    print(f"playbooks validate, CPU: {min(cpus):.2f} s  (runs: {', '.join(f'{t:.2f}' for t in cpus)})")
    print(f"playbooks validate, wall clock: {min(walls):.2f} s  (runs: {', '.join(f'{t:.2f}' for t in walls)})")
    print(f"baseline (read and parse every file), CPU: {base_cpu:.2f} s")
    print(f"ratio to the baseline, CPU: {min(cpus) / base_cpu:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
