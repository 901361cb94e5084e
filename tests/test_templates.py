"""The HTML of generated pages comes from autoescaped Jinja2 templates: data never becomes markup."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from sales_playbooks.discussion import discussion_block
from sales_playbooks.loader import load_library
from sales_playbooks.model import Library
from sales_playbooks.render_assessment import assessment_page
from sales_playbooks.render_page import header
from sales_playbooks.settings import ForumSettings, read_settings
from sales_playbooks.skills import load_skills
from sales_playbooks.templates import TEMPLATE_DIR, environment

ROOT = Path(__file__).parent.parent
LIBRARY: Library = load_library(read_settings(ROOT)).library
TODAY = dt.date(2026, 11, 23)
ATTACK = '"><script>alert(1)</script>'


def test_the_templates_sit_beside_the_theme_partials_and_escape_by_default() -> None:
    assert TEMPLATE_DIR == ROOT / "overrides" / "partials" / "playbooks"
    assert sorted(p.name for p in TEMPLATE_DIR.glob("*.html")) == [
        "assessment.html",
        "assessment_parts.html",
        "community.html",
        "discussion.html",
        "downloads.html",
        "page_header.html",
        "progress.html",
    ]
    assert environment().autoescape is True


def test_the_page_header_escapes_the_owner() -> None:
    playbook = dataclasses.replace(LIBRARY.playbooks[0], owner='@someone"onmouseover="alert(1)<b>')
    text = header(playbook, playbook.reviewed)
    assert 'onmouseover="' not in text and "<b>" not in text
    assert 'href="https://github.com/someone&#34;onmouseover=&#34;alert(1)&lt;b&gt;"' in text
    assert f"{playbook.summary}\n{{ .pb-summary }}" in text, "the summary stays markdown"


def test_the_discussion_block_escapes_a_link_from_the_activity_file() -> None:
    forum = ForumSettings(url="https://forum.example.org")
    entry = {"replies": 2, "participants": 1, "url": "https://forum.example.org/t/x/1" + ATTACK}
    block = discussion_block(LIBRARY.playbooks[0], forum, entry, TODAY)
    assert "<script>" not in block and "&lt;script&gt;" in block
    assert "2 replies · 1 person" in block


def test_the_self_assessment_escapes_names_and_makes_markdown_html_inert() -> None:
    model, problems = load_skills(ROOT / "playbooks" / "skills.yml", LIBRARY)
    assert model is not None, problems
    first = model.leader_skills[0]
    question = {"self": "Do you?" + ATTACK, "candidate": "Do they?" + ATTACK}  # written into attributes too
    changed = dataclasses.replace(
        first,
        name="Coaching" + ATTACK,
        description="Plain *markdown* <img src=x onerror=alert(1)>",
        question=question,
    )
    page = assessment_page(dataclasses.replace(model, leader_skills=(changed, *model.leader_skills[1:])), LIBRARY)
    assert "<script>" not in page and "<img" not in page
    assert "Coaching&#34;&gt;&lt;script&gt;" in page
    assert "Plain *markdown* &lt;img src=x onerror=alert(1)&gt;" in page, "markdown kept, raw HTML inert"
    assert 'data-text-candidate="Do they?&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page
    assert ">Do you?&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>" in page


def test_the_discussion_block_invites_edits_in_the_forum_only_with_the_wiki_on() -> None:
    playbook = LIBRARY.playbooks[0]
    off = discussion_block(playbook, ForumSettings(url="https://forum.example.org"), None, TODAY)
    on = discussion_block(playbook, ForumSettings(url="https://forum.example.org", wiki=True), None, TODAY)
    assert "Suggest a change in the forum" not in off and "[Join the discussion](" in off
    link = f"https://forum.example.org/t/external_id/pb_{playbook.id}"
    assert f"[Suggest a change in the forum]({link}){{ .md-button title=" in on
    assert 'aria-label="Suggest a change in the forum: edit this playbook in its topic' in on
    assert on.replace(on[on.index("\n[Suggest") : on.index("\n\n</div>")], "") == off
