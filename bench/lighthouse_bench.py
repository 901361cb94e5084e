"""Lighthouse benchmark: the built site served with gzip, scored by Lighthouse's mobile preset in Chromium.

Scores the home page, a playbook and the self-assessment, each several times (the median counts), for
performance, accessibility, best practices and SEO. Targets: performance at least 95, the others 100.
Prints each median with the page's main metrics, the audits that did not pass, Lighthouse's benchmark
index of this machine (its own measure of CPU speed: the mobile preset assumes a fast desktop and slows
it down fourfold) and the load average.

Lighthouse is pinned in bench/package.json and installed with `npm ci --prefix bench`; this script
installs nothing. Chromium is Debian's (CHROME_PATH, default /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from gzip_server import serving
from library import ROOT, bench_today

LIGHTHOUSE = Path(__file__).resolve().parent / "node_modules" / ".bin" / "lighthouse"
VERSION = "12.2.3"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
PAGES = {"home": "", "a playbook": "playbooks/first-90-days/", "the self-assessment": "self-assessment/"}
HOW_TO_INSTALL = (
    f"Lighthouse {VERSION} is not installed. Install it once with `npm ci --prefix bench` "
    "(needs Node.js 18.20 or later and npm: `sudo apt-get install nodejs npm` on Debian), then run this again."
)


def lighthouse_version() -> str | None:
    if not LIGHTHOUSE.is_file() or shutil.which("node") is None:
        return None
    found = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True)
    return found.stdout.strip() if found.returncode == 0 else None


def build_site(out: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLAYBOOKS_TODAY=bench_today().isoformat())
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(out)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{result.stderr[-3000:]}")


def run_once(url: str, report: Path, chrome: str, extra: list[str]) -> dict[str, Any]:
    flags = "--headless=new --no-sandbox --disable-gpu --no-first-run"
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        f"--chrome-flags={flags}",
        f"--only-categories={','.join(CATEGORIES)}",
        *extra,
    ]
    result = subprocess.run(command, env=dict(os.environ, CHROME_PATH=chrome), capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return data


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median scores and metrics of the runs, the benchmark index, and the audits failed in any run."""
    scores = {c: statistics.median(round(100 * r["categories"][c]["score"]) for r in runs) for c in CATEGORIES}
    metrics = {m: statistics.median(r["audits"][m]["numericValue"] for r in runs) for m in METRICS}
    index = statistics.median(r["environment"]["benchmarkIndex"] for r in runs)
    failed = set()
    for run in runs:
        for category in CATEGORIES[1:]:
            for ref in run["categories"][category]["auditRefs"]:
                audit = run["audits"][ref["id"]]
                if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                    failed.add(f"{category}: {ref['id']}")
    return {"scores": scores, "metrics": metrics, "index": index, "failed": sorted(failed)}


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median counts")
    parser.add_argument(
        "--cpu-slowdown",
        type=float,
        help="replace the mobile preset's fourfold CPU slowdown (Lighthouse's advice for a slow machine); "
        "the result is then no longer the preset's",
    )
    parser.add_argument("--site", type=Path, help="score this built site instead of building the project's")
    args = parser.parse_args()
    version = lighthouse_version()
    if version is None:
        print(HOW_TO_INSTALL)
        print("Lighthouse: NOT measured")
        return 1
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    extra = [f"--throttling.cpuSlowdownMultiplier={args.cpu_slowdown}"] if args.cpu_slowdown else []
    preset = f"mobile preset, CPU slowdown {args.cpu_slowdown}" if extra else "mobile preset"
    print(f"Lighthouse {version} ({preset}), {chrome}; load average (1, 5, 15 min): {load()}")
    met = True
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build_site(site)
        with serving(site) as (base, _):
            for name, path in PAGES.items():
                runs = [run_once(base + path, Path(tmp) / f"{n}.json", chrome, extra) for n in range(args.runs)]
                found = summary(runs)
                scores = found["scores"]
                met = met and all(scores[c] >= TARGETS[c] for c in CATEGORIES)
                shown = ", ".join(f"{c} {scores[c]:g}" for c in CATEGORIES)
                print(f"{name} (/{path}), median of {args.runs}: {shown}")
                m = found["metrics"]
                fcp, lcp = m["first-contentful-paint"] / 1000, m["largest-contentful-paint"] / 1000
                print(
                    f"    FCP {fcp:.1f} s, LCP {lcp:.1f} s, TBT {m['total-blocking-time']:.0f} ms,"
                    f" CLS {m['cumulative-layout-shift']:.2f}; benchmark index {found['index']:.0f}"
                )
                for audit in found["failed"]:
                    print(f"    not passed: {audit}")
    targets = ", ".join(f"{c} {'at least ' if TARGETS[c] < 100 else ''}{TARGETS[c]}" for c in CATEGORIES)
    print(f"load average after: {load()}")
    print(f"targets ({targets}) on every page: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
