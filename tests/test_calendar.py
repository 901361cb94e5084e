"""The checks hold a year from now, with a playbook reviewed that day: validate, the strict build, the dated tests.

The clock is moved with libfaketime (scripts/ensure-faketime.sh installs it), so every process sees the
later day as the real one: nothing in the code under test is patched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.minirepo import ROOT, copy_repo

AHEAD = "+365d"
BIN = Path(sys.executable).parent
# The tests whose results depend on the day: they compute pages, review notices and dates of the real library.
DATED_TESTS = ("test_pages.py", "test_render.py", "test_render_out.py", "test_review.py", "test_content.py")


def faked(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PLAYBOOKS_TODAY", None)
    return subprocess.run(
        ["faketime", "-f", AHEAD, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )


@pytest.mark.slow
def test_a_year_ahead_with_a_playbook_reviewed_that_day(tmp_path: Path) -> None:
    assert shutil.which("faketime"), "install faketime: sh scripts/ensure-faketime.sh (make check does)"
    repo = copy_repo(tmp_path)
    shutil.copytree(ROOT / "tests", repo / "tests", ignore=shutil.ignore_patterns("browser", "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    today = faked([sys.executable, "-c", "import datetime; print(datetime.date.today())"], repo).stdout.strip()
    real = subprocess.run(
        [sys.executable, "-c", "import datetime; print(datetime.date.today())"], capture_output=True, text=True
    ).stdout.strip()
    assert today > real, "the clock was not moved"
    source = (repo / "playbooks" / "first-90-days.md").read_text(encoding="utf-8")
    lines = [
        "id: first-90-days-again"
        if line.startswith("id:")
        else "title: Your first 90 days, written again"
        if line.startswith("title:")
        else f"reviewed: {today}"
        if line.startswith("reviewed:")
        else line
        for line in source.split("\n")
        if not line.startswith("order:")  # a new playbook takes its place after the ordered ones
    ]
    (repo / "playbooks" / "first-90-days-again.md").write_text("\n".join(lines), encoding="utf-8")

    validate = faked([str(BIN / "playbooks"), "validate"], repo)
    assert validate.returncode == 0, validate.stdout
    assert "no problems" in validate.stdout
    build = faked([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site")], repo)
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "site" / "playbooks" / "first-90-days-again" / "index.html").is_file()
    tests = faked(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "not browser and not slow",
            *(f"tests/{name}" for name in DATED_TESTS),
        ],
        repo,
    )
    assert tests.returncode == 0, tests.stdout[-4000:]
    assert " passed" in tests.stdout and " failed" not in tests.stdout
