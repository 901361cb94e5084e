"""The attack corpus (tests/corpus/attacks/attacks.yml) written into a small repository, one file per attack.

A body attack goes into "The plays" of an otherwise valid playbook; a title or summary attack replaces
that field; a cohort-name attack names a cohort in peer-groups/. Each attack knows where `playbooks
validate` must report it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.minirepo import PLAYBOOK, make_repo

CORPUS = Path(__file__).parent / "corpus" / "attacks" / "attacks.yml"
ANCHOR = "Pick a time and protect it, so sellers update their deals before they walk in.\n"
SUMMARY = PLAYBOOK[PLAYBOOK.index("summary:") : PLAYBOOK.index("audience:")]
KINDS = ("body", "title", "summary", "cohort-name")


@dataclass(frozen=True)
class Attack:
    number: int
    id: str
    kind: str  # one of KINDS
    text: str
    code: str
    offset: int  # body attacks: the line of the text to report, from 1

    @property
    def path(self) -> str:
        """The file that holds the attack, relative to the repository."""
        if self.kind == "cohort-name":
            return f"peer-groups/{self.cohort_id}.yml"
        return f"playbooks/{self.id}.md"

    @property
    def cohort_id(self) -> str:
        return f"c{self.number:02d}"  # short: a cohort's forum group name has at most 20 characters

    @property
    def page(self) -> str | None:
        """The site page the attack would reach, relative to the site root (a cohort reaches none)."""
        return None if self.kind == "cohort-name" else f"playbooks/{self.id}/"

    @property
    def where(self) -> tuple[int, int | None]:
        """(line, column or None) at which validate must report the attack."""
        if self.kind == "title":
            return 3, 8
        if self.kind == "summary":
            return 4, 10
        if self.kind == "cohort-name":
            return 2, 7
        before = PLAYBOOK[: PLAYBOOK.index(ANCHOR) + len(ANCHOR)]
        return before.count("\n") + 1 + self.offset, None


def load_attacks() -> list[Attack]:
    entries = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    attacks = [
        Attack(n, e["id"], e["in"], e["text"], e["code"], int(e.get("line", 1))) for n, e in enumerate(entries, 1)
    ]
    assert all(a.kind in KINDS for a in attacks), "unknown 'in' in attacks.yml"
    return attacks


def playbook_text(attack: Attack) -> str:
    """The valid base playbook with its own id and title, carrying the attack."""
    text = PLAYBOOK.replace("id: weekly-pipeline-review", f"id: attack-{attack.number:02d}")
    title = f"Attack {attack.number:02d}: holding a weekly pipeline review"
    if attack.kind == "title":
        title = attack.text
    text = text.replace("title: Holding a weekly pipeline review", f"title: {json.dumps(title)}")
    if attack.kind == "summary":
        text = text.replace(SUMMARY, f"summary: {json.dumps(attack.text)}\n")
    if attack.kind == "body":
        text = text.replace(ANCHOR, f"{ANCHOR}\n{attack.text}\n")
    return text


def cohort_text(attack: Attack) -> str:
    return (
        f"id: {attack.cohort_id}\nname: {json.dumps(attack.text)}\nfacilitators: [dana.whitfield]\n"
        "members: [marcus_bell]\nstart: 2027-01-11\ntimezone: Europe/Berlin\ncurriculum: [weekly-pipeline-review]\n"
    )


def attack_repo(target: Path, attacks: list[Attack]) -> Path:
    """A repository with the valid base playbook and one file per attack."""
    playbooks = {"weekly-pipeline-review.md": PLAYBOOK}
    playbooks |= {f"{a.id}.md": playbook_text(a) for a in attacks if a.kind != "cohort-name"}
    repo = make_repo(target, playbooks)
    (repo / "peer-groups").mkdir(exist_ok=True)
    for attack in attacks:
        if attack.kind == "cohort-name":
            (repo / attack.path).write_text(cohort_text(attack), encoding="utf-8")
    return repo
