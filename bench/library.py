"""A repository with a generated library of any size, for the site benchmarks: the project's docs, theme and
data, a short home page, and `count` playbooks made from the real ones (ids, titles and related links of
their own). It has no playbooks/skills.yml, hence no self-assessment page.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from generated import renamed

ROOT = Path(__file__).resolve().parent.parent
REVIEWED = re.compile(r"^reviewed:\s*['\"]?(\d{4}-\d{2}-\d{2})", re.M)

# The real navigation without the hand-written pages that link to the real playbooks. The plugin turns
# the Playbooks entry into a section per stage; `playbooks render` writes the same sections out.
NAV = """nav:
  - Home: index.md
  - Playbooks: playbooks/index.md
  - All checklists: checklists.md
  - Glossary: glossary.md
  - Sources: sources.md
  - Tags: tags.md
  - Writing a playbook: writing-a-playbook.md
"""


def bench_today() -> dt.date:
    """The day the benchmarks build for: the newest `reviewed` date of the real playbooks, so that none of
    the copies is reviewed in the future, whatever the calendar says."""
    days = [dt.date(2026, 11, 23)]
    for path in sorted((ROOT / "playbooks").glob("*.md")):
        found = REVIEWED.search(path.read_text(encoding="utf-8"))
        if found:
            days.append(dt.date.fromisoformat(found.group(1)))
    return max(days)


def make_playbooks(target: Path, count: int) -> None:
    """`count` distinct playbooks built from the real ones: new ids, titles and related links."""
    sources = sorted((ROOT / "playbooks").glob("*.md"))
    target.mkdir(parents=True)
    for n in range(count):
        text = sources[n % len(sources)].read_text(encoding="utf-8")
        pid, text = renamed(text, n)
        related = [f"bench-{(n + 1) % count:04d}", f"bench-{(n + 2) % count:04d}"]
        text = re.sub(r"^related: .*$", f"related: [{', '.join(related)}]", text, count=1, flags=re.M)
        # links to the real playbooks become links to two bench playbooks
        text = re.sub(r"\]\(([a-z0-9-]+)\.md(#[^)]*)?\)", f"]({related[0]}.md)", text)
        # the bench repository has no skills file, hence no self-assessment page: link the glossary instead
        text = re.sub(r"\]\(\.\./self-assessment\.md(#[^)]*)?\)", "](../glossary.md)", text)
        (target / f"{pid}.md").write_text(text, encoding="utf-8")


def config() -> str:
    """The project's mkdocs.yml with the bench's navigation."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.sub(r"\nnav:\n(?:  .*\n?)*", "\n" + NAV, text)


def make_repo(target: Path, count: int, mkdocs_yml: str | None = None) -> Path:
    """The repository in `target` (created): docs/, overrides/, data/, playbooks/ and mkdocs.yml."""
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "data", target / "data", ignore=shutil.ignore_patterns("activity.json"))
    for page in ("index.md", "paths"):  # the hand-written pages link to the real playbooks
        path = target / "docs" / page
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    (target / "docs" / "index.md").write_text("# Bench\n", encoding="utf-8")
    make_playbooks(target / "playbooks", count)
    (target / "mkdocs.yml").write_text(mkdocs_yml or config(), encoding="utf-8")
    return target
