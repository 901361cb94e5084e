"""Files the tools read from the repository: a link that leads out of it is refused, and each file is
reported under its own path, never under the path a link points to."""

from __future__ import annotations

from pathlib import Path

from .errors import Problem, display_path


def link_problem(path: Path, root: Path) -> Problem | None:
    """A problem when `path` is a link (or lies in a linked folder of the repository) that leaves `root` or
    leads nowhere. A real file named on the command line from elsewhere is not a link and is fine."""
    shown = display_path(path)
    inside = path.absolute().is_relative_to(root.absolute())
    if not path.is_symlink() and not inside:
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        if not path.is_symlink() and not any(parent.is_symlink() for parent in path.absolute().parents):
            return None  # not a link at all: reading it reports what is wrong
        return Problem(shown, 1, 1, "dangling-link", "this is a link to a file that does not exist")
    if not target.is_relative_to(root.resolve()):
        return Problem(
            shown,
            1,
            1,
            "link-outside-repository",
            "this is a link to a file outside the repository, which is never read or published; "
            "put the file itself in the repository instead of a link",
        )
    return None


def candidates(folder: Path, pattern: str) -> list[Path]:
    """Files (and links, working or not) in `folder` matching `pattern`, by name; never resolved."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(pattern) if p.is_file() or p.is_symlink())
