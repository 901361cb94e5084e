"""Plain-text fields (a playbook's title and summary, a cohort's name) never carry HTML onto a page.

`validate` refuses markup in them at the field's line:col; and the pages escape them even when
validation is bypassed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import frontmatter
import pytest
from click.testing import CliRunner

from sales_playbooks.cli import main
from sales_playbooks.loader import load_library
from sales_playbooks.pages import generated_pages
from sales_playbooks.settings import read_settings
from tests.minirepo import PLAYBOOK, make_repo

TODAY = "2026-11-23"
TITLE = "title: Holding a weekly pipeline review"
SUMMARY_START = "summary: >-\n  A short weekly meeting"


def validate(repo: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["validate", "--today", TODAY])
    return result.exit_code, [row for row in result.output.splitlines() if ": error[" in row]


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        (TITLE, 'title: "Holding a <script>alert(1)</script> pipeline review"', "3:8"),
        (TITLE, "title: Holding a weekly pipeline review &lt;b onclick=x&gt;", "3:8"),
        (SUMMARY_START, "summary: >-\n  <img src=x onerror=alert(2)> A short weekly meeting", "4:10"),
        (SUMMARY_START, "summary: >-\n  A short &amp;lt;img src=x&amp;gt; weekly meeting", "4:10"),
    ],
)
def test_markup_in_a_title_or_summary_is_refused_at_the_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, where: str
) -> None:
    repo = make_repo(tmp_path, {"weekly-pipeline-review.md": PLAYBOOK.replace(old, new)})
    code, errors = validate(repo, monkeypatch)
    assert code == 1
    assert [e.split(": ", 2)[:2] for e in errors] == [
        [f"playbooks/weekly-pipeline-review.md:{where}", "error[html-in-field]"]
    ], errors


def test_a_cohort_name_with_markup_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path)
    (repo / "peer-groups").mkdir()
    (repo / "peer-groups" / "spring.yml").write_text(
        'id: spring\nname: "Spring <img src=x onerror=alert(3)>"\nfacilitators: [dana.whitfield]\n'
        "members: [marcus_bell]\nstart: 2027-01-11\ntimezone: Europe/Berlin\ncurriculum: [weekly-pipeline-review]\n",
        encoding="utf-8",
    )
    code, errors = validate(repo, monkeypatch)
    assert code == 1
    assert [e.split(": ", 2)[:2] for e in errors] == [["peer-groups/spring.yml:2:7", "error[html-in-field]"]], errors


def test_plain_text_fields_reach_the_pages_escaped_even_unchecked(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    settings = read_settings(repo)
    library = load_library(settings, today=dt.date(2026, 11, 23)).library
    title = 'Coaching <script>alert(1)</script> "cadence"'
    summary = 'A summary <img src=x onerror=alert(2)> that " breaks out'
    library.playbooks[0] = dataclasses.replace(library.playbooks[0], title=title, summary=summary)
    pages = generated_pages(library, settings, dt.date(2026, 11, 23))
    for uri, page in pages.items():
        assert "<script" not in page and "<img" not in page, uri
    page = frontmatter.loads(pages[library.playbooks[0].page_uri])
    assert page["title"] == 'Coaching &lt;script&gt;alert(1)&lt;/script&gt; "cadence"'
    assert page["description"] == "A summary &lt;img src=x onerror=alert(2)&gt; that &quot; breaks out"
