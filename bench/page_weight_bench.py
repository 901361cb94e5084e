"""Page weight benchmark: one playbook page's HTML and the whole build as the library grows, with and without
the light sidebar (the theme's navigation.prune, and the plugin's window on a long stage).

Builds a generated library (bench/library.py) of 19 and of 500 playbooks with the project's mkdocs.yml, and
the 500 once more with the light sidebar turned off (the site as it was before it): prints the HTML of one
playbook page in the largest stage at each size, the site's HTML, and the build times, alternating the two
500 builds. Targets: the page at 500 at most 1.5 times its size at 19; the build at 500 at most 0.8 times
the build without the light sidebar (CPU time of the build, which the machine's load disturbs least).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from library import bench_today, config, make_repo

PAGE = "playbooks/bench-0000/index.html"  # a playbook of the largest stage ("Leading the team")
PAGE_TARGET, BUILD_TARGET = 1.5, 0.8


def without_light_sidebar(text: str) -> str:
    """mkdocs.yml as it was: no navigation.prune, every playbook of a stage listed however long it is."""
    lines = [line for line in text.splitlines() if line.strip() != "- navigation.prune"]
    text = "\n".join(lines) + "\n"
    return text.replace("\n  - playbooks\n", "\n  - playbooks:\n      sidebar_window: 1000000\n", 1)


def build(repo: Path) -> tuple[float, float]:
    """Build the site; (wall seconds, CPU seconds of the build)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLAYBOOKS_TODAY=bench_today().isoformat())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(repo / "site")],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"build failed in {repo}:\n{result.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def html_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*.html"))


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=19)
    parser.add_argument("--large", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=1, help="builds of each kind at the large size; the least counts")
    args = parser.parse_args()
    print(f"load average (1, 5, 15 min): {load()}")
    with tempfile.TemporaryDirectory(prefix="bench-weight-") as tmp:
        work = Path(tmp)
        small = make_repo(work / "small", args.small)
        large = make_repo(work / "large", args.large)
        before = make_repo(work / "before", args.large, without_light_sidebar(config()))
        build(small)
        times: dict[Path, list[tuple[float, float]]] = {large: [], before: []}
        for _ in range(args.rounds):  # alternate, so both kinds see the same machine state
            for repo in (before, large):
                times[repo].append(build(repo))
        page = {repo: (repo / "site" / PAGE).stat().st_size for repo in (small, large, before)}
        site = {repo: html_bytes(repo / "site") for repo in (small, large, before)}
    page_ratio = page[large] / page[small]
    kb = {repo: f"{size / 1024:.1f} KB" for repo, size in page.items()}
    mb = {repo: f"{size / 2**20:.1f} MB" for repo, size in site.items()}
    print(f"one playbook page's HTML ({PAGE}):")
    print(f"  {args.small} playbooks: {kb[small]}")
    print(f"  {args.large} playbooks: {kb[large]}; without the light sidebar {kb[before]}")
    print(f"  ratio {args.large}/{args.small}: {page_ratio:.2f}")
    print(f"  target at most {PAGE_TARGET}: {verdict(page_ratio, PAGE_TARGET)}")
    print(f"the site's HTML: {args.small} playbooks {mb[small]}, {args.large} playbooks {mb[large]}")
    print(f"  without the light sidebar at {args.large}: {mb[before]}")
    wall = {repo: min(t[0] for t in runs) for repo, runs in times.items()}
    cpu = {repo: min(t[1] for t in runs) for repo, runs in times.items()}
    build_ratio = cpu[large] / cpu[before]
    print(f"the build at {args.large} playbooks (least of {args.rounds}):")
    print(f"  without the light sidebar: {cpu[before]:.1f} s CPU, {wall[before]:.1f} s wall")
    print(f"  with it:                   {cpu[large]:.1f} s CPU, {wall[large]:.1f} s wall")
    print(f"  ratio: {build_ratio:.2f} CPU, {wall[large] / wall[before]:.2f} wall")
    print(f"  target at most {BUILD_TARGET} (CPU): {verdict(build_ratio, BUILD_TARGET)}")
    print(f"load average after: {load()}")
    return 0


def verdict(ratio: float, target: float) -> str:
    return "met" if ratio <= target else "NOT met"


if __name__ == "__main__":
    sys.exit(main())
