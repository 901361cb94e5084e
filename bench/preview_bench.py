"""Preview benchmark: from saving an edit to seeing it served, under `mkdocs serve --dirty` (what `make serve` runs).

For each library size, one server runs on a generated library (bench/library.py). Each round saves a
marker into one playbook, then into a plain markdown page of the same site (the glossary), and polls
that page every 50 ms until the marker is served (the server answers once its rebuild is done).
Prints the median of the rounds for both edits and their ratio (target: a playbook edit at most 1.2 times
a plain page edit), with the machine's load average before and after.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from library import bench_today, make_repo

POLL_S = 0.05
TARGET = 1.2
LIMIT_S = 300.0  # a save that has not shown after this long fails the bench (a stuck server, not a slow one)


class Server:
    """`mkdocs serve` in a repository: its address and its log. It answers a request only once the build under
    way (if any) is done, so a page that shows the marker comes from a finished build."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process, self.url = process, url
        self.watching = False
        self.log: list[str] = []
        self.changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self.changed:
                self.log.append(line.rstrip())
                self.watching = self.watching or "Serving on" in line  # printed once the files are watched
                self.changed.notify_all()

    def wait_ready(self) -> None:
        """Wait for the first build and for the files to be watched."""
        with self.changed:
            if not self.changed.wait_for(lambda: self.watching or self.process.poll() is not None, LIMIT_S):
                raise SystemExit("the server did not start:\n" + "\n".join(self.log[-20:]))
            if not self.watching:
                raise SystemExit("the server stopped:\n" + "\n".join(self.log[-40:]))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(repo: Path, mode: str) -> Iterator[Server]:
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLAYBOOKS_TODAY=bench_today().isoformat())
    args = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [*args, *(["--dirty"] if mode == "dirty" else [])], cwd=repo, env=env, stderr=subprocess.PIPE, text=True
    )
    server = Server(process, f"http://127.0.0.1:{port}/playbooks/")  # mkdocs.yml's site_url ends in /playbooks/
    try:
        server.wait_ready()
        yield server
    finally:
        process.terminate()
        process.wait(timeout=60)


def shows(url: str, marker: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310  # the local server started above
            return marker in answer.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return False


def edit_to_visible(server: Server, path: Path, original: str, url: str, marker: str) -> float:
    """Save the marker into the file; seconds until the served page shows it (its build is then done)."""
    path.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
    start = time.perf_counter()
    while not shows(url, marker):
        if time.perf_counter() - start > LIMIT_S:
            raise SystemExit(f"{url} never showed {marker}:\n" + "\n".join(server.log[-20:]))
        time.sleep(POLL_S)
    return time.perf_counter() - start


def measure(count: int, rounds: int, mode: str, work: Path) -> tuple[list[float], list[float], int]:
    repo = make_repo(work / f"library-{count}", count)
    playbook, plain = repo / "playbooks" / "bench-0007.md", repo / "docs" / "glossary.md"
    texts = {playbook: playbook.read_text(encoding="utf-8"), plain: plain.read_text(encoding="utf-8")}
    playbook_times, plain_times = [], []
    with serving(repo, mode) as server:
        edits = [
            (playbook, server.url + "playbooks/bench-0007/", playbook_times),
            (plain, server.url + "glossary/", plain_times),
        ]
        for n in range(rounds):  # alternate, in turns, so both kinds see the same machine state
            for path, url, times in edits if n % 2 == 0 else edits[::-1]:
                times.append(edit_to_visible(server, path, texts[path], url, f"Preview check {n} of {path.stem}."))
        rebuilds = sum("Detected file changes" in line for line in server.log)
    return playbook_times, plain_times, rebuilds


def runs(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[100, 500])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--mode", choices=["dirty", "full"], default="dirty", help="serve with --dirty or without")
    args = parser.parse_args()
    print(f"mkdocs serve{' --dirty' if args.mode == 'dirty' else ''}; load average (1, 5, 15 min): {load()}")
    met = True
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as tmp:
        for count in args.counts:
            playbook, plain, rebuilds = measure(count, args.rounds, args.mode, Path(tmp))
            ratio = statistics.median(playbook) / statistics.median(plain)
            met = met and ratio <= TARGET
            saves = 2 * args.rounds
            print(
                f"{count} playbooks, edit to visible (median of {args.rounds}; {rebuilds} rebuilds for {saves} saves):"
            )
            print(f"  a playbook:   {statistics.median(playbook):.2f} s  (runs: {runs(playbook)})")
            print(f"  a plain page: {statistics.median(plain):.2f} s  (runs: {runs(plain)})")
            verdict = "met" if ratio <= TARGET else "NOT met"
            print(f"  ratio playbook/plain: {ratio:.2f} (target at most {TARGET}: {verdict})")
    print(f"load average after: {load()}")
    print(f"every size: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
