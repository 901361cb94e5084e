"""Site build benchmark: 1,000 playbooks through the plugin against the same pages as plain markdown.

Both builds use the same theme, extensions, plugins (search, tags), pages and navigation; the only
difference is whether the pages come from playbooks/ through the `playbooks` plugin (loading,
validating and rendering every file) or sit in docs/ already rendered, as `playbooks render` writes
them. Prints both times and their ratio.
Target: ratio at most 1.15. The bench repository has no playbooks/skills.yml, so neither build has
the self-assessment page.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from library import bench_today, make_repo  # noqa: E402  # bench/, the script's own folder

from sales_playbooks.commands.render_out import render_site  # noqa: E402
from sales_playbooks.loader import load_library  # noqa: E402
from sales_playbooks.settings import read_settings  # noqa: E402

TODAY = bench_today()


def prepare(work: Path, count: int) -> tuple[Path, Path]:
    with_plugin, plain = make_repo(work / "plugin", count), work / "plain"
    settings = read_settings(with_plugin)
    loaded = load_library(settings, today=TODAY)
    errors = [p.format() for p in loaded.problems if p.is_error]
    if errors:
        raise SystemExit("bench playbooks do not validate:\n" + "\n".join(errors[:20]))
    # The same pages and navigation as plain markdown, with the plugin left out of mkdocs.yml.
    _, problems = render_site(with_plugin, plain, TODAY.isoformat())
    if problems:
        raise SystemExit("bench playbooks do not render:\n" + "\n".join(problems[:20]))
    return with_plugin, plain


def timed_build(site: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLAYBOOKS_TODAY=TODAY.isoformat())
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site / "site")],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {site}:\n{result.stderr[-3000:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2, help="builds of each kind; the fastest counts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        with_plugin, plain = prepare(Path(tmp), args.count)
        plugin_times, plain_times = [], []
        for _ in range(args.rounds):  # alternate, so both kinds see the same machine state
            plain_times.append(timed_build(plain))
            plugin_times.append(timed_build(with_plugin))
        pages = len(list((with_plugin / "site" / "playbooks").glob("*/index.html")))
    best_plugin, best_plain = min(plugin_times), min(plain_times)
    print(f"playbooks: {args.count} (pages built through the plugin: {pages})")
    print(f"plain MkDocs + Material: {best_plain:.2f} s  (runs: {', '.join(f'{t:.2f}' for t in plain_times)})")
    print(f"through the plugin:      {best_plugin:.2f} s  (runs: {', '.join(f'{t:.2f}' for t in plugin_times)})")
    ratio = best_plugin / best_plain
    print(f"ratio plugin/plain: {ratio:.3f} (target at most 1.15: {'met' if ratio <= 1.15 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
