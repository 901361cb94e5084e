"""Progress that follows the reader (home, playbook index, reading paths, all checklists), and moving it to another
device as a file: in Chromium, on a desktop and a phone screen, with axe finding nothing on the pages that show it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser_support import at_page, page_path, with_checklist
from page_state import follow, settled
from playwright.sync_api import Locator, Page, expect
from test_accessibility import DESKTOP, MOBILE, assert_accessible

from sales_playbooks.model import Library, Playbook
from sales_playbooks.render_book import path_playbooks

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SIZES = {"desktop": DESKTOP, "phone": MOBILE}
FORMAT = "sales-leader-playbooks/progress"


def items(page: Page, playbook: Playbook) -> Locator:
    return page.locator(f'.pb-checklist[data-playbook="{playbook.id}"] li.task-list-item')


def tick(item: Locator) -> None:
    """Click an item's words, as a reader may, once the checklist script has set the list up."""
    expect(item).to_have_class(re.compile(r"\bpb-item\b"))
    item.scroll_into_view_if_needed()
    box = item.bounding_box()
    assert box is not None
    item.click(position={"x": box["width"] - 8, "y": min(box["height"] / 2, 12)})


def tick_first(page: Page, site_url: str, playbook: Playbook, count: int) -> None:
    page.goto(site_url + page_path(playbook))
    for index in range(count):
        tick(items(page, playbook).nth(index))
    status = page.locator(f'.pb-checklist[data-playbook="{playbook.id}"] .pb-progress__text')
    expect(status).to_have_text(f"{count} of {len(playbook.body.checklist)} done")


def a_path_with(playbook: Playbook, library: Library) -> str:
    """A reading path page that lists the playbook, as its site path."""
    for path in sorted((ROOT / "docs" / "paths").glob("*.md")):
        uri = f"paths/{path.name}"
        if path.name != "index.md" and playbook in path_playbooks(path.read_text(encoding="utf-8"), uri, library):
            return f"paths/{path.stem}/"
    raise AssertionError(f"no reading path lists {playbook.id}")


def summary(done: int, total: int, where: str = "") -> str:
    return f"{done} of {total} checklist items done{where}, in 1 playbook (0 finished)."


@pytest.mark.parametrize("size", list(SIZES))
def test_progress_shows_where_the_reader_navigates(page: Page, site_url: str, library: Library, size: str) -> None:
    page.set_viewport_size(SIZES[size])
    playbook = with_checklist(library)
    total = sum(len(p.body.checklist) for p in library.playbooks)
    own = len(playbook.body.checklist)

    page.goto(site_url)
    home = page.locator(".pb-tracker")
    expect(home.locator(".pb-tracker__status")).to_have_text(re.compile("^You have not ticked any checklist items"))
    expect(home.locator(".pb-tracker__next")).to_be_hidden()
    settled(page)
    assert_accessible(page, f"the home page before any tick ({size})")

    tick_first(page, site_url, playbook, 2)
    page.goto(site_url)
    expect(home.locator(".pb-tracker__status")).to_have_text(summary(2, total))
    expect(home.locator("progress.pb-tracker__bar")).to_have_attribute("value", "2")
    expect(home.locator(".pb-tracker__next")).to_have_text(
        f"Continue with {playbook.title} (checklist 2 of {own} done)."
    )
    settled(page)
    assert_accessible(page, f"the home page with progress ({size})")

    page.goto(site_url + "playbooks/")
    badge = page.locator("article .pb-badge")
    expect(badge).to_have_count(1)
    expect(badge).to_have_text(f"Checklist: 2 of {own} done")
    expect(page.locator(f'article strong:has(a[href$="{playbook.file_name[:-3]}/"]) + .pb-badge')).to_have_count(1)
    settled(page)
    assert_accessible(page, f"the playbook index with progress ({size})")

    path = a_path_with(playbook, library)
    page.goto(site_url + path)
    on_path = sum(len(p.body.checklist) for p in path_playbooks(_markdown(path), f"{path[:-1]}.md", library))
    expect(page.locator(".pb-tracker__status")).to_have_text(summary(2, on_path, " on this path"))
    expect(page.locator(f'article a[href$="{playbook.file_name[:-3]}/"] + .pb-badge').first).to_have_text(
        f"Checklist: 2 of {own} done"
    )
    settled(page)
    assert_accessible(page, f"a reading path with progress ({size})")

    page.goto(site_url + "checklists/")
    tracker = page.locator(".pb-tracker")
    expect(tracker.locator(".pb-tracker__status")).to_have_text(summary(2, total))
    tick(items(page, playbook).nth(2))  # a tick on this page counts at once
    expect(tracker.locator(".pb-tracker__status")).to_have_text(summary(3, total))
    settled(page)
    assert_accessible(page, f"the checklists page with progress ({size})")

    page.goto(site_url)
    follow(page, home.locator(".pb-tracker__next a"))
    expect(page).to_have_url(at_page(playbook))


def _markdown(path: str) -> str:
    return (ROOT / "docs" / f"{path[:-1]}.md").read_text(encoding="utf-8")


def test_finishing_a_playbook_moves_continue_to_the_next_one(page: Page, site_url: str, library: Library) -> None:
    playbook = with_checklist(library)
    tick_first(page, site_url, playbook, len(playbook.body.checklist))
    page.goto(site_url + "playbooks/")
    expect(page.locator("article .pb-badge--done")).to_have_text("Checklist: done")
    later = page.locator(".pb-tracker a[data-playbook]").evaluate_all("links => links.map(a => a.dataset.playbook)")
    following = library.by_id()[later[later.index(playbook.id) + 1]]
    expect(page.locator(".pb-tracker__next a")).to_have_text(following.title)


def stored(page: Page) -> dict[str, str]:
    return dict(
        page.evaluate(
            "() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('slp:checklist:') "
            "|| k.startsWith('slp:assessment:')).map(k => [k, localStorage.getItem(k)]))"
        )
    )


def test_progress_moves_to_another_device_as_a_file(
    page: Page, site_url: str, library: Library, tmp_path: Path
) -> None:
    playbook = with_checklist(library)
    tick_first(page, site_url, playbook, 2)
    page.goto(site_url + "self-assessment/")
    page.locator("fieldset.sa-skill input[type=radio]").first.check()
    page.wait_for_function("() => Object.keys(localStorage).some(k => k.startsWith('slp:assessment:'))")
    before = stored(page)
    answers = {k: v for k, v in before.items() if k.startswith("slp:assessment:")}

    page.goto(site_url)
    with page.expect_download() as download:
        page.get_by_role("button", name="Save progress to a file").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert re.fullmatch(r"sales-leader-playbooks-progress-\d{4}-\d{2}-\d{2}\.json", saved.name)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["version"] == 1
    assert data["checklists"] == {playbook.id: sorted(i.key for i in playbook.body.checklist[:2])}
    assert {f"slp:assessment:{k}": v for k, v in data["assessment"].items()} == answers
    status = page.get_by_role("status").filter(has_text="Saved")
    expect(status).to_have_text(re.compile(f"^Saved 2 ticked items and {len(answers)} self-assessment answer"))

    page.evaluate("() => localStorage.clear()")  # the other device: nothing stored yet
    page.reload()
    expect(page.locator(".pb-tracker__status")).to_have_text(re.compile("^You have not ticked"))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Restore from a file").click()
    chooser.value.set_files(saved)
    message = page.locator(".pb-transfer__message")
    expect(message).to_have_text(
        f"Restored 2 ticked items in 1 playbook and {len(answers)} self-assessment "
        f"answer{'s' if len(answers) != 1 else ''} from {saved.name}."
    )
    expect(page.locator(".pb-tracker__status")).to_have_text(re.compile("^2 of "))
    assert stored(page) == before
    settled(page)
    assert_accessible(page, "the home page after restoring progress")
    page.goto(site_url + page_path(playbook))
    expect(items(page, playbook).nth(1).locator("input")).to_be_checked()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("not json at all", "it is not a JSON file"),
        (json.dumps({"format": "something-else"}), "it is not a progress file saved from this site"),
        (json.dumps({"format": FORMAT, "version": 2}), "it was saved in format 2, and this site reads format 1"),
        (
            json.dumps({"format": FORMAT, "version": 1, "checklists": {"first-90-days": "all"}}),
            'the checklist entry "first-90-days" is not a list of item keys',
        ),
        (
            json.dumps({"format": FORMAT, "version": 1, "assessment": {"self:leader:x": "<b>5</b>"}}),
            'the self-assessment entry "self:leader:x" is not an answer',
        ),
    ],
)
def test_a_file_that_does_not_check_out_changes_nothing(
    page: Page, site_url: str, library: Library, tmp_path: Path, content: str, reason: str
) -> None:
    playbook = with_checklist(library)
    tick_first(page, site_url, playbook, 1)
    page.goto(site_url + "checklists/")
    before = stored(page)
    bad = tmp_path / "progress.json"
    bad.write_text(content, encoding="utf-8")
    page.locator(".pb-transfer__file").set_input_files(bad)
    expect(page.locator(".pb-transfer__message")).to_have_text(f"Nothing was restored from progress.json: {reason}.")
    assert stored(page) == before
