"""What `playbooks validate` checks in peer-groups/: every cohort file, or only the ones named."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, sort_problems
from ..model import Library
from ..settings import Settings
from .load import CohortsLoaded, load_cohorts


@dataclass
class CohortSelection:
    """The cohort files among the files named on the command line (all of them when none were named)."""

    named_any: bool
    files: list[Path] = field(default_factory=list)
    checked: int = 0  # cohort files read by the last call of `problems`

    def problems(self, settings: Settings, library: Library) -> list[Problem]:
        """The cohort files' problems; `library` is the whole library, since curricula may name any playbook."""
        if self.named_any and not self.files:
            return []  # only playbooks were named
        ids = library.by_id()
        loaded = load_cohorts(settings.peer_groups_dir, ids, settings.forum.category, self.files or None)
        self.checked = loaded.files
        return loaded.problems

    def add_problems(self, settings: Settings, library: Library, problems: list[Problem]) -> list[Problem]:
        """The playbook problems with the cohort problems, in file order."""
        return sort_problems([*problems, *self.problems(settings, library)])


def repository_cohorts(settings: Settings, library: Library) -> CohortsLoaded:
    """Every cohort in peer-groups/, checked against the library (empty when there is no folder)."""
    return load_cohorts(settings.peer_groups_dir, library.by_id(), settings.forum.category)


def split_cohort_files(settings: Settings, files: tuple[Path, ...]) -> tuple[tuple[Path, ...], CohortSelection]:
    """(the other files, the cohort files): a cohort file is a .yml file directly in peer-groups/."""
    folder = settings.peer_groups_dir.absolute()
    cohorts = [f for f in files if f.suffix == ".yml" and f.absolute().parent == folder]
    others = tuple(f for f in files if f not in cohorts)
    return others, CohortSelection(named_any=bool(files), files=cohorts)
