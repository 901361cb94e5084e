"""What `mkdocs serve` keeps between rebuilds gives the pages a fresh assembly gives, whatever changed; the generated
pages that only repeat the playbooks stay out of search; the self-assessment asks for its own assets."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from sales_playbooks.loader import load_library
from sales_playbooks.pages import ASSESSMENT_URI, CHECKLISTS_URI, INDEX_URI, PageMemo, generated_pages, with_meta
from sales_playbooks.settings import read_settings
from sales_playbooks.site_build import SiteCache, assemble
from tests.dates import repo_today
from tests.minirepo import copy_repo

TODAY = repo_today()
TITLE = re.compile(r"^title: .*$", re.M)


def front_matter(markdown: str) -> dict[str, object]:
    found = re.match(r"---\n(.*?)\n---\n", markdown, re.S)
    assert found, "a generated page starts with front matter"
    data = yaml.safe_load(found.group(1))
    assert isinstance(data, dict)
    return data


def test_the_checklists_page_is_left_out_of_search_and_the_assessment_asks_for_its_assets(tmp_path: Path) -> None:
    settings = read_settings(copy_repo(tmp_path))
    pages = generated_pages(load_library(settings, today=TODAY).library, settings, TODAY)
    assert front_matter(pages[CHECKLISTS_URI])["search"] == {"exclude": True}
    assessment = front_matter(pages[ASSESSMENT_URI])
    assert assessment["assets"] == {
        "stylesheets": ["stylesheets/assessment.css"],
        "scripts": ["javascripts/assessment.js"],
    }
    assert assessment["title"], "the page's own front matter is kept"
    guides = [uri for uri in pages if uri.startswith("facilitators/")]
    assert guides, "the session guides are generated"
    for uri in guides:  # each guide repeats its playbook, so the guides stay out of search too
        assert front_matter(pages[uri])["search"] == {"exclude": True}, uri
    progress = {"scripts": ["javascripts/progress.js"]}  # where a checklist is ticked or progress is shown
    for uri, markdown in pages.items():
        if uri not in (CHECKLISTS_URI, ASSESSMENT_URI):
            meta = front_matter(markdown)
            assert "search" not in meta or uri in guides, uri
            assert meta.get("assets") in (None, progress), uri
            assert (meta.get("assets") == progress) == (uri == INDEX_URI or uri.startswith("playbooks/")), uri
    assert (Path(__file__).parent.parent / "docs" / "stylesheets" / "assessment.css").is_file()
    assert (Path(__file__).parent.parent / "docs" / "javascripts" / "assessment.js").is_file()


def test_with_meta_needs_front_matter() -> None:
    assert with_meta("---\ntitle: T\n---\n\n# T\n", {"a": 1}) == "---\na: 1\ntitle: T\n---\n\n# T\n"
    with pytest.raises(ValueError, match="front matter"):
        with_meta("# T\n", {"a": 1})


def test_kept_playbook_pages_follow_what_they_show_of_other_playbooks_and_of_the_forum(tmp_path: Path) -> None:
    settings = read_settings(copy_repo(tmp_path))
    library = load_library(settings, today=TODAY).library
    memo: PageMemo = {}
    first = generated_pages(library, settings, TODAY, memo=memo)
    assert generated_pages(library, settings, TODAY, memo=memo) == first
    by_id = library.by_id()
    target = next(p for p in library.playbooks if p.related and p.related[0] in by_id)
    other = by_id[target.related[0]]
    changes = {
        "a related playbook's title": [dataclasses.replace(other, title=other.title + " again")],
        "a related playbook's summary": [dataclasses.replace(other, summary="Another summary of it.")],
    }
    for what, replaced in changes.items():
        edited = dataclasses.replace(
            library, playbooks=[next((r for r in replaced if r.id == p.id), p) for p in library.playbooks]
        )
        kept = generated_pages(edited, settings, TODAY, memo=memo)
        assert kept == generated_pages(edited, settings, TODAY), what
        assert kept[target.page_uri] != first[target.page_uri], what
    source = target.sources[0]
    moved = {**library.sources, source: dataclasses.replace(library.sources[source], year="1999")}
    cases = {
        "a source": (dataclasses.replace(library, sources=moved), TODAY, None),
        "a tag label": (dataclasses.replace(library, tag_labels={target.tags[0]: target.tags[0].upper()}), TODAY, None),
        "the day (review notices)": (library, TODAY + dt.timedelta(days=3650), None),
        "the forum's counts": (library, TODAY, {target.id: {"replies": 7, "participants": 3}}),
    }
    for what, (lib, day, activity) in cases.items():
        kept = generated_pages(lib, settings, day, activity, memo=memo)
        assert kept == generated_pages(lib, settings, day, activity), what


def test_a_kept_assembly_equals_a_fresh_one_after_the_data_files_change(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    cache = SiteCache()
    day = TODAY.isoformat()
    first = assemble(read_settings(repo), day, cache=cache).site
    assert first is not None and len(cache.checks) == len(first.library.playbooks)
    edits = {
        "data/sources.yml": lambda t: t.replace("year: about 2016", "year: 2017", 1),
        "data/tags.yml": lambda t: t + "\npipeline: PIPELINE\n",
        "playbooks/coaching-cadence.md": lambda t: TITLE.sub("title: A coaching rhythm", t, count=1),
    }
    for name, change in edits.items():
        path = repo / name
        text = path.read_text(encoding="utf-8")
        assert change(text) != text, name
        path.write_text(change(text), encoding="utf-8")
        kept = assemble(read_settings(repo), day, cache=cache).site
        fresh = assemble(read_settings(repo), day).site
        assert kept is not None and fresh is not None
        assert kept.pages == fresh.pages and kept.nav == fresh.nav, name
    (repo / "playbooks" / "coaching-cadence.md").write_text("---\nid: coaching-cadence\n---\n", encoding="utf-8")
    broken = assemble(read_settings(repo), day, cache=cache)
    assert broken.site is None and broken.problems, "a kept check never hides a new error"
    assert broken.messages() == assemble(read_settings(repo), day).messages()
    assert INDEX_URI in first.pages
