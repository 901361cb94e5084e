"""playbooks/skills.yml: the real file loads cleanly, every kind of mistake is reported at its place,
`playbooks validate` prints and fails on them, and a repository without the file has no assessment page."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from sales_playbooks.cli import main
from sales_playbooks.commands.render_out import render_site
from sales_playbooks.errors import Problem
from sales_playbooks.loader import check_skills, load_library
from sales_playbooks.mkdocs_file import read_config
from sales_playbooks.model import Library
from sales_playbooks.pages import ASSESSMENT_URI, absent_pages, generated_pages, nav_without
from sales_playbooks.settings import read_settings
from sales_playbooks.skills import load_skills
from tests.dates import repo_today
from tests.minirepo import copy_repo, is_content_rule, make_repo

ROOT = Path(__file__).parent.parent
REAL = ROOT / "playbooks" / "skills.yml"
TODAY = repo_today()


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(read_settings(ROOT), today=TODAY).library


def edit(text: str, old: str, new: str) -> str:
    """`text` with its one occurrence of `old` replaced by `new`."""
    assert text.count(old) == 1, f"expected exactly one {old!r} in skills.yml"
    return text.replace(old, new)


def where(text: str, needle: str, after: str = "") -> tuple[int, int]:
    """Line and column (from 1) of the first `needle` that follows `after`."""
    start = text.index(after) if after else 0
    index = text.index(needle, start)
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def load_variant(tmp_path: Path, text: str, library: Library) -> tuple[object, list[Problem]]:
    path = tmp_path / "skills.yml"
    path.write_text(text, encoding="utf-8")
    return load_skills(path, library)


def test_the_real_skills_file_loads_without_a_problem(library: Library) -> None:
    model, problems = load_skills(REAL, library)
    assert problems == []
    assert model is not None
    assert len(model.leader_skills) >= 3 and model.seller_traits
    assert [m.id for m in model.modes] == ["self", "candidate"]
    by_id = library.by_id()
    for skill in model.leader_skills:
        assert skill.playbooks and all(p in by_id for p in skill.playbooks), skill.id
        assert sorted(skill.anchors) == [1, 3, 5] and set(skill.question) == {"self", "candidate"}
    for trait in model.seller_traits:
        assert trait.carries in ("yes", "partly", "no")
    step = model.mode("candidate").first_step
    assert step is not None and model.mode("self").first_step is None
    aspirations = by_id[step.playbook].body.markdown
    assert len(step.questions) >= 3 and all(q in aspirations for q in step.questions)


# (name, old text, new text, code, the text the problem points at, the text to search after, message part)
CASES = [
    (
        "unknown playbook",
        "playbooks: [hiring-the-right-people, results-through-people]",
        "playbooks: [hiring-the-rite-people, results-through-people]",
        "unknown-playbook",
        "hiring-the-rite-people",
        "",
        "did you mean 'hiring-the-right-people'?",
    ),
    (
        "skill no playbook builds",
        "playbooks: [accountability-without-micromanaging, coaching-cadence, delegating-and-building-systems,"
        " coaching-top-performers, when-a-seller-keeps-missing-quota]",
        "playbooks: []",
        "skill-unbuilt",
        "[]",
        "  accountability:",
        "no playbook builds this skill",
    ),
    (
        "skill id given twice",
        "\n  onboarding:\n",
        "\n  hiring:\n",
        "duplicate-skill",
        "hiring:",
        "Runs a hiring method",
        "'hiring' is given twice",
    ),
    (
        "two skills with one name",
        "name: Training and onboarding",
        "name: hiring",
        "duplicate-skill",
        "hiring",
        "name: hiring",
        "already used by 'hiring'",
    ),
    (
        "a trait with a leader skill's id",
        "\n  prospecting:\n",
        "\n  coaching:\n",
        "duplicate-skill",
        "coaching:",
        "\nseller_traits:\n",
        "both a leader skill and a seller trait",
    ),
    (
        "the same playbook twice",
        "playbooks: [hiring-the-right-people, results-through-people]",
        "playbooks: [hiring-the-right-people, hiring-the-right-people]",
        "duplicate-playbook",
        "hiring-the-right-people]",
        "",
        "listed twice",
    ),
    (
        "a missing field",
        "    name: Driving accountability\n    short: Accountability\n    source: pivotal\n",
        "    name: Driving accountability\n    short: Accountability\n",
        "bad-skill",
        "name: Driving accountability",
        "",
        "missing 'source'",
    ),
    (
        "an unknown field",
        "    also: [consultant-leader, brock]\n    description: >-\n      Finding,",
        "    allso: [consultant-leader, brock]\n    description: >-\n      Finding,",
        "bad-skill",
        "allso",
        "",
        "did you mean 'also'?",
    ),
    (
        "an unknown source",
        "  hiring:\n    name: Hiring\n    source: pivotal",
        "  hiring:\n    name: Hiring\n    source: pivotl",
        "unknown-source",
        "pivotl",
        "",
        "no source has the id 'pivotl'",
    ),
    (
        "a bare no for carries",
        'carries: "no"\n    note: >-\n      A manager no longer',
        "carries: no\n    note: >-\n      A manager no longer",
        "bad-skill",
        "no\n",
        "carries: no",
        "write it in quotes",
    ),
    (
        "a bridge to no leader skill",
        "bridge: [communicating, strategy]",
        "bridge: [communicating, strategie]",
        "unknown-skill",
        "strategie",
        "",
        "not a leader skill",
    ),
    (
        "a scale of four labels",
        "scale: [Not yet, With help, On my own, I have taught it, Others learn it from me]",
        "scale: [Not yet, With help, On my own, I have taught it]",
        "bad-mode",
        "[Not yet",
        "",
        "needs 5 labels",
    ),
    (
        "an unknown next playbook",
        "next_playbooks: [should-this-seller-become-a-manager,",
        "next_playbooks: [should-this-seller-be-a-manager,",
        "unknown-playbook",
        "should-this-seller-be-a-manager",
        "",
        "did you mean 'should-this-seller-become-a-manager'?",
    ),
    (
        "a first step whose section has no questions",
        "section: Ask about the work, not the title",
        "section: Ask about the weather",
        "no-questions",
        "Ask about the weather",
        "",
        "no heading 'Ask about the weather'",
    ),
    (
        "a candidate mode without its first step",
        "    first_step:\n",
        "    first_stepp:\n",
        "bad-mode",
        "first_stepp",
        "",
        "did you mean 'first_step'?",
    ),
    (
        "broken YAML",
        "  hiring:\n    name: Hiring\n",
        "  hiring:\n    name: [Hiring\n",
        "yaml-syntax",
        "",
        "",
        "YAML syntax",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "code", "at", "after", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_mistake_is_reported_at_its_place(
    tmp_path: Path, library: Library, old: str, new: str, code: str, at: str, after: str, message: str
) -> None:
    text = edit(REAL.read_text(encoding="utf-8"), old, new)
    model, problems = load_variant(tmp_path, text, library)
    assert model is None, "a file with an error gives no model"
    found = [p for p in problems if p.code == code and message in p.message]
    assert found, f"no {code} with {message!r} among:\n" + "\n".join(p.format() for p in problems)
    if at:  # a YAML syntax error points where the parser gave up, which is the parser's choice
        line, col = where(text, at, after)
        assert (found[0].line, found[0].col) == (line, col), found[0].format()
    assert found[0].path == str(tmp_path / "skills.yml")


def test_a_candidate_mode_without_first_step_is_named(tmp_path: Path, library: Library) -> None:
    text = edit(REAL.read_text(encoding="utf-8"), "    first_step:\n", "    first_stepp:\n")
    _, problems = load_variant(tmp_path, text, library)
    line, col = where(text, "label: Assess a candidate")
    assert any(
        (p.line, p.col, p.code) == (line, col, "bad-mode") and "needs a 'first_step'" in p.message for p in problems
    ), "\n".join(p.format() for p in problems)


def test_every_problem_is_found_in_one_pass(tmp_path: Path, library: Library) -> None:
    text = REAL.read_text(encoding="utf-8")
    for _, old, new, *_ in (*CASES[:5], CASES[8]):
        text = edit(text, old, new)
    _, problems = load_variant(tmp_path, text, library)
    codes = {p.code for p in problems}
    assert {"unknown-playbook", "skill-unbuilt", "duplicate-skill", "unknown-source"} <= codes
    assert problems == sorted(problems, key=lambda p: (p.line, p.col, p.code, p.message))


def validate(repo: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", "--root", str(repo), *args])
    return result.exit_code, result.stdout


def broken_repo(tmp_path: Path) -> tuple[Path, str]:
    repo = copy_repo(tmp_path)
    skills = repo / "playbooks" / "skills.yml"
    text = edit(skills.read_text(encoding="utf-8"), *CASES[0][1:3])
    text = edit(text, *CASES[1][1:3])
    skills.write_text(text, encoding="utf-8")
    return repo, text


def test_validate_prints_skills_problems_compiler_style_and_exits_1(tmp_path: Path) -> None:
    repo, text = broken_repo(tmp_path)
    shown = str(repo / "playbooks" / "skills.yml")
    code, out = validate(repo)
    assert code == 1
    unknown = "{}:{}:{}: error[unknown-playbook]: skill 'hiring': no playbook has the id 'hiring-the-rite-people'"
    assert unknown.format(shown, *where(text, "hiring-the-rite-people")) in out
    unbuilt = "{}:{}:{}: error[skill-unbuilt]: skill 'accountability': no playbook builds this skill"
    assert unbuilt.format(shown, *where(text, "[]", "  accountability:")) in out
    assert out.rstrip().endswith("and the skills file checked: 2 error(s), 0 warning(s)")
    code, out = validate(repo, "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["errors"] == 2 and report["skills_file"] is True
    assert {p["code"] for p in report["problems"]} == {"unknown-playbook", "skill-unbuilt"}


def test_validate_checks_the_skills_file_alone_or_leaves_it_out(tmp_path: Path) -> None:
    repo, _ = broken_repo(tmp_path)
    code, out = validate(repo, str(repo / "playbooks" / "skills.yml"))
    assert code == 1 and "0 playbook file(s) and the skills file checked: 2 error(s)" in out
    code, out = validate(repo, str(repo / "playbooks" / "first-90-days.md"))
    assert code == 0 and "skills" not in out, "naming playbooks only checks those playbooks"
    assert "1 playbook file(s) checked: no problems" in out, "links to playbooks not named still resolve"
    cadence = repo / "playbooks" / "coaching-cadence.md"
    cadence.write_text(re.sub(r"(?m)^stage: .*$", "stage: someday", cadence.read_text(encoding="utf-8")), "utf-8")
    code, out = validate(repo, str(repo / "playbooks" / "first-90-days.md"))
    assert code == 0, "another file's problem is not reported when files are named"
    code, out = validate(repo, str(cadence))
    assert code == 1 and "coaching-cadence.md" in out and "error[unknown-stage]" in out


def test_the_real_repository_validates_with_its_skills_file() -> None:
    code, out = validate(ROOT)
    assert code == 0, out
    assert "and the skills file checked: no problems" in out


def test_the_plugin_stops_the_build_on_skills_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo, _ = broken_repo(tmp_path)
    monkeypatch.chdir(repo)
    config = load_config(str(repo / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)  # MkDocs keeps the plugin across loads
    config.plugins.on_config(config)
    with pytest.raises(PluginError, match=r"skills\.yml:\d+:\d+: error\[unknown-playbook\]"):
        config.plugins.on_files(Files([]), config=config)


def test_no_skills_file_means_no_assessment_page(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    settings = read_settings(repo)
    assert absent_pages(settings) == {ASSESSMENT_URI}
    loaded = load_library(settings, today=TODAY)
    assert loaded.ok and check_skills(settings, loaded) == []
    pages = generated_pages(loaded.library, settings, TODAY)
    assert ASSESSMENT_URI not in pages and "playbooks/index.md" in pages
    code, out = validate(repo)
    *rows, summary = out.splitlines()
    assert code == 0 and all(is_content_rule(row) and ": warning[" in row for row in rows), out
    assert summary == "1 playbook file(s) checked: " + (
        f"0 error(s), {len(rows)} warning(s)" if rows else "no problems"
    )


def test_a_link_to_the_absent_assessment_page_is_broken(tmp_path: Path) -> None:
    from tests.minirepo import PLAYBOOK

    linked = PLAYBOOK.replace("gives each seller", "gives each seller (see [the test](../self-assessment.md))")
    repo = make_repo(tmp_path, {"weekly-pipeline-review.md": linked})
    problems = load_library(read_settings(repo), today=TODAY).problems
    assert [p.code for p in problems] == ["broken-link"]
    (repo / "playbooks" / "skills.yml").write_text("page: {}\n", encoding="utf-8")
    problems = load_library(read_settings(repo), today=TODAY).problems
    assert problems == [], "with a skills file the page exists, so the link is sound"


def test_render_reports_skills_errors_and_leaves_out_an_absent_page(tmp_path: Path) -> None:
    (tmp_path / "broken").mkdir()
    repo, _ = broken_repo(tmp_path / "broken")
    uris, problems = render_site(repo, tmp_path / "out-broken", TODAY.isoformat())
    assert uris == [] and any("error[skill-unbuilt]" in p for p in problems)
    (tmp_path / "mini").mkdir()
    repo = make_repo(tmp_path / "mini")
    uris, problems = render_site(repo, tmp_path / "out", TODAY.isoformat())
    assert problems == [] and ASSESSMENT_URI not in uris
    assert "self-assessment.md" not in str(read_config(tmp_path / "out" / "mkdocs.yml")["nav"])
    assert "self-assessment.md" in str(read_config(repo / "mkdocs.yml")["nav"])


def test_nav_without_drops_only_the_named_pages() -> None:
    nav = [
        "index.md",
        {"Self-assessment": "self-assessment.md"},
        {"More": ["a.md", "self-assessment.md", {"B": "b.md"}]},
    ]
    assert nav_without(nav, frozenset({"self-assessment.md"})) == ["index.md", {"More": ["a.md", {"B": "b.md"}]}]
    assert nav_without(nav, frozenset()) == nav


@pytest.mark.slow
def test_strict_build_without_skills_file_drops_the_nav_entry(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    nav = "nav:\n  - Home: index.md\n  - Playbooks: playbooks/index.md\n  - Self-assessment: self-assessment.md\n"
    nav += "  - checklists.md\n  - sources.md\n  - paths/index.md\n"
    (repo / "docs" / "paths").mkdir()  # the generated index links to the reading paths
    (repo / "docs" / "paths" / "index.md").write_text("# Reading paths\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text(re.sub(r"\nnav:\n(?:  .*\n?)*", "\n" + nav, config), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(repo / "site")],
        cwd=repo,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "no self-assessment page" in result.stderr
    assert (repo / "site" / "playbooks" / "weekly-pipeline-review" / "index.html").is_file()
    assert not (repo / "site" / "self-assessment").exists()


def test_a_duplicated_skill_still_has_its_fields_checked(tmp_path: Path, library: Library) -> None:
    """The second block of a duplicated skill id is reported as a duplicate and its own mistakes are not hidden."""
    text = REAL.read_text(encoding="utf-8")
    text = edit(
        text, "\n  onboarding:\n    name: Training and onboarding\n", "\n  hiring:\n    nam: Training and onboarding\n"
    )
    text = edit(text, "Training, onboarding\n    source: pivotal\n", "Training, onboarding\n    source: pivotl\n")
    model, problems = load_variant(tmp_path, text, library)
    assert model is None
    after = "Runs a hiring method"
    found = [(p.code, p.line, p.col) for p in problems]
    assert ("duplicate-skill", *where(text, "hiring:", after)) in found
    assert ("bad-skill", *where(text, "nam:", after)) in found  # an unknown field in the second block
    assert ("unknown-source", *where(text, "pivotl", after)) in found
    assert sum(p.code == "bad-skill" and "missing 'name'" in p.message for p in problems) == 1
