"""Renderers: the site page, the generated pages, and the forum post."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import frontmatter

from sales_playbooks.links import absolutize, page_path, page_url, resolve
from sales_playbooks.loader import load_library
from sales_playbooks.render_forum import discourse_markdown, forum_post
from sales_playbooks.render_page import by_stage, checklists_page, index_page, playbook_page, sources_page
from sales_playbooks.settings import read_settings
from tests.dates import repo_today

ROOT = Path(__file__).parent.parent
LIBRARY = load_library(read_settings(ROOT)).library
SITE = "https://playbooks.example.org/"
TODAY = repo_today()


def test_page_paths_and_urls() -> None:
    assert page_path("playbooks/first-90-days.md") == "playbooks/first-90-days/"
    assert page_path("index.md") == ""
    assert page_path("playbooks/index.md") == "playbooks/"
    assert page_url(SITE, "glossary.md") == "https://playbooks.example.org/glossary/"
    assert resolve("../glossary.md#quota", "playbooks/x.md") == ("glossary.md", "#quota")
    assert resolve("https://x.org/a.md", "playbooks/x.md") is None
    assert absolutize("[q](../glossary.md#quota) [o](other.md) [w](https://w.org)", "playbooks/x.md", SITE) == (
        "[q](https://playbooks.example.org/glossary/#quota) "
        "[o](https://playbooks.example.org/playbooks/other/) [w](https://w.org)"
    )


def test_forum_post_has_every_part_in_discourse_markdown() -> None:
    playbook = LIBRARY.by_id()["first-90-days"]
    post = forum_post(playbook, LIBRARY.sources, SITE)
    assert post.startswith(f"*{playbook.summary}*")
    for heading in ("## The plays", "## Checklist", "## Discussion questions", "## Sources"):
        assert heading in post
    assert post.count("- [ ] ") == len(playbook.body.checklist)
    assert all(f"{n}. {q}" in post for n, q in enumerate(playbook.body.questions, 1))
    assert "https://playbooks.example.org/playbooks/first-90-days/" in post
    assert "pull request" in post
    assert not re.search(r"\]\((?!https?://)", post), "every link must be absolute"
    assert "{ ." not in post and "{#" not in post and "!!!" not in post and ":material-" not in post
    for source_id in playbook.sources:
        assert LIBRARY.sources[source_id].title in post


def test_mkdocs_only_syntax_is_converted() -> None:
    text = '!!! warning "Careful"\n\n    Indented advice.\n\nAfter.\n{ .lead }\n:material-check: Done\n*[CRM]: tool\n'
    out = discourse_markdown(text, "playbooks/x.md", SITE)
    assert "> **Careful**" in out and "> Indented advice." in out
    assert "{ .lead }" not in out and ":material-check:" not in out and "*[CRM]" not in out
    assert "After." in out and "Done" in out


def test_playbook_page() -> None:
    playbook = LIBRARY.by_id()["first-90-days"]
    page = playbook_page(playbook, LIBRARY, playbook.reviewed, discussion="DISCUSS-BLOCK")
    meta = frontmatter.loads(page)
    assert meta["title"] == playbook.title
    assert playbook.tags == ("first-90-days", "onboarding", "coaching")
    assert meta["tags"] == ["First 90 days", "Onboarding", "Coaching"], "the site shows labels, the forum the tags"
    assert meta["playbook"] == {"id": playbook.id, "stage": playbook.stage}
    assert f"# {playbook.title}" in page
    assert "min read" in page and "Reviewed <time" in page and playbook.owner in page
    assert f'data-playbook="{playbook.id}"' in page
    assert 'data-keys="' + " ".join(i.key for i in playbook.body.checklist) + '"' in page
    assert page.index("## Discussion questions") < page.index("DISCUSS-BLOCK") < page.index("## Related playbooks")
    assert page.index("## Related playbooks") < page.index("## Sources") < page.index("**References**")
    assert "Due for review" not in page


def test_overdue_page_shows_a_notice() -> None:
    playbook = LIBRARY.by_id()["first-90-days"]
    late = playbook.review_due + dt.timedelta(days=3)
    page = playbook_page(playbook, LIBRARY, late)
    assert '!!! warning "Due for review"' in page
    assert "3 days ago" in page


def test_generated_pages() -> None:
    index = index_page(LIBRARY)
    assert all(f"]({p.file_name})" in index for p in LIBRARY.playbooks)
    checklists = checklists_page(LIBRARY)
    assert checklists.count('class="pb-checklist"') == len(LIBRARY.playbooks)
    sources = sources_page(LIBRARY)
    for source_id in LIBRARY.sources:
        assert f"{{ #{source_id} }}" in sources
    assert sources.count("](playbooks/") == sum(len(p.sources) for p in LIBRARY.playbooks)


def test_order_places_playbooks_within_their_stage_and_the_rest_follow_by_title() -> None:
    library = load_library(read_settings(ROOT)).library
    groups = by_stage(library.playbooks)
    assert [p.id for p in groups["first-90-days"]][:2] == ["first-90-days", "results-through-people"]
    for items in groups.values():
        keys = [(p.order if p.order is not None else 100, p.title.lower()) for p in items]
        assert keys == sorted(keys)
    first = library.playbooks[0]
    unordered = dataclasses.replace(first, order=None, title="Aaa " + first.title)
    ordered = dataclasses.replace(library.playbooks[1], stage=first.stage, order=99)
    assert [p.order for p in by_stage([unordered, ordered])[first.stage]] == [99, None]
    index = index_page(library)
    assert index.index("Your first 90 days") < index.index("Onboarding new sales managers")


def test_the_site_and_the_forum_cite_a_source_in_the_same_words() -> None:
    """One citation format: the forum shows what the site shows, saying plainly what a source does not name."""
    from sales_playbooks.model import Source

    def cite(author: str | None, publisher: str | None) -> str:
        return Source("s", author=author, title="T", publisher=publisher, year="2020").citation()

    assert cite("Ann", "Pub") == "Ann, *T*, Pub, 2020."
    assert cite("Ann", "Ann") == "Ann, *T*, 2020."  # self-published
    assert cite("Ann", None) == "Ann, *T*, publisher not named, 2020."
    assert cite(None, "Pub") == "*T*, Pub (author not named), 2020."
    assert cite(None, None) == "*T*, author and publisher not named, 2020."
    playbook = LIBRARY.by_id()["first-90-days"]
    unnamed = {s: dataclasses.replace(LIBRARY.sources[s], author=None) for s in playbook.sources}
    library = dataclasses.replace(LIBRARY, sources={**LIBRARY.sources, **unnamed})
    page = playbook_page(playbook, library, TODAY)
    post = forum_post(playbook, library.sources, SITE)
    for source in unnamed.values():
        assert f"- {source.citation()}" in page and f"- {source.citation()}" in post
        assert "(author not named)" in source.citation() or "author and publisher not named" in source.citation()


def test_absolutize_reference_definitions_and_leaves_code_alone() -> None:
    text = (
        "See [the glossary][g] and [x](other.md 'Title').\n\n"
        "[g]: ../glossary.md#quota\n\n"
        "`[code](other.md)`\n\n"
        "    [indented](other.md)\n"
    )
    assert absolutize(text, "playbooks/x.md", SITE) == (
        "See [the glossary][g] and [x](https://playbooks.example.org/playbooks/other/ 'Title').\n\n"
        "[g]: https://playbooks.example.org/glossary/#quota\n\n"
        "`[code](other.md)`\n\n"
        "    [indented](other.md)\n"
    )


def test_forum_conversion_reads_the_tokens_not_the_lines() -> None:
    text = (
        '??? note "Folded"\n\n    Inside, see [o](other.md){ .x }.\n\n'
        "```yaml { .yaml }\nkey: { .kept }\n```\n\n"
        "Text with `:material-check:` in code and :material-check: outside.\n"
    )
    out = discourse_markdown(text, "playbooks/x.md", SITE)
    assert out.startswith("> **Folded**\n>\n> Inside, see [o](https://playbooks.example.org/playbooks/other/).\n")
    assert "```yaml\nkey: { .kept }\n```" in out
    assert "`:material-check:` in code and outside." in out
