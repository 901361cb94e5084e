"""The skills model of playbooks/skills.yml: leader skills, seller traits and the two assessment modes.

`load_skills` reads the file with positions and checks it against the library: every problem comes
back as a Problem with its path:line:col; the model comes back only when no error was found.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from .body import bullets_under
from .errors import Problem, display_path, errors_in, sort_problems
from .model import Library, Playbook
from .skills_check import Checker, require_keys
from .skills_model import MODE_FIELDS, PAGE_FIELDS, Check, Choice, FirstStep, Mode, Skill, SkillsModel
from .yamlsource import Marked, load_marked_yaml

SKILLS_FILE = "skills.yml"
MODES = ("self", "candidate")
CARRIES = ("yes", "partly", "no")
ANCHORS = (1, 3, 5)
SCALE_SIZE = 5
SHORT_MAX = 24
LEADER_FIELDS = ("name", "source", "description", "question", "anchors", "playbooks")
TRAIT_FIELDS = ("name", "source", "description", "carries", "note", "playbooks")
OPTIONAL_SKILL_FIELDS = ("short", "also", "bridge")

__all__ = ["Check", "Choice", "FirstStep", "Mode", "Skill", "SkillsModel", "load_skills", "section_questions"]


def section_questions(playbook: Playbook, title: str) -> tuple[str, ...]:
    """The bullet items under the heading `title` (numbering ignored) of a playbook, without quotes."""
    return bullets_under(playbook.body, title)


def load_skills(
    path: Path, library: Library, known_ids: Collection[str] | None = None
) -> tuple[SkillsModel | None, list[Problem]]:
    """Read and check the skills file; known_ids are every playbook id (by default, the library's)."""

    shown = display_path(path)
    if not path.is_file():
        return None, [Problem(shown, 1, 1, "no-skills-file", "the skills file is missing")]
    marked, problems = load_marked_yaml(path.read_text(encoding="utf-8").replace("\r\n", "\n"), shown)
    if marked is None:
        return None, problems
    checker = Checker(shown, library, frozenset(known_ids if known_ids is not None else library.by_id()))
    problems = [_duplicate_skill(p, marked) for p in problems]
    model = _build(marked, checker)
    problems = sort_problems([*problems, *checker.problems])
    return (None if errors_in(problems) else model), problems


def _duplicate_skill(problem: Problem, marked: Marked) -> Problem:
    """A key given twice among the skills is a duplicate skill, and is named so."""
    for section in ("leader_skills", "seller_traits"):
        child = marked.children.get(section)
        cols = {pos.col for pos in child.keys.values()} if child else set()
        if problem.code == "duplicate-key" and child and problem.col in cols and problem.line > child.start.line:
            return Problem(problem.path, problem.line, problem.col, "duplicate-skill", problem.message)
    return problem


def _build(marked: Marked, ck: Checker) -> SkillsModel | None:
    require_keys(ck, marked, ("page", "modes", "leader_skills", "seller_traits"), (), "bad-skills-file", "the file")
    page = marked.children.get("page")
    page_text = ck.texts(page, PAGE_FIELDS, "bad-page", "page") if page else {}
    carries = page.children.get("carries") if page else None
    carries_labels = ck.texts(carries, CARRIES, "bad-page", "page.carries") if carries else {}
    modes_node = marked.children.get("modes")
    modes: list[Mode] = []
    if modes_node is not None:
        require_keys(ck, modes_node, MODES, (), "bad-mode", "modes")
        modes = [m for mode_id in MODES if (m := _mode(ck, modes_node, mode_id)) is not None]
    leaders = _skills(ck, marked, "leader_skills", "leader")
    traits = _skills(ck, marked, "seller_traits", "trait")
    _across(ck, marked, leaders, traits)
    if page is None or carries is None or len(modes) != len(MODES):
        if page is not None and carries is None:
            ck.add(page.start, "bad-page", "page needs a 'carries' mapping with a label for yes, partly and no")
        return None
    return SkillsModel(page_text, carries_labels, tuple(modes), tuple(leaders), tuple(traits))


def _mode(ck: Checker, modes: Marked, mode_id: str) -> Mode | None:
    node = modes.children.get(mode_id)
    if node is None:
        return None
    where = f"mode '{mode_id}'"
    require_keys(ck, node, (*MODE_FIELDS, "scale", "next_playbooks"), ("first_step",), "bad-mode", where)
    text = ck.texts(node, MODE_FIELDS, "bad-mode", where)
    scale = ck.strings(node, "scale", "bad-mode", where)
    if scale is not None and len(scale) != SCALE_SIZE:
        ck.add(node.value_pos("scale"), "bad-mode", f"{where}: 'scale' needs {SCALE_SIZE} labels, for 1 to 5")
    next_playbooks = ck.playbook_ids(node, "next_playbooks", where)
    step_node = node.children.get("first_step")
    if mode_id == "candidate" and step_node is None:
        ck.add(node.start, "bad-mode", f"{where} needs a 'first_step': the aspirations questions")
    step = _first_step(ck, step_node, where) if step_node is not None else None
    return Mode(mode_id, text, tuple(scale or ()), tuple(next_playbooks), step)


def _first_step(ck: Checker, node: Marked, mode_where: str) -> FirstStep | None:
    where = f"{mode_where}, first_step"
    fields = ("heading", "intro", "playbook", "section")
    require_keys(ck, node, (*fields, "checks"), (), "bad-mode", where)
    text = ck.texts(node, fields, "bad-mode", where)
    checks: list[Check] = []
    checks_node = node.children.get("checks")
    for check_id, check_node in (checks_node.children if checks_node else {}).items():
        check_where = f"{where}, check '{check_id}'"
        require_keys(ck, check_node, ("legend", "choices"), (), "bad-mode", check_where)
        legend = ck.texts(check_node, ("legend",), "bad-mode", check_where).get("legend", "")
        choices: list[Choice] = []
        choices_node = check_node.children.get("choices")
        for choice_id, choice_node in (choices_node.children if choices_node else {}).items():
            choice_where = f"{check_where}, choice '{choice_id}'"
            ck.check_id(choices_node.key_pos(choice_id) if choices_node else choice_node.start, choice_id, "bad-mode")
            require_keys(ck, choice_node, ("label",), ("note",), "bad-mode", choice_where)
            got = ck.texts(choice_node, ("label",), "bad-mode", choice_where, optional=("note",))
            choices.append(Choice(choice_id, got.get("label", ""), got.get("note", "")))
        if len(choices) < 2:
            ck.add(check_node.start, "bad-mode", f"{check_where} needs at least two choices")
        checks.append(Check(check_id, legend, tuple(choices)))
    if len(text) < len(fields):
        return None
    questions: tuple[str, ...] = ()
    playbook_pos = node.value_pos("playbook")
    if ck.playbook_id(playbook_pos, text["playbook"], where):
        playbook = ck.library.by_id().get(text["playbook"])
        questions = section_questions(playbook, text["section"]) if playbook else ()
        if playbook and not questions:
            ck.add(
                node.value_pos("section"),
                "no-questions",
                f"{playbook.path} has no heading '{text['section']}' with a bulleted list of questions",
            )
    return FirstStep(text["heading"], text["intro"], text["playbook"], text["section"], questions, tuple(checks))


def _skills(ck: Checker, marked: Marked, section: str, kind: str) -> list[Skill]:
    node = marked.children.get(section)
    if node is None:
        if section in marked.data:
            ck.add(marked.value_pos(section), "bad-skill", f"'{section}' must be a mapping of skill id to skill")
        return []
    skills: list[Skill] = []
    required = LEADER_FIELDS if kind == "leader" else TRAIT_FIELDS
    for skill_id in node.data:
        item = node.children.get(skill_id)
        pos = node.key_pos(skill_id)
        if item is None:
            ck.add(pos, "bad-skill", f"skill '{skill_id}' must be a mapping of fields")
            continue
        ck.check_id(pos, skill_id, "bad-skill")
        skill = _skill(ck, item, skill_id, kind, required)
        if skill is not None:
            skills.append(skill)
    for skill_id, item in node.repeats:
        _skill(ck, item, skill_id, kind, required)  # reported as a duplicate, its fields still checked, then dropped
    if kind == "leader" and len(node.data) < 3:
        ck.add(
            marked.key_pos(section), "bad-skill", "list at least three leader skills: the page names the weakest three"
        )
    return skills


def _skill(ck: Checker, item: Marked, skill_id: str, kind: str, required: tuple[str, ...]) -> Skill | None:
    where = f"skill '{skill_id}'"
    optional = tuple(f for f in OPTIONAL_SKILL_FIELDS if kind == "trait" or f != "bridge")
    require_keys(ck, item, required, optional, "bad-skill", where)
    text = ck.texts(
        item,
        ("name", "source", "description", *(("note",) if kind == "trait" else ())),
        "bad-skill",
        where,
        optional=("short",),
    )
    short = text.get("short") or text.get("name", "")
    if len(short) > SHORT_MAX:
        ck.add(
            item.value_pos("short" if "short" in text else "name"),
            "bad-skill",
            f"{where}: the chart label '{short}' is longer than {SHORT_MAX} characters; give a shorter 'short'",
        )
    sources = [text["source"]] if "source" in text else []
    also = ck.strings(item, "also", "bad-skill", where) or []
    for index, source in enumerate([*sources, *also]):
        pos = item.value_pos("source") if index == 0 and sources else item.item_pos("also", index - len(sources))
        if source not in ck.library.sources:
            ck.add(pos, "unknown-source", f"{where}: no source has the id '{source}' (see sources.yml)")
    playbooks = ck.playbook_ids(item, "playbooks", where)
    if kind == "leader" and "playbooks" in item.data and not playbooks:
        ck.add(
            item.value_pos("playbooks"),
            "skill-unbuilt",
            f"{where}: no playbook builds this skill; list at least one playbook id",
        )
    question = ck.mapping_texts(item, "question", MODES, "bad-skill", where) if kind == "leader" else {}
    anchor_text = (
        ck.mapping_texts(item, "anchors", tuple(map(str, ANCHORS)), "bad-skill", where) if kind == "leader" else {}
    )
    carries = ""
    if kind == "trait" and "carries" in item.data:
        value = item.data["carries"]
        if value not in CARRIES:
            hint = (
                " (write it in quotes: YAML reads a bare yes or no as true or false)" if isinstance(value, bool) else ""
            )
            ck.add(
                item.value_pos("carries"), "bad-skill", f"{where}: 'carries' must be one of {', '.join(CARRIES)}{hint}"
            )
        else:
            carries = str(value)
    bridge = tuple(ck.strings(item, "bridge", "bad-skill", where) or ()) if kind == "trait" else ()
    return Skill(
        id=skill_id,
        kind=kind,
        name=text.get("name", skill_id),
        short=short,
        description=text.get("description", ""),
        source=text.get("source", ""),
        also=tuple(also),
        playbooks=tuple(playbooks),
        question=question,
        anchors={int(k): v for k, v in anchor_text.items()},
        carries=carries,
        bridge=bridge,
        note=text.get("note", ""),
    )


def _across(ck: Checker, marked: Marked, leaders: list[Skill], traits: list[Skill]) -> None:
    """Ids unique across both lists, names unique, and bridges that lead to a leader skill."""
    leader_node = marked.children.get("leader_skills")
    trait_node = marked.children.get("seller_traits")
    leader_ids = {s.id for s in leaders}
    names: dict[str, str] = {}
    for skill in (*leaders, *traits):
        node = leader_node if skill.kind == "leader" and leader_node else trait_node
        if node is None:
            continue
        item = node.children[skill.id]
        if skill.kind == "trait" and skill.id in leader_ids:
            ck.add(node.key_pos(skill.id), "duplicate-skill", f"'{skill.id}' is both a leader skill and a seller trait")
        key = skill.name.strip().lower()
        if key in names:
            ck.add(
                item.value_pos("name"), "duplicate-skill", f"the name '{skill.name}' is already used by '{names[key]}'"
            )
        else:
            names[key] = skill.id
        for index, target in enumerate(skill.bridge):
            if target not in leader_ids:
                ck.add(
                    item.item_pos("bridge", index),
                    "unknown-skill",
                    f"skill '{skill.id}': bridge names '{target}', which is not a leader skill",
                )
