"""While serving, a site with problems is an error page at every page's address, listing the problems as
`playbooks validate` prints them; the next good save brings the site back with no error page left. `mkdocs build`
still fails on the same problems."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sales_playbooks.errors import Problem
from sales_playbooks.site.error_page import MARKER, error_html
from tests.dates import repo_today
from tests.minirepo import PLAYBOOK, make_repo
from tests.test_site_preview import Session, differences, full_build

TODAY = repo_today().isoformat()
NAME = "weekly-pipeline-review.md"
# Two errors, one of them with markup in its message: the page must show it as text.
BROKEN = PLAYBOOK.replace("stage: leading", "stage: leadin\n<b>x</b>: 1")


class _Lines(HTMLParser):
    """The text of each problem line of an error page, and whether anything but text is inside one."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.depth = 0
        self.tags_inside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.tags_inside.append(tag)
        if ("class", "pb-build-error__line") in attrs:
            self.depth = 1
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "code":
            self.depth = 0

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.lines[-1] += data


def problem_lines(html: str) -> list[str]:
    parser = _Lines()
    parser.feed(html)
    assert not parser.tags_inside, f"markup inside a problem line: {parser.tags_inside}"
    return parser.lines


def validate_lines(repo: Path) -> list[str]:
    """What `playbooks validate` prints for each error (the problems that stop a build), run from the repository
    as a contributor would."""
    env = dict(os.environ, PLAYBOOKS_TODAY=TODAY, NO_COLOR="1", COLUMNS="400")
    command = [str(Path(sys.executable).with_name("playbooks")), "validate"]
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if ": error[" in line]


def test_the_error_page_lists_each_problem_as_text_in_validate_order() -> None:
    problems = [
        Problem("playbooks/b.md", 9, 1, "unknown-field", "unknown field '<script>alert(1)</script>'"),
        Problem("playbooks/a.md", 3, 7, "bad-date", "'reviewed' & 'review_every' are <b>wrong</b>"),
    ]
    page = error_html(problems)
    assert problem_lines(page) == [problems[1].format(), problems[0].format()]
    assert "<script>" not in page and "<b>" not in page
    assert "2 problems" in page and "refreshes by itself after the next good save" in page
    assert "cannot be built: 1 problem<" in error_html(problems[:1])


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Session:
    (tmp_path / "repo").mkdir()
    repo = make_repo(tmp_path / "repo")
    monkeypatch.chdir(repo)  # messages name files relative to the folder `mkdocs serve` runs in
    monkeypatch.setenv("PLAYBOOKS_TODAY", TODAY)
    return Session(repo, tmp_path / "served")


def built_pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("index.html")}


@pytest.mark.slow
def test_a_broken_playbook_while_serving_shows_its_problems_on_every_page_until_a_good_save(
    served: Session, tmp_path: Path
) -> None:
    playbook = served.repo / "playbooks" / NAME
    page = f"playbooks/{NAME.removesuffix('.md')}/index.html"
    try:
        served.rebuild()
        good = built_pages(served.site)
        assert page in good and not any(MARKER in text for text in good.values())

        # A broken playbook, and a new one that is broken too: the build goes on, and every page (the broken
        # playbooks' included, the new one never built before) lists the problems exactly as validate prints them.
        playbook.write_text(BROKEN, encoding="utf-8")
        (served.repo / "playbooks" / "added-while-broken.md").write_text(BROKEN, encoding="utf-8")
        served.rebuild()
        expected = validate_lines(served.repo)
        assert len(expected) >= 4 and any("unknown field '<b>x</b>'" in line for line in expected)
        shown = built_pages(served.site)
        for where in ("index.html", page, "playbooks/added-while-broken/index.html", *good):
            assert where in shown, f"no page at {where}"
            assert problem_lines(shown[where]) == expected, where

        # The next good save: the site comes back, no error page is left, and it is the site a full build makes.
        playbook.write_text(PLAYBOOK, encoding="utf-8")
        (served.repo / "playbooks" / "added-while-broken.md").unlink()
        assert served.rebuild() == ["404.html"]  # the good pages come back as they were: nothing else changed
        back = built_pages(served.site)
        assert sorted(back) == sorted(good)
        assert not [name for name, text in back.items() if MARKER in text]
        assert differences(served.site, full_build(served.repo, tmp_path / "full")) == []
    finally:
        served.close()


def test_mkdocs_build_still_fails_on_the_problems_a_preview_shows(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {NAME: BROKEN})
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLAYBOOKS_TODAY=TODAY)
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")]
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert f"playbooks/{NAME}:9:1: error[unknown-field]: unknown field '<b>x</b>'" in result.stderr
    assert not any(MARKER in p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html"))


@pytest.mark.slow
def test_a_preview_started_with_a_broken_playbook_shows_its_problems_then_the_site(
    served: Session, tmp_path: Path
) -> None:
    playbook = served.repo / "playbooks" / NAME
    playbook.write_text(BROKEN, encoding="utf-8")
    try:
        served.rebuild()
        expected = validate_lines(served.repo)
        shown = built_pages(served.site)
        # No site was ever built: the home page, the pages mkdocs.yml's nav names and the playbook's own page.
        for where in ("index.html", "playbooks/index.html", f"playbooks/{NAME.removesuffix('.md')}/index.html"):
            assert problem_lines(shown[where]) == expected, where

        playbook.write_text(PLAYBOOK, encoding="utf-8")
        served.rebuild()
        assert not [name for name, text in built_pages(served.site).items() if MARKER in text]
        assert differences(served.site, full_build(served.repo, tmp_path / "full")) == []
    finally:
        served.close()


@pytest.mark.slow
def test_a_playbook_removed_while_the_preview_shows_problems_is_gone_after_the_good_save(
    served: Session, tmp_path: Path
) -> None:
    playbook = served.repo / "playbooks" / NAME
    other = served.repo / "playbooks" / "second-playbook.md"
    other.write_text(
        PLAYBOOK.replace("id: weekly-pipeline-review", "id: second-playbook").replace(
            "title: Holding a weekly pipeline review", "title: A second playbook"
        ),
        encoding="utf-8",
    )
    try:
        served.rebuild()
        assert "playbooks/second-playbook/index.html" in built_pages(served.site)
        playbook.write_text(BROKEN, encoding="utf-8")
        served.rebuild()
        other.unlink()
        served.rebuild()  # still broken: the error pages stay, the good pages stay set aside
        playbook.write_text(PLAYBOOK, encoding="utf-8")
        served.rebuild()
        back = built_pages(served.site)
        assert "playbooks/second-playbook/index.html" not in back
        assert not [name for name, text in back.items() if MARKER in text]
        assert differences(served.site, full_build(served.repo, tmp_path / "full")) == []
    finally:
        served.close()
