"""`validate` refuses every link the strict build refuses, at its line:col, with a suggestion; and accepts the rest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sales_playbooks.anchors import AnchorFinder
from tests.minirepo import copy_repo

PLAYBOOKS = str(Path(sys.executable).parent / "playbooks")
# Each bad link, and the words of validate's message about it.
BAD = {
    "managing-the-pipeline.md#stages": "'managing-the-pipeline.md' has no anchor '#stages'",
    "../glossary.md#pipelines": "'../glossary.md' has no anchor '#pipelines'; did you mean '#pipeline'?",
    "managing-the-pipeline/": "links to the folder 'managing-the-pipeline/'; link to the page's file instead: "
    "'managing-the-pipeline.md'",
    "/playbooks/coaching-cadence/": "'/playbooks/coaching-cadence/' is an absolute link, which the site cannot "
    "resolve; write 'coaching-cadence.md' instead",
    "managing-the-pipline.md": "links to 'managing-the-pipline.md', which is not a page of the site; "
    "did you mean 'managing-the-pipeline.md'?",
    "#why-it-mattrs": "this page has no anchor '#why-it-mattrs'; did you mean '#why-it-matters'?",
}
GOOD = ("coaching-cadence.md#checklist", "../glossary.md#pipeline", "#why-it-matters")
# The strict build with the playbooks' link check switched off, so that MkDocs alone judges the links.
BUILD_UNGATED = """
import sales_playbooks.loader as loader
from mkdocs.__main__ import cli
loader.site_link_problems = lambda *args: []
cli(["build", "--strict", "--site-dir", "site"])
"""


def with_links(repo: Path) -> tuple[str, dict[str, int]]:
    """Each bad and good link on a line of its own after 'Why it matters'; returns the file and each link's line."""
    path = repo / "playbooks" / "first-90-days.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index("## Why it matters") + 2
    added = [f"See [this]({target})." for target in (*BAD, *GOOD)]
    lines[at:at] = [*added, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return "playbooks/first-90-days.md", {t: at + 1 + n for n, t in enumerate((*BAD, *GOOD))}


@pytest.mark.slow
def test_validate_and_the_strict_build_refuse_the_same_links(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    path, line_of = with_links(repo)
    result = subprocess.run([PLAYBOOKS, "validate"], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 1
    for target, message in BAD.items():
        assert f"{path}:{line_of[target]}:5: error[broken-link]: {message}" in result.stdout, result.stdout
    assert result.stdout.count("error[") == len(BAD), result.stdout
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    build = subprocess.run(
        [sys.executable, "-c", BUILD_UNGATED], cwd=repo, env=env, capture_output=True, text=True, timeout=300
    )
    assert build.returncode == 1
    warnings = [line for line in build.stderr.splitlines() if line.startswith("WARNING")]
    for target in BAD:
        assert any(f"'{target}'" in w for w in warnings), (target, build.stderr)
    for target in GOOD:
        assert not any(f"'{target}'" in w for w in warnings), (target, build.stderr)
    assert len(warnings) == len(BAD), build.stderr


def test_anchors_come_from_headings_explicit_ids_and_attribute_lists() -> None:
    config = {"markdown_extensions": ["attr_list", {"toc": {"permalink": True}}]}
    text = (
        "# Title\n\n## Stage one: qualify!\n\n## Named {#custom}\n\n"
        "A paragraph.\n{: #para }\n\n## Stage one: qualify!\n"
    )
    ids = AnchorFinder(config).ids(text)
    assert {"title", "stage-one-qualify", "custom", "para", "stage-one-qualify_1"} <= ids
    assert "named" not in ids
