"""The pages for readers: the books' print pages, progress blocks, downloads, the forum block and the owners page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from sales_playbooks.commands.render_out import render_site
from sales_playbooks.loader import load_library
from sales_playbooks.model import Library
from sales_playbooks.page_blocks import COMMUNITY, DOWNLOADS, PATH_MARKER, PROGRESS, fill_blocks
from sales_playbooks.render_book import LIBRARY_BOOK, Book, books, path_playbooks
from sales_playbooks.render_owners import owners_page
from sales_playbooks.render_page import checklist_block, header, reading_list
from sales_playbooks.settings import read_settings
from sales_playbooks.site_build import Site, assemble
from tests.dates import repo_today
from tests.minirepo import copy_repo

ROOT = Path(__file__).parent.parent
TODAY = repo_today()
SITE_URL = "https://sales-leader-playbooks.github.io/playbooks/"


@pytest.fixture(scope="module")
def site() -> Site:
    built = assemble(read_settings(ROOT), TODAY.isoformat())
    assert built.site is not None, built.messages()
    return built.site


@pytest.fixture(scope="module")
def library(site: Site) -> Library:
    return site.library


def book(site: Site, book_id: str) -> Book:
    return next(b for b in site.books if b.id == book_id)


def test_the_whole_library_and_each_reading_path_is_a_book(site: Site, library: Library) -> None:
    paths = sorted(p.stem for p in (ROOT / "docs" / "paths").glob("*.md") if p.name != "index.md")
    assert [b.id for b in site.books] == [LIBRARY_BOOK, *paths]
    assert [p.id for p in book(site, LIBRARY_BOOK).playbooks] == [p.id for p in reading_list(library)]
    for found in site.books:
        assert found.page_uri in site.pages and found.page_uri in site.unlisted, "printed from a page of the site"
        assert found.pdf_uri == f"pdf/{found.id}.pdf"


def test_a_path_book_holds_the_playbooks_its_page_links_to_in_its_order(library: Library) -> None:
    markdown = (ROOT / "docs" / "paths" / "new-manager.md").read_text(encoding="utf-8")
    firsts = [m for m in re.findall(r"\]\(\.\./playbooks/([a-z0-9-]+)\.md", markdown)]
    expected = list(dict.fromkeys(firsts))
    assert [p.file_name[:-3] for p in path_playbooks(markdown, "paths/new-manager.md", library)] == expected
    (found,) = [b for b in books(library, {"paths/new-manager.md": markdown}) if not b.whole]
    assert found.subtitle == "Reading path: new sales managers" and found.intro_uri == "paths/new-manager.md"


def test_a_book_links_within_itself_and_to_the_published_site_beyond(site: Site, library: Library) -> None:
    whole = site.pages[book(site, LIBRARY_BOOK).page_uri]
    assert "search:\n  exclude: true" in whole, "a print page stays out of the search"
    for playbook in library.playbooks:
        assert f"# {playbook.title} {{ #pb-{playbook.id} .pb-book-part }}" in whole
        assert f"](#pb-{playbook.id})" in whole, "the contents links to each playbook"
    for part in ("all-checklists", "glossary", "sources"):
        assert f"{{ #{part} .pb-book-part }}" in whole and f"](#{part})" in whole
    targets = re.findall(r"\]\(([^)\s]+)\)", whole)
    relative = [t for t in targets if not t.startswith(("#", "https://", "http://", "mailto:"))]
    assert relative == [], "every link is within the book or to the published site"
    path = site.pages[book(site, "considering-promotion").page_uri]
    outside = [p for p in library.playbooks if p not in book(site, "considering-promotion").playbooks]
    linked = [t for t in re.findall(r"\]\((https://[^)\s]+)\)", path) if t.startswith(SITE_URL + "playbooks/")]
    assert linked and all(any(f"/playbooks/{p.file_name[:-3]}/" in t for p in outside) for t in linked)


def test_progress_blocks_count_the_keys_the_checklists_store_ticks_under(site: Site, library: Library) -> None:
    index = site.pages["playbooks/index.md"]
    checklists = site.pages["checklists.md"]
    for playbook in library.playbooks:
        keys = re.search(r'data-keys="([^"]*)"', checklist_block(playbook))
        assert keys is not None
        entry = f'{{ data-playbook="{playbook.id}" data-keys="{keys.group(1)}" }}'
        assert f"]({playbook.file_name}){entry}" in index
        assert f"](playbooks/{playbook.file_name}){entry}" in checklists
    assert 'data-badges="1"' in index and 'data-transfer="0"' in index
    assert 'data-badges="0"' in checklists and 'data-transfer="1"' in checklists
    assert 'data-search-exclude="true"' in index


def test_markers_become_blocks_with_addresses_for_their_page(site: Site, library: Library) -> None:
    home = fill_blocks(f"{PROGRESS}\n\n{DOWNLOADS}\n\n{COMMUNITY}\n", "index.md", library, site.books, "https://f.org")
    assert 'data-scope="library"' in home and 'data-transfer="1"' in home
    assert 'href="pdf/sales-leader-playbooks.pdf"' in home
    assert "[Ask the community](https://f.org)" in home
    assert COMMUNITY in fill_blocks(COMMUNITY, "index.md", library, site.books, None), "no forum: nothing shown"
    markdown = (ROOT / "docs" / "paths" / "owner-executive.md").read_text(encoding="utf-8")
    assert PATH_MARKER in markdown
    page = fill_blocks(markdown, "paths/owner-executive.md", library, site.books, None)
    assert 'href="../../pdf/owner-executive.pdf"' in page and "sales-leader-playbooks.pdf" not in page
    ids = re.findall(r'data-playbook="([a-z0-9-]+)"', page)
    assert ids == [p.id for p in path_playbooks(markdown, "paths/owner-executive.md", library) if p.body.checklist]


def test_owners_are_listed_with_what_they_keep_and_team_lines_link_there(library: Library) -> None:
    page = owners_page(library, "https://forum.example.org", "https://github.com/o/r")
    for playbook in library.playbooks:
        assert f"- [{playbook.title}]({playbook.page_uri})" in page
    teams = {p.owner for p in library.playbooks if "/" in p.owner}
    assert teams
    for playbook in library.playbooks:
        if playbook.owner in teams:
            anchor = playbook.owner.lstrip("@").replace("/", "-")
            assert f"{{ #{anchor} }}" in page
            assert f'href="../../owners/#{anchor}"' in header(playbook, TODAY)
            assert "github.com/orgs" not in header(playbook, TODAY), "a team page outsiders cannot open"
    assert "[community forum](https://forum.example.org)" in page and "(https://github.com/o/r/issues)" in page


def test_render_writes_the_feed_and_fills_the_markers(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    repo = copy_repo(tmp_path / "repo")
    out = tmp_path / "out"
    uris, problems = render_site(repo, out, TODAY.isoformat())
    assert problems == []
    assert (out / "docs" / "feed.xml").is_file()
    home = (out / "docs" / "index.md").read_text(encoding="utf-8")
    assert PROGRESS not in home and 'class="pb-tracker"' in home
    assert "/print/sales-leader-playbooks.md" in (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert set(uris) >= {"whats-new.md", "owners.md", "print/sales-leader-playbooks.md"}
    assert load_library(read_settings(repo)).library.playbooks


@pytest.mark.parametrize(("command", "printed"), [("build", True), ("serve", False)])
def test_the_preview_leaves_out_the_print_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, printed: bool
) -> None:
    (tmp_path / "repo").mkdir()
    repo = copy_repo(tmp_path / "repo")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PLAYBOOKS_TODAY", TODAY.isoformat())
    config = load_config(str(repo / "mkdocs.yml"))
    config.plugins.on_startup(command=command, dirty=False)
    config.plugins.on_config(config)
    files = config.plugins.on_files(Files([]), config=config)
    served = {f.src_uri for f in files if f.generated_by}
    assert ("print/sales-leader-playbooks.md" in served) is printed
    assert {"whats-new.md", "owners.md", "feed.xml"} <= served
    hidden = [f for f in files if f.src_uri.startswith("print/")]
    assert all(f.inclusion.is_not_in_nav() for f in hidden), "a print page is out of the nav without a warning"


@pytest.mark.parametrize("forum", ["https://forum.example.org", None])
def test_the_footer_offers_the_forum_only_when_there_is_one(forum: str | None) -> None:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides" / "partials"), autoescape=True)
    env.filters["url"] = lambda value: f"/site/{value}"
    config = {"extra": {"forum": {"url": forum}}, "site_url": SITE_URL, "copyright": "", "extra_generator": None}
    footer = env.get_template("copyright.html").render(config=config)
    assert (f'<a href="{forum}">Ask the community</a>' in footer) is (forum is not None)
    assert ("Ask the community" in footer) is (forum is not None)
    for link in ('href="/site/whats-new/"', 'href="/site/feed.xml"', 'href="/site/owners/"'):
        assert link in footer
    assert 'href="/site/pdf/sales-leader-playbooks.pdf"' in footer
