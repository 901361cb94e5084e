"""Run every check the project has, in the order a contributor would want to read the results.

Used by `make test` (and so by CI). Every step runs even when an earlier one fails; the exit
status is 1 when any step failed. The test suite runs last, so its summary closes the output.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SHARED = ROOT.parent / "shared"


def steps() -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = [
        ("playbooks validate --strict", [str(BIN / "playbooks"), "validate", "--strict"]),
        (
            "mkdocs build --strict",
            [str(BIN / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", tempfile.mkdtemp(prefix="site-")],
        ),
        ("ruff check", [str(BIN / "ruff"), "check", "tools", "tests", "bench", "scripts"]),
        ("ruff format --check", [str(BIN / "ruff"), "format", "--check", "tools", "tests", "bench", "scripts"]),
        ("mypy --strict tools", [str(BIN / "mypy"), "--strict", "tools/sales_playbooks"]),
    ]
    workflows = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    if workflows:
        found.append(
            (
                "workflow schema",
                [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *workflows],
            )
        )
        found.append(
            (
                "zizmor",
                [str(BIN / "zizmor"), "--offline", "--min-severity", "medium", str(ROOT / ".github" / "workflows")],
            )
        )
    checker = SHARED / "tools" / "check_originality.py"
    if checker.is_file():
        found.append(("originality", [sys.executable, str(checker)]))
    return found


def main() -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    failed: list[str] = []
    for name, command in steps():
        print(f"==> {name}", flush=True)
        if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
            failed.append(name)
    print("==> pytest", flush=True)
    if failed:
        print("Failed before the tests: " + ", ".join(failed), flush=True)
    workers = os.environ.get("PYTEST_WORKERS", "2")
    result = subprocess.run([str(BIN / "pytest"), "-n", workers, "-q", *sys.argv[1:]], cwd=ROOT, env=env)
    if result.returncode != 0:
        failed.append("pytest")
    if failed:
        print("FAILED: " + ", ".join(failed), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
