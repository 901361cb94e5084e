"""Skills model + library -> the markdown of the interactive self-assessment page. Pure.

The page is plain HTML forms (native radio groups in fieldsets) inside md_in_html blocks, so that
links to playbooks stay markdown links MkDocs checks and rewrites. Everything that moves (saving,
the chart, the three weakest skills) is done by docs/javascripts/assessment.js.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping

import yaml

from .model import Library
from .skills_model import Mode, Skill, SkillsModel

PAGE_URI = "self-assessment.md"
SCALE = range(1, 6)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _md(text: str) -> str:
    """Inline markdown from the skills file, with raw HTML made inert."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _per_mode(texts: Mapping[str, str], markdown: bool = False) -> str:
    """One span per mode; CSS shows the one for the chosen mode. The same text twice is written once."""
    if len(set(texts.values())) == 1:
        only = next(iter(texts.values()))
        return _md(only) if markdown else _e(only)
    attr = ' markdown="span"' if markdown else ""
    return "".join(
        f'<span data-mode-only="{mode}"{attr}>{_md(text) if markdown else _e(text)}</span>'
        for mode, text in texts.items()
    )


def _mode_text(model: SkillsModel, key: str) -> dict[str, str]:
    return {mode.id: mode.text[key] for mode in model.modes}


def source_label(source_id: str, library: Library) -> str:
    """How the playbooks name a source in running text: 'Pivotal', 'Star performers'."""
    source = library.sources.get(source_id)
    return source.label if source else source_id.replace("-", " ").capitalize()


def _cite(skill: Skill, library: Library) -> str:
    first = f"[{source_label(skill.source, library)}](sources.md#{skill.source})"
    if not skill.also:
        return f"Source: {first}."
    also = ", ".join(f"[{source_label(s, library)}](sources.md#{s})" for s in skill.also)
    return f"Source: {first}; also in {also}."


def _links(ids: Iterable[str], library: Library) -> str:
    by_id = library.by_id()
    return ", ".join(f"[{by_id[i].title}](playbooks/{by_id[i].file_name})" for i in ids if i in by_id)


def _options(skill: Skill, model: SkillsModel) -> str:
    name = f"sa-{skill.kind}-{skill.id}"
    out = []
    for n in SCALE:
        word = _per_mode({m.id: m.scale[n - 1] for m in model.modes})
        anchor = skill.anchors.get(n)
        anchor_html = f' <span class="sa-opt__anchor">{_e(anchor)}</span>' if anchor else ""
        out.append(
            f'<label class="sa-opt"><input type="radio" name="{name}" value="{n}">'
            f' <span class="sa-opt__num">{n}</span><span class="sa-vh">:</span>'
            f' <span class="sa-opt__word">{word}</span><span class="sa-vh">.</span>{anchor_html}</label>'
        )
    return '<div class="sa-scale">\n' + "\n".join(out) + "\n</div>"


def _fieldset(skill: Skill, model: SkillsModel, library: Library) -> str:
    about = f'<p markdown="span">{_md(skill.description)} <span class="sa-cite">{_cite(skill, library)}</span></p>'
    extra = ""
    if skill.kind == "leader":
        extra = f'<p class="sa-skill__question">{_per_mode(skill.question)}</p>'
    else:
        leaders = {s.id: s.short for s in model.leader_skills}
        feeds = ", ".join(leaders[b] for b in skill.bridge if b in leaders)
        feeds_text = f" Feeds: {_e(feeds)}." if feeds else ""
        label = model.carries_labels[skill.carries]
        extra = (
            f'<p class="sa-carries sa-carries--{skill.carries}" markdown="span">'
            f'<strong class="sa-badge">{_e(label)}</strong> {_md(skill.note)}{feeds_text}</p>'
        )
    carries = f' data-carries="{skill.carries}"' if skill.carries else ""
    return (
        f'<fieldset class="sa-skill" id="sa-{skill.kind}-{skill.id}" data-kind="{skill.kind}"{carries} '
        f'data-skill="{skill.id}" data-label="{_e(skill.short)}" aria-describedby="sa-about-{skill.id}" markdown>\n'
        f'<legend class="sa-skill__name">{_e(skill.name)}</legend>\n'
        f'<div class="sa-skill__about" id="sa-about-{skill.id}" markdown>\n{about}\n{extra}\n</div>\n'
        f"{_options(skill, model)}\n</fieldset>"
    )


def _mode_picker(model: SkillsModel) -> str:
    options = "\n".join(
        f'<label class="sa-mode"><input type="radio" name="sa-mode" value="{m.id}"{" checked" if i == 0 else ""}>'
        f' <span class="sa-mode__label">{_e(m.text["label"])}</span><span class="sa-vh">:</span>'
        f' <span class="sa-mode__hint">{_e(m.text["hint"])}</span></label>'
        for i, m in enumerate(model.modes)
    )
    return f'<fieldset class="sa-modes">\n<legend>{_e(model.page["mode_legend"])}</legend>\n{options}\n</fieldset>'


def _first_step(mode: Mode, library: Library) -> str:
    step = mode.first_step
    if step is None:
        return ""
    questions = "\n".join(f"<li>{_e(q)}</li>" for q in step.questions)
    checks = []
    for check in step.checks:
        name = f"sa-check-{check.id}"
        choices = "\n".join(
            f'<label class="sa-choice"><input type="radio" name="{name}" value="{c.id}">'
            f" <span>{_e(c.label)}</span></label>"
            for c in check.choices
        )
        notes = "\n".join(
            f'<p class="sa-note" data-note-for="{check.id}:{c.id}" markdown="span">{_md(c.note)}</p>'
            for c in check.choices
            if c.note
        )
        checks.append(
            f'<fieldset class="sa-check" data-check="{check.id}" markdown>\n<legend>{_e(check.legend)}</legend>\n'
            f'<div class="sa-choices">\n{choices}\n</div>\n{notes}\n</fieldset>'
        )
    return (
        f'<section class="sa-step sa-first" data-mode-only="{mode.id}" aria-labelledby="sa-first-{mode.id}" markdown>\n'
        f'<h2 id="sa-first-{mode.id}">{_e(step.heading)}</h2>\n'
        f'<p markdown="span">{_md(step.intro)}</p>\n<ol class="sa-questions">\n{questions}\n</ol>\n'
        + "\n".join(checks)
        + "\n</section>"
    )


def _advice(skill: Skill, library: Library) -> str:
    return (
        f'<li class="sa-advice" data-skill="{skill.id}" markdown><strong>{_e(skill.name)}</strong>'
        f' <span class="sa-advice__score"></span><br>'
        f"<span>Read first:</span> {_links(skill.playbooks, library)}</li>"
    )


def _carry(skill: Skill, model: SkillsModel, library: Library) -> str:
    label = model.carries_labels[skill.carries]
    read = f" Read: {_links(skill.playbooks, library)}" if skill.playbooks else ""
    return (
        f'<li class="sa-carry sa-carries--{skill.carries}" data-skill="{skill.id}" data-carries="{skill.carries}"'
        f' markdown><strong>{_e(skill.name)}</strong> <span class="sa-advice__score"></span><br>'
        f'<strong class="sa-badge">{_e(label)}</strong> {_md(skill.note)}{read}</li>'
    )


def _table(kind: str, caption: str, skills: Iterable[Skill], not_rated: str) -> str:
    rows = "\n".join(
        f'<tr data-skill="{s.id}"><th scope="row">{_e(s.name)}</th>'
        f'<td class="sa-cell-rating">{_e(not_rated)}</td><td class="sa-cell-word"></td></tr>'
        for s in skills
    )
    return (
        f'<details class="sa-table">\n<summary>{_e(caption)}</summary>\n<table id="sa-table-{kind}">\n'
        '<thead><tr><th scope="col">Skill</th><th scope="col">Rating</th><th scope="col">Meaning</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>\n</details>"
    )


def _chart(kind: str, title: str, legend: Mapping[str, str]) -> str:
    keys = "".join(
        f'<span class="sa-key"><span class="sa-swatch sa-swatch--{k}" aria-hidden="true"></span>{_e(v)}</span>'
        for k, v in legend.items()
    )
    return (
        f'<figure class="sa-figure" data-kind="{kind}">\n<div class="sa-chart" id="sa-chart-{kind}" '
        f'data-title="{_e(title)}"></div>\n<figcaption class="sa-legend">{keys}</figcaption>\n</figure>'
    )


def _results(model: SkillsModel, library: Library) -> str:
    page = model.page
    next_lists = "\n".join(
        f'<ul class="sa-next" data-mode-only="{m.id}" markdown>\n'
        + "\n".join(
            f"<li markdown>{_links([i], library)}: {_md(library.by_id()[i].summary)}</li>"
            for i in m.next_playbooks
            if i in library.by_id()
        )
        + "\n</ul>"
        for m in model.modes
    )
    advice = "\n".join(_advice(s, library) for s in model.leader_skills)
    carries = "\n".join(_carry(s, model, library) for s in model.seller_traits)
    return f"""<section class="sa-results" id="sa-results" aria-labelledby="sa-results-h" markdown>
<div class="sa-print-head"><p class="sa-print-title">{_per_mode(_mode_text(model, "print_heading"))}</p>
<p class="sa-print-lines"><span>Name: ____________________</span> <span>Date: <span class="sa-date"></span></span>
<span>Shared with: ____________________</span></p></div>
<h2 id="sa-results-h">{_per_mode(_mode_text(model, "results_heading"))}</h2>
<div class="sa-aspirations" hidden></div>
<p class="sa-empty">{_per_mode(_mode_text(model, "empty"))}</p>
<div class="sa-picture">
{_chart("leader", "Leader skills, rated 1 to 5", {"rated": "Rating, 1 to 5", "weak": "One of the three weakest"})}
{_table("leader", "The leader skill ratings as a table", model.leader_skills, page["not_rated"])}
</div>
<div class="sa-weak" markdown>
<h3>{_per_mode(_mode_text(model, "weakest_heading"))}</h3>
<p>{_per_mode(_mode_text(model, "weakest_intro"))}</p>
<ol class="sa-weakest" id="sa-weakest" markdown>
{advice}
</ol>
</div>
<div class="sa-carry-over" markdown>
<h3>{_per_mode(_mode_text(model, "carry_heading"))}</h3>
<p class="sa-carry-empty">{_per_mode(_mode_text(model, "carry_empty"))}</p>
<div class="sa-picture sa-picture--traits">
{_chart("trait", "Seller strengths, rated 1 to 5", model.carries_labels)}
{_table("trait", "The seller strength ratings as a table", model.seller_traits, page["not_rated"])}
</div>
<ul class="sa-carry-list" id="sa-carries" markdown>
{carries}
</ul>
</div>
<div class="sa-print-notes"><p>{_per_mode(_mode_text(model, "print_notes"))}</p>
<ol><li></li><li></li><li></li></ol></div>
<div class="sa-next-steps" markdown>
<h3>{_per_mode(_mode_text(model, "next_heading"))}</h3>
{next_lists}
</div>
<div class="sa-actions">
<button type="button" class="md-button md-button--primary sa-print">{_e(page["print"])}</button>
<button type="button" class="md-button sa-reset">{_per_mode(_mode_text(model, "reset"))}</button>
<span class="sa-actions__hint">{_e(page["print_hint"])}</span>
</div>
<p class="sa-announce sa-vh" role="status" aria-live="polite"></p>
</section>"""


def assessment_page(model: SkillsModel, library: Library) -> str:
    """The whole page: front matter, introduction, the form, and the results the script fills in."""
    page = model.page
    front = {"title": page["title"], "description": page["description"], "hide": ["toc"]}
    scales = {m.id: list(m.scale) for m in model.modes}
    root_data = {
        "rated": page["rated"],
        "not-rated": page["not_rated"],
        "confirm": page["confirm"],
        "cleared": page["cleared"],
        "scale": json.dumps(scales, ensure_ascii=False),
        "carries": json.dumps(dict(model.carries_labels), ensure_ascii=False),
    }
    attrs = " ".join(f'data-{k}="{_e(v)}"' for k, v in root_data.items())
    intros = "\n".join(
        f'<div class="sa-intro" data-mode-only="{m.id}" markdown>\n\n{_md(m.text["intro"])}\n\n</div>'
        for m in model.modes
    )
    steps = "\n".join(_first_step(m, library) for m in model.modes)
    leaders = "\n".join(_fieldset(s, model, library) for s in model.leader_skills)
    traits = "\n".join(_fieldset(s, model, library) for s in model.seller_traits)
    chunks = [
        "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---",
        f"# {page['title']} {{ .sa-title }}",
        f'<div class="sa-page-intro" markdown>\n\n{_md(page["intro"])}\n\n</div>',
        f'!!! info sa-privacy "{_e(page["privacy_title"])}"\n\n    {_md(page["privacy"])}',
        f'<div class="sa" id="sa" data-mode="{model.modes[0].id}" {attrs} markdown>',
        '<noscript><p class="sa-noscript">This page needs JavaScript to keep your answers and draw your '
        "results. Without it you can still read every skill and the playbooks that build it.</p></noscript>",
        f'<div class="sa-form" markdown>\n{_mode_picker(model)}\n{intros}\n{steps}',
        f'<section class="sa-step sa-leaders" aria-labelledby="sa-leaders-h" markdown>\n'
        f'<h2 id="sa-leaders-h">{_per_mode(_mode_text(model, "skills_heading"))}</h2>\n'
        f"<p>{_per_mode(_mode_text(model, 'skills_intro'))} "
        f'<a class="sa-skip" href="#sa-results">{_e(page["skip"])}</a></p>\n'
        f'<p class="sa-progress" aria-live="polite"></p>\n{leaders}\n</section>',
        f'<details class="sa-traits" markdown>\n<summary>{_per_mode(_mode_text(model, "traits_heading"))}</summary>\n'
        f"<p>{_per_mode(_mode_text(model, 'traits_intro'))}</p>\n{traits}\n</details>\n</div>",
        _results(model, library),
        "</div>",
    ]
    return "\n\n".join(chunks) + "\n"
