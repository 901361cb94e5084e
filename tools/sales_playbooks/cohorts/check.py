"""What `playbooks validate` checks in peer-groups/: every cohort file, or only the ones named."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, sort_problems
from ..settings import Settings
from .load import load_cohorts


@dataclass
class CohortSelection:
    """The cohort files among the files named on the command line (all of them when none were named)."""

    named_any: bool
    files: list[Path] = field(default_factory=list)

    def problems(self, settings: Settings) -> list[Problem]:
        if self.named_any and not self.files:
            return []  # only playbooks were named
        from ..loader import load_library  # the full library: curricula may name any playbook

        ids = load_library(settings).library.by_id()
        loaded = load_cohorts(settings.peer_groups_dir, ids, settings.forum.category, self.files or None)
        return loaded.problems

    def add_problems(self, settings: Settings, problems: list[Problem]) -> list[Problem]:
        """The playbook problems with the cohort problems, in file order."""
        return sort_problems([*problems, *self.problems(settings)])


def split_cohort_files(settings: Settings, files: tuple[Path, ...]) -> tuple[tuple[Path, ...], CohortSelection]:
    """(the other files, the cohort files): a cohort file is a .yml file directly in peer-groups/."""
    folder = settings.peer_groups_dir.resolve()
    cohorts = [f for f in files if f.suffix == ".yml" and f.resolve().parent == folder]
    others = tuple(f for f in files if f not in cohorts)
    return others, CohortSelection(named_any=bool(files), files=cohorts)
