"""The session guide: its agenda and timings, the practice exercise, the public pages, and the cohort's own copy."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from sales_playbooks.cohorts.check import repository_cohorts
from sales_playbooks.cohorts.guide import facilitators_category, facilitators_group, guide_post, guides_due
from sales_playbooks.cohorts.model import schedule_for
from sales_playbooks.loader import load_library
from sales_playbooks.model import Library
from sales_playbooks.render_guide import guide_page, guide_pages, guides_index
from sales_playbooks.session_guide import (
    MAX_MINUTES,
    MIN_MINUTES,
    STEPS,
    Session,
    guide_markdown,
    guide_uri,
    plays,
    practice_exercise,
    timings,
)
from sales_playbooks.settings import read_settings
from sales_playbooks.site_build import assemble
from tests.cohort_support import cohort_text
from tests.minirepo import copy_repo

ROOT = Path(__file__).parent.parent
SITE, FORUM = "https://example.org/playbooks/", "https://forum.example.org"
MEETS = 'meets:\n  weekday: Tuesday\n  time: "17:00"\n  duration: 50\ncall_url: https://meet.example.com/abc-defg-hij\n'


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(read_settings(ROOT)).library


@pytest.mark.parametrize("length", [30, 45, 50, 55, 60, 90])
def test_every_agenda_fills_45_to_60_minutes_with_two_for_the_key_idea(length: int) -> None:
    minutes = timings(length)
    assert sum(minutes) == min(MAX_MINUTES, max(MIN_MINUTES, length))
    assert minutes[1] == 2 and len(minutes) == len(STEPS)
    assert minutes[2] >= minutes[4] > minutes[5] and all(m > 0 for m in minutes)


def test_the_agenda_runs_in_order_with_its_clock_times(library: Library) -> None:
    playbook = library.by_id()["coaching-cadence"]
    text = guide_markdown(playbook, "../playbooks/coaching-cadence.md", Session(minutes=45))
    headings = re.findall(r"^### \d+\. (.+) \((\d+) minutes\)$", text, re.M)
    assert [h for h, _ in headings] == [title for title, _ in STEPS]
    assert [int(m) for _, m in headings] == list(timings(45))
    assert "| 0:00–0:08 | Check-in on last week's commitments | 8 |" in text
    assert "| 0:42–0:45 | What next week brings | 3 |" in text
    for question in playbook.body.questions:
        assert question in text
    for item in playbook.body.checklist:
        assert f"- {item.text}" in text
    assert f"> {playbook.summary}" in text


def test_every_playbook_has_plays_and_an_exercise_drawn_from_one(library: Library) -> None:
    kinds = set()
    for playbook in library.playbooks:
        found = plays(playbook)
        assert found and [p.number for p in found] == list(range(1, len(found) + 1)), playbook.id
        exercise = practice_exercise(playbook)
        assert exercise.play in found, playbook.id
        kinds.add(exercise.kind)
        assert f"play {exercise.play.number} of the playbook, *{exercise.play.title}*" in guide_page(playbook)
    assert kinds == {"role-play", "worked case"}


def test_a_play_about_a_conversation_is_rehearsed_as_a_role_play(library: Library) -> None:
    exercise = practice_exercise(library.by_id()["coaching-by-asking-questions"])
    assert exercise.kind == "role-play"
    assert "one member plays the manager, one the seller" in guide_page(library.by_id()["coaching-by-asking-questions"])


def test_the_public_pages_name_no_cohort_and_no_member(library: Library) -> None:
    pages = guide_pages(library)
    assert set(pages) == {guide_uri(p.id) for p in library.playbooks}
    settings = read_settings(ROOT)
    cohorts = repository_cohorts(settings, library).cohorts
    names = [name for c in cohorts for name in (*c.everyone, c.id, c.name, c.group_name)]
    for uri, page in {**pages, "facilitators/index.md": guides_index(library)}.items():
        assert page.startswith("---\n"), uri
        for name in names:
            assert name not in page, (uri, name)
    assert "[Session guides](index.md)" in pages["facilitators/first-90-days.md"]
    assert all(f"]({p.id}.md)" in guides_index(library) for p in library.playbooks)


def test_the_site_publishes_the_guides_outside_the_nav_and_the_facilitator_path_links_them(tmp_path: Path) -> None:
    built = assemble(read_settings(copy_repo(tmp_path)), "2027-01-04")
    assert built.site is not None, built.messages()
    site = built.site
    guides = {uri for uri in site.pages if uri.startswith("facilitators/")}
    assert guides == {guide_uri(p.id) for p in site.library.playbooks} | {"facilitators/index.md"}
    assert guides <= site.unlisted and not guides & site.listed  # with the print pages, what's new, owners
    path = (ROOT / "docs" / "paths" / "facilitator.md").read_text(encoding="utf-8")
    assert "](../facilitators/index.md)" in path and "](../facilitators/first-90-days.md)" in path


def test_a_cohorts_guide_names_its_people_and_meeting_but_never_the_call_link(library: Library, tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    (repo / "peer-groups").mkdir(exist_ok=True)
    (repo / "peer-groups" / "spring.yml").write_text(cohort_text() + MEETS, encoding="utf-8")
    settings = read_settings(repo)
    cohort = next(c for c in repository_cohorts(settings, library).cohorts if c.id == "spring")
    assert (facilitators_group(cohort), facilitators_category(cohort)) == ("fac-spring", "Facilitators: spring")
    releases = cohort.releases()
    by_id = library.by_id()
    week2 = guide_post(cohort, releases[1], by_id, SITE, FORUM)
    assert "meet.example.com" not in week2
    assert "Tuesday 10 March 2026, 17:00–17:50 (Europe/Berlin time)" in week2
    assert "Go round in this order: marcus_bell, priya.raman." in week2
    assert "## Agenda (50 minutes)" in week2
    assert f"[{by_id['first-90-days'].title}]({SITE}playbooks/first-90-days/)" in week2  # last week's, for the check-in
    assert f"[{by_id['managing-the-pipeline'].title}]({SITE}playbooks/managing-the-pipeline/)" in week2
    assert f"({FORUM}/t/external_id/cg_spring_coaching-cadence)" in week2
    assert f"({SITE}facilitators/coaching-cadence/)" in week2
    last = guide_post(cohort, releases[-1], by_id, SITE, FORUM)
    assert "This is the group's last session." in last
    first = guide_post(cohort, releases[0], by_id, SITE, FORUM)
    assert "This is the group's first session." in first


def test_guides_are_due_a_week_ahead_and_only_for_cohorts_that_meet(library: Library, tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    folder = repo / "peer-groups"
    folder.mkdir(exist_ok=True)
    (folder / "spring.yml").write_text(cohort_text() + MEETS, encoding="utf-8")
    (folder / "quiet.yml").write_text(
        cohort_text().replace("id: spring", "id: quiet").replace("spring test", "quiet test"), encoding="utf-8"
    )
    cohorts = {c.id: c for c in repository_cohorts(read_settings(repo), library).cohorts}
    spring, quiet = cohorts["spring"], cohorts["quiet"]
    before = schedule_for(spring, dt.date(2026, 2, 20))
    assert [r.week for r in guides_due(before)] == [1]
    second = schedule_for(spring, dt.date(2026, 3, 9))
    assert [r.week for r in guides_due(second)] == [1, 2, 3]
    assert guides_due(schedule_for(quiet, dt.date(2026, 3, 9))) == ()
