"""The self-assessment in a real browser: ratings kept, chart, weakest skills, reset, keyboard, modes, print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_support import PageLog, page_path
from page_state import settled
from playwright.sync_api import Dialog, Locator, Page, expect

from sales_playbooks.errors import errors_in
from sales_playbooks.model import Library
from sales_playbooks.skills import Skill, SkillsModel, load_skills

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "slp:assessment:"


@pytest.fixture(scope="module")
def model(library: Library) -> SkillsModel:
    loaded, problems = load_skills(ROOT / "playbooks" / "skills.yml", library)
    assert loaded is not None, "\n".join(p.format() for p in errors_in(problems))
    return loaded


def open_page(page: Page, site_url: str, query: str = "") -> None:
    page.goto(site_url + "self-assessment/" + query)
    expect(page.locator("#sa[data-ready='1']")).to_be_attached()


def radio(page: Page, skill: Skill, value: int) -> Locator:
    return page.locator(f'input[name="sa-{skill.kind}-{skill.id}"][value="{value}"]')


def rate(page: Page, skill: Skill, value: int) -> None:
    if skill.kind == "trait":
        traits = page.locator("details.sa-traits")
        if traits.get_attribute("open") is None:
            traits.locator("summary").first.click()
    radio(page, skill, value).check()


def spread(skills: tuple[Skill, ...]) -> dict[str, int]:
    """A rating per skill: 5, 4, 3, 2 in turn, with 1 for the three in the middle (the expected weakest)."""
    ratings = {s.id: 5 - n % 4 for n, s in enumerate(skills)}
    middle = len(skills) // 2
    for s in skills[middle - 1 : middle + 2]:
        ratings[s.id] = 1
    return ratings


def stored(page: Page) -> dict[str, str]:
    return dict(
        page.evaluate(
            "prefix => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith(prefix))"
            ".map(k => [k, localStorage.getItem(k)]))",
            PREFIX,
        )
    )


def saved(page: Page, expected: dict[str, str]) -> None:
    """Wait until localStorage holds these answers: the page saves each one as it is given."""
    page.wait_for_function(
        "expected => Object.entries(expected).every(([k, v]) => localStorage.getItem(k) === v)", arg=expected
    )


def key(mode: str, skill: Skill) -> str:
    return f"{PREFIX}{mode}:{skill.kind}:{skill.id}"


def accept(dialog: Dialog) -> None:
    dialog.accept()


def bars(page: Page, kind: str) -> Locator:
    return page.locator(f"#sa-chart-{kind} svg rect.sa-bar")


def weakest(page: Page) -> Locator:
    return page.locator("#sa-weakest > li.sa-advice:not([hidden])")


def test_the_page_says_answers_stay_here_and_labels_every_control(page: Page, site_url: str) -> None:
    open_page(page, site_url)
    privacy = page.locator(".sa-privacy")
    expect(privacy).to_be_visible()
    expect(privacy).to_contain_text("stay on this computer")
    expect(privacy).to_contain_text("sent anywhere")
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('#sa input, #sa button')].filter(el => {
            const label = el.closest('label');
            const text = (label ? label.textContent : el.textContent).trim();
            const legend = el.closest('fieldset')?.querySelector('legend');
            return !text || (el.type === 'radio' && !legend?.textContent.trim());
        }).map(el => el.outerHTML)"""
    )
    assert unlabelled == [], "controls without a label or a group name"


def test_every_rating_survives_a_reload(page: Page, site_url: str, model: SkillsModel) -> None:
    open_page(page, site_url)
    skills = (*model.leader_skills, *model.seller_traits)
    ratings = {s.id: 1 + n % 5 for n, s in enumerate(skills)}
    for skill in skills:
        rate(page, skill, ratings[skill.id])
    total = len(model.leader_skills)
    expect(page.locator(".sa-progress")).to_have_text(f"{total} of {total} leader skills rated")
    saved(page, {key("self", s): str(ratings[s.id]) for s in skills})
    page.reload()
    expect(page.locator("#sa[data-ready='1']")).to_be_attached()
    expect(page.locator(".sa-progress")).to_have_text(f"{total} of {total} leader skills rated")
    for skill in skills:
        expect(radio(page, skill, ratings[skill.id])).to_be_checked()
    assert len(stored(page)) == len(skills), "one stored answer per skill, and nothing else"


def test_the_chart_draws_one_bar_per_rated_skill(page: Page, site_url: str, model: SkillsModel) -> None:
    open_page(page, site_url)
    expect(page.locator(".sa-empty")).to_be_visible()
    expect(bars(page, "leader")).to_have_count(0)
    leaders = model.leader_skills
    for n, skill in enumerate(leaders[:5]):
        rate(page, skill, n + 1)
    expect(page.locator(".sa-empty")).to_be_hidden()
    expect(bars(page, "leader")).to_have_count(5)
    expect(page.locator("#sa-chart-leader .sa-unrated")).to_have_count(len(leaders) - 5)
    widths = bars(page, "leader").evaluate_all("rs => rs.map(r => r.getBBox().width)")
    assert all(abs(w / widths[0] - (n + 1)) < 0.01 for n, w in enumerate(widths)), f"bars not in proportion: {widths}"
    for skill in leaders[5:]:
        rate(page, skill, 3)
    expect(bars(page, "leader")).to_have_count(len(leaders))
    expect(page.locator("#sa-chart-leader .sa-label")).to_have_count(len(leaders))
    for trait in model.seller_traits[:4]:
        rate(page, trait, 4)
    expect(bars(page, "trait")).to_have_count(4)
    chart = page.locator("#sa-chart-leader svg")
    expect(chart).to_have_attribute("role", "img")
    expect(chart.locator("desc")).to_contain_text(f"{len(leaders)} of {len(leaders)} rated")


def test_the_three_weakest_are_named_with_links_that_resolve(
    page: Page, site_url: str, model: SkillsModel, library: Library
) -> None:
    open_page(page, site_url)
    leaders = model.leader_skills
    ratings = spread(leaders)
    for skill in leaders:
        rate(page, skill, ratings[skill.id])
    expected = sorted(leaders, key=lambda s: (ratings[s.id], leaders.index(s)))[:3]
    items = weakest(page)
    expect(items).to_have_count(3)
    by_id = library.by_id()
    for n, skill in enumerate(expected):
        item = items.nth(n)
        expect(item).to_have_attribute("data-skill", skill.id)
        expect(item.locator("strong")).to_have_text(skill.name)
        links = item.locator("a")
        expect(links).to_have_count(len(skill.playbooks))
        for index, playbook_id in enumerate(skill.playbooks):
            link = links.nth(index)
            expect(link).to_have_text(by_id[playbook_id].title)
            url = link.evaluate("a => a.href")
            assert url.split("#")[0].endswith(page_path(by_id[playbook_id])), url
            response = page.request.get(url)
            assert response.status == 200, f"{url} answered {response.status}"
            assert by_id[playbook_id].title in response.text()
    weak_bars = page.locator("#sa-chart-leader rect.sa-bar--weak")
    assert sorted(weak_bars.evaluate_all("rs => rs.map(r => r.dataset.skill)")) == sorted(s.id for s in expected)


def test_the_table_gives_the_ratings_as_text(page: Page, site_url: str, model: SkillsModel) -> None:
    open_page(page, site_url)
    leaders = model.leader_skills
    for n, skill in enumerate(leaders):
        if n % 3:
            rate(page, skill, 1 + n % 5)
    rows = page.locator("#sa-table-leader tbody tr")
    expect(rows).to_have_count(len(leaders))
    scale = model.mode("self").scale
    for n, skill in enumerate(leaders):
        row = rows.nth(n)
        expect(row.locator("th")).to_have_text(skill.name)
        value = 1 + n % 5
        rating, meaning = ("not rated", "") if n % 3 == 0 else (str(value), scale[value - 1])
        expect(row.locator(".sa-cell-rating")).to_have_text(rating)
        expect(row.locator(".sa-cell-word")).to_have_text(meaning)


def test_reset_clears_everything(page: Page, site_url: str, model: SkillsModel) -> None:
    open_page(page, site_url)
    skills = (*model.leader_skills, *model.seller_traits)
    for skill in skills:
        rate(page, skill, 2)
    page.locator('input[name="sa-mode"][value="candidate"]').check()  # the mode choice is stored too
    page.locator('input[name="sa-mode"][value="self"]').check()
    assert len(stored(page)) == len(skills) + 1
    page.once("dialog", accept)
    page.locator(".sa-reset").click()
    expect(page.locator(".sa-announce")).to_have_text("Answers cleared.")
    assert stored(page) == {}, "nothing of the assessment is left in storage"
    expect(page.locator("#sa input[type=radio]:not([name=sa-mode]):checked")).to_have_count(0)
    expect(page.locator("#sa-chart-leader svg")).to_have_count(0)
    expect(page.locator(".sa-empty")).to_be_visible()
    expect(weakest(page)).to_have_count(0)
    expect(page.locator(".sa-reset")).to_be_disabled()
    page.reload()
    expect(page.locator("#sa[data-ready='1']")).to_be_attached()
    expect(page.locator("#sa input[type=radio]:not([name=sa-mode]):checked")).to_have_count(0)
    expect(bars(page, "leader")).to_have_count(0)


def test_resetting_one_mode_keeps_the_other(page: Page, site_url: str, model: SkillsModel) -> None:
    open_page(page, site_url)
    first = model.leader_skills[0]
    rate(page, first, 4)
    page.locator('input[name="sa-mode"][value="candidate"]').check()
    expect(radio(page, first, 4)).not_to_be_checked()
    rate(page, first, 2)
    page.once("dialog", accept)
    page.locator(".sa-reset").click()
    expect(radio(page, first, 2)).not_to_be_checked()
    assert stored(page) == {f"{PREFIX}self:leader:{first.id}": "4", f"{PREFIX}mode": "candidate"}
    page.locator('input[name="sa-mode"][value="self"]').check()
    expect(radio(page, first, 4)).to_be_checked()


def active(page: Page) -> dict[str, str]:
    return dict(
        page.evaluate(
            "() => { const a = document.activeElement;"
            " return {name: a.name || '', value: a.value || '', tag: a.tagName, cls: a.className || ''}; }"
        )
    )


def test_keyboard_alone_completes_and_clears_the_assessment(page: Page, site_url: str, model: SkillsModel) -> None:
    open_page(page, site_url)
    leaders = model.leader_skills
    ratings = spread(leaders)
    todo = {f"sa-leader-{s.id}": s for s in leaders}
    switched = False
    for _ in range(600):
        page.keyboard.press("Tab")
        focus = active(page)
        if focus["name"] == "sa-mode" and not switched:  # arrow keys move between the two modes
            page.keyboard.press("ArrowRight")
            expect(page.locator("#sa")).to_have_attribute("data-mode", "candidate")
            page.keyboard.press("ArrowLeft")
            expect(page.locator("#sa")).to_have_attribute("data-mode", "self")
            switched = True
        skill = todo.pop(focus["name"], None)
        if skill is not None:
            assert focus["value"] == "1", "Tab enters an unrated group on its first choice"
            page.keyboard.press("Space")
            for _ in range(ratings[skill.id] - 1):
                page.keyboard.press("ArrowRight")
            expect(radio(page, skill, ratings[skill.id])).to_be_checked()
            expect(radio(page, skill, ratings[skill.id])).to_be_focused()
        if not todo and "sa-reset" in focus["cls"]:
            break
    assert switched, "Tab never reached the mode choice"
    assert not todo, f"Tab never reached {sorted(todo)}"
    assert "sa-reset" in active(page)["cls"], "Tab never reached the clear button"
    expect(bars(page, "leader")).to_have_count(len(leaders))
    expect(weakest(page)).to_have_count(3)
    page.once("dialog", accept)
    page.keyboard.press("Space")
    expect(bars(page, "leader")).to_have_count(0)
    expect(page.locator("#sa input[type=radio]:not([name=sa-mode]):checked")).to_have_count(0)
    assert stored(page) == {}


def test_candidate_mode_asks_the_aspirations_questions_first(page: Page, site_url: str, model: SkillsModel) -> None:
    open_page(page, site_url)
    first_step = page.locator("section.sa-first")
    expect(first_step).to_be_hidden()
    self_mode, candidate = model.mode("self"), model.mode("candidate")
    heading = page.locator("#sa-leaders-h")
    expect(heading).to_contain_text(self_mode.text["skills_heading"], use_inner_text=True)
    expect(heading).not_to_contain_text(candidate.text["skills_heading"], use_inner_text=True)
    page.locator("label.sa-mode", has_text=candidate.text["label"]).click()
    expect(first_step).to_be_visible()
    expect(heading).to_contain_text(candidate.text["skills_heading"], use_inner_text=True)
    expect(heading).not_to_contain_text(self_mode.text["skills_heading"], use_inner_text=True)
    # The form's short texts are written in for the mode: each answer's word and each skill's question.
    first_skill = model.leader_skills[0]
    fieldset = page.locator(f"#sa-leader-{first_skill.id}")
    expect(fieldset.locator(".sa-opt__word")).to_have_text(list(candidate.scale))
    expect(fieldset.locator(".sa-skill__question")).to_have_text(first_skill.question["candidate"])
    step = candidate.first_step
    assert step is not None
    expect(first_step.locator("h2")).to_have_text(step.heading + "¶")  # with the permalink
    expect(first_step.locator(".sa-questions li")).to_have_text(list(step.questions))
    above = page.evaluate(
        "() => document.querySelector('section.sa-first').getBoundingClientRect().top"
        " < document.querySelector('section.sa-leaders').getBoundingClientRect().top"
    )
    assert above, "the aspirations step comes before the ratings"
    check = step.checks[0]
    noted = next(c for c in check.choices if c.note)
    first_step.locator(f'input[name="sa-check-{check.id}"][value="{noted.id}"]').check()
    expect(first_step.locator(f'[data-note-for="{check.id}:{noted.id}"]')).to_be_visible()
    expect(page.locator(".sa-aspirations")).to_contain_text(check.legend)
    skill = model.leader_skills[0]
    rate(page, skill, 3)
    score = page.locator(f'.sa-advice[data-skill="{skill.id}"] .sa-advice__score')
    expect(score).to_have_text(f"(3: {candidate.scale[2]})")
    saved(page, {f"{PREFIX}mode": "candidate", key("candidate", skill): "3"})
    page.reload()
    expect(page.locator("#sa")).to_have_attribute("data-mode", "candidate")
    expect(radio(page, skill, 3)).to_be_checked()
    expect(fieldset.locator(".sa-opt__word")).to_have_text(list(candidate.scale))  # also after a reload
    open_page(page, site_url, "?mode=self")
    expect(first_step).to_be_hidden()
    expect(radio(page, skill, 3)).not_to_be_checked()
    expect(fieldset.locator(".sa-opt__word")).to_have_text(list(self_mode.scale))
    expect(fieldset.locator(".sa-skill__question")).to_have_text(first_skill.question["self"])


def test_the_print_view_fits_one_a4_page(page: Page, site_url: str, model: SkillsModel, library: Library) -> None:
    """The longest result: candidate mode with the aspirations answered, every trait rated, and the three
    weakest skills those with the most playbook titles to list."""
    open_page(page, site_url, "?mode=candidate")
    by_id = library.by_id()
    step = model.mode("candidate").first_step
    assert step is not None
    for check in step.checks:
        longest = max(check.choices, key=lambda c: len(c.label))
        page.locator(f'input[name="sa-check-{check.id}"][value="{longest.id}"]').check()
    wordy = sorted(model.leader_skills, key=lambda s: -sum(len(by_id[p].title) for p in s.playbooks))[:3]
    for skill in model.leader_skills:
        rate(page, skill, 1 if skill in wordy else 5)
    for trait in model.seller_traits:
        rate(page, trait, 3)
    page.emulate_media(media="print")
    # The charts are drawn again, small, when the page hears that it is being printed: wait for that.
    for kind in ("leader", "trait"):
        expect(page.locator(f"#sa-chart-{kind} svg.sa-svg--compact")).to_have_count(1)
    for hidden in (".sa-form", ".sa-privacy", ".sa-actions", ".md-header", ".md-sidebar--primary"):
        expect(page.locator(hidden).first).to_be_hidden()
    for shown in (".sa-print-head", "#sa-chart-leader svg", "#sa-chart-trait svg", ".sa-aspirations"):
        expect(page.locator(shown)).to_be_visible()
    expect(weakest(page)).to_have_count(3)
    expect(page.locator(".sa-date")).to_have_text(re.compile(r"\d"))  # the day it is printed
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages == 1, f"the print view takes {pages} A4 pages"


def test_nothing_is_requested_from_another_host(
    page: Page, page_log: PageLog, site_url: str, model: SkillsModel
) -> None:
    open_page(page, site_url)
    for skill in (*model.leader_skills, *model.seller_traits):
        rate(page, skill, 2)
    page.locator('input[name="sa-mode"][value="candidate"]').check()
    page.reload()
    settled(page)  # the page has loaded all it loads on its own: sitemap, search index and worker
    assert page_log.requests and all(u.startswith(site_url) for u in page_log.requests if u.startswith("http"))
    assert page_log.foreign_requests() == []


def test_a_phone_screen_never_scrolls_sideways(page: Page, site_url: str, model: SkillsModel) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, site_url, "?mode=candidate")
    for skill in (*model.leader_skills, *model.seller_traits):
        rate(page, skill, 5)
    expect(bars(page, "trait")).to_have_count(len(model.seller_traits))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 390px wide"
    chart = page.locator("#sa-chart-leader svg").bounding_box()
    assert chart is not None and chart["x"] >= 0 and chart["x"] + chart["width"] <= 390


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_filled_in_page_has_no_accessibility_violation(
    page: Page, site_url: str, model: SkillsModel, scheme: str
) -> None:
    """axe-core (bundled, nothing fetched) on the page with every kind of control in use: chosen answers,
    notes shown, charts drawn, tables open."""
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_page(page, site_url, "?mode=candidate")
    step = model.mode("candidate").first_step
    assert step is not None
    for check in step.checks:
        choice = next((c for c in check.choices if c.note), check.choices[0])
        page.locator(f'input[name="sa-check-{check.id}"][value="{choice.id}"]').check()
    for n, skill in enumerate((*model.leader_skills, *model.seller_traits)):
        rate(page, skill, 1 + n % 5)
    for table in page.locator("details.sa-table summary").all():
        table.click()
    expect(page.locator("details.sa-table:not([open])")).to_have_count(0)
    settled(page)  # no transition half-way (a hovered control, a changed colour) when axe reads the colours
    violations = Axe().run(page).response["violations"]  # any impact, minor ones too
    flagged = [(v["id"], v.get("impact"), [n["target"] for n in v["nodes"]]) for v in violations]
    assert not flagged, flagged
