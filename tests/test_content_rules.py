"""The content rules in `playbooks validate`: each rule's code, place and message, --strict, and the scaffold."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sales_playbooks.cli import main
from sales_playbooks.content_rules import RULES
from tests.minirepo import PLAYBOOK, ROOT, copy_repo, make_repo

TODAY = "2026-11-23"
NAME = "playbooks/weekly-pipeline-review.md"
HARD = (
    "Organisational accountability necessitates comprehensive documentation, systematic prioritisation "
    "and institutional communication throughout the quarterly operational planning procedure.\n\n"
)
OTHER = PLAYBOOK.replace("id: weekly-pipeline-review", "id: monthly-forecast-call").replace(
    "title: Holding a weekly pipeline review", "title: Running a monthly forecast call"
)


def validate(repo: Path, monkeypatch: pytest.MonkeyPatch, *args: str, today: str = TODAY) -> tuple[int, list[str]]:
    monkeypatch.chdir(repo)  # paths as contributors see them
    result = CliRunner().invoke(main, ["validate", *(["--today", today] if today else []), *args])
    return result.exit_code, result.output.splitlines()


def test_a_short_playbook_is_told_each_rule_it_misses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, lines = validate(make_repo(tmp_path), monkeypatch)
    assert code == 0, "warnings do not fail validate"
    assert lines == [
        f"{NAME}:2:1: warning[content-related]: there is no 'related' field; add one that names at least 2 "
        "playbooks to read next, by id",
        f"{NAME}:13:11: warning[content-uncited-source]: 'jordan' is in 'sources' but the text never cites it; "
        "cite it where its facts are used, written as [Author](../sources.md#jordan), or take it out of 'sources'",
        f"{NAME}:16:1: warning[content-glossary-link]: the text links no term to the glossary; link at least one "
        "where it is first used, written as [quota](../glossary.md#quota)",
        f"{NAME}:16:1: warning[content-words]: the body has 103 words; write at least 600 (at most 1,500): "
        "say more on why it matters and how to run each play",
        f"{NAME}:21:1: warning[content-playbook-links]: the text links to no other playbook; link to at least 2 "
        "where they help the reader, written as [their title](their-id.md)",
        f"{NAME}:27:1: warning[content-checklist]: the checklist has 2 items; write at least 6 '- [ ] ' steps "
        "a reader can do and tick off",
        f"{NAME}:32:1: warning[content-questions]: the section has 1 question; write at least 3, numbered '1. ', "
        "that a peer group can discuss",
        "1 playbook file(s) checked: 0 error(s), 7 warning(s)",
    ]
    strict, again = validate(tmp_path, monkeypatch, "--strict")
    assert (strict, again) == (1, lines), "--strict, as CI runs it, fails on the same warnings"


def test_long_hard_text_a_short_related_list_and_an_unlisted_citation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = PLAYBOOK.replace("sources: [jordan]\n", "sources: [jordan]\nrelated: [monthly-forecast-call]\n").replace(
        "and gives each seller a moment to ask for help.\n",
        "and gives each seller a moment to ask for help ([Jordan](../sources.md#jordan)).\n\n" + HARD * 100
        + "A note on [managers](../sources.md#brock).\n",
    )  # fmt: skip
    repo = make_repo(tmp_path, {"weekly-pipeline-review.md": text, "monthly-forecast-call.md": OTHER})
    code, lines = validate(repo, monkeypatch, NAME)
    ours = [line for line in lines if re.search(r"\[content-(words|reading-ease|related|unlisted-citation)\]", line)]
    assert code == 1, "a citation missing from 'sources' is an error"
    assert ours == [
        f"{NAME}:14:1: warning[content-related]: 'related' names 1 playbook; name at least 2 playbooks to read "
        "next, by id",
        f"{NAME}:17:1: warning[content-reading-ease]: the reading ease is -118 (Flesch); make it 50 or more with "
        "shorter sentences and plainer words; the hardest section is this one (-128)",
        f"{NAME}:17:1: warning[content-words]: the body has 1,708 words; cut it to 1,500 or fewer, or split it "
        "into two playbooks that link to each other",
        f"{NAME}:222:11: error[content-unlisted-citation]: the text cites 'brock', which 'sources' does not "
        "list; add it to 'sources'",
    ]


def test_related_suggests_playbooks_that_share_a_tag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    far = OTHER.replace("tags: [pipeline, coaching]", "tags: [hiring]").replace("stage: leading", "stage: scaling")
    near = OTHER.replace("monthly-forecast-call", "pipeline-hygiene").replace(
        "Running a monthly forecast call", "Keeping the pipeline clean"
    )
    playbooks = {"weekly-pipeline-review.md": PLAYBOOK, "far.md": far, "near.md": near}
    code, lines = validate(make_repo(tmp_path, playbooks), monkeypatch, NAME)
    related = [line for line in lines if "[content-related]" in line]
    assert code == 0, lines
    assert related == [
        f"{NAME}:2:1: warning[content-related]: there is no 'related' field; add one that names at least 2 "
        "playbooks to read next, by id, such as 'pipeline-hygiene'"
    ]


def test_the_library_meets_every_content_rule_in_strict_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, lines = validate(copy_repo(tmp_path), monkeypatch, "--strict", today="")  # as CI runs it: today's date
    assert code == 0 and lines[-1].endswith("checked: no problems"), lines


def test_the_scaffold_meets_the_structural_rules_and_says_what_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    args = ["new", "Running your first quarterly business review", "--owner", "@jane-doe", "--tags", "pipeline"]
    result = CliRunner().invoke(main, [*args, "--sources", "jordan", "--today", TODAY])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    shown = "playbooks/running-your-first-quarterly-business.md"
    assert (
        "18 thing(s) to write before `playbooks validate` passes, and 5 warning(s) before "
        "`playbooks validate --strict` (as CI runs it) does:" in lines
    )
    related = "replace the placeholder with the id of a playbook to read next (its file name in playbooks/ without .md)"
    assert f"{shown}:15:5: error[placeholder]: {related}: TODO-id-of-a-playbook-to-read-next" in lines
    assert f"{shown}:16:5: error[placeholder]: {related}: TODO-id-of-another-playbook-to-read-next" in lines
    assert (
        f"{shown}:14:1: warning[content-related]: 'related' names no playbook; name at least 2 playbooks to "
        "read next, by id, such as 'weekly-pipeline-review'" in lines
    )
    codes = {m.group(1) for line in lines if (m := re.search(r"\[([a-z-]+)\]: ", line)) and line.startswith(shown)}
    assert codes == {
        "placeholder",
        "content-related",
        "content-words",
        "content-playbook-links",
        "content-glossary-link",
        "content-uncited-source",
    }, "six checklist items and three questions: the structural rules are met; nothing else is unknown"


def test_contributing_documents_every_rule() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for code in RULES:
        assert f"`{code}`" in guide, f"CONTRIBUTING.md: document {code} and what to do about it"


def test_the_reading_ease_needs_no_download(tmp_path: Path) -> None:
    """textstat would fetch the CMU dictionary through NLTK; the rule uses the installed one, with no network."""
    code = (
        "import socket, nltk\n"
        "def refuse(*args, **kwargs):\n"
        "    raise AssertionError('network or download attempted')\n"
        "socket.socket.connect = refuse\n"
        "nltk.download = refuse\n"
        "from sales_playbooks.content_rules import reading_ease\n"
        "print(round(reading_ease('The seller asks a short question. The manager listens and takes notes.'), 1))\n"
    )
    env = {**os.environ, "NLTK_DATA": str(tmp_path), "HOME": str(tmp_path)}  # no NLTK data anywhere
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) >= 50
