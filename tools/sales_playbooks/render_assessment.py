"""Skills model + library -> the markdown of the interactive self-assessment page. Pure.

The page is plain HTML forms (native radio groups in fieldsets) inside md_in_html blocks, so that
links to playbooks stay markdown links MkDocs checks and rewrites. The HTML comes from the templates
overrides/partials/playbooks/assessment*.html; everything that moves (saving, the chart, the three
weakest skills) is done by docs/javascripts/assessment.js.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import yaml

from .model import Library, Playbook
from .skills_model import Skill, SkillsModel
from .templates import render

PAGE_URI = "self-assessment.md"
SCALE = range(1, 6)


def source_label(source_id: str, library: Library) -> str:
    """How the playbooks name a source in running text: 'Pivotal', 'Star performers'."""
    source = library.sources.get(source_id)
    return source.label if source else source_id.replace("-", " ").capitalize()


def assessment_page(model: SkillsModel, library: Library) -> str:
    """The whole page: front matter, introduction, the form, and the results the script fills in."""
    page = model.page
    front = {"title": page["title"], "description": page["description"], "hide": ["toc"]}
    by_id = library.by_id()
    leaders = {s.id: s.short for s in model.leader_skills}

    def playbooks(ids: Iterable[str]) -> list[Playbook]:
        return [by_id[i] for i in ids if i in by_id]

    def feeds_of(skill: Skill) -> str:
        return ", ".join(leaders[b] for b in skill.bridge if b in leaders)

    root_data = {
        "rated": page["rated"],
        "not-rated": page["not_rated"],
        "confirm": page["confirm"],
        "cleared": page["cleared"],
        "scale": json.dumps({m.id: list(m.scale) for m in model.modes}, ensure_ascii=False),
        "carries": json.dumps(dict(model.carries_labels), ensure_ascii=False),
    }
    body = render(
        "assessment.html",
        page=page,
        modes=model.modes,
        leader_skills=model.leader_skills,
        seller_traits=model.seller_traits,
        carries_labels=model.carries_labels,
        root_data=root_data,
        scale=SCALE,
        modes_text=lambda key: {m.id: m.text[key] for m in model.modes},
        scale_words=lambda n: {m.id: m.scale[n - 1] for m in model.modes},
        source_label=lambda source_id: source_label(source_id, library),
        playbooks=playbooks,
        feeds_of=feeds_of,
    )
    return "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n" + body + "\n"
