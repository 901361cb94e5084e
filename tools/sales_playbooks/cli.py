"""The `playbooks` command: the click group and one registration line per subcommand.

Subcommands are imported only when they run (or when their own --help is asked for), so
`playbooks validate` never loads the forum client.
"""

from __future__ import annotations

import importlib
from typing import NamedTuple

import click


class Entry(NamedTuple):
    module: str  # under sales_playbooks.commands
    summary: str  # the line `playbooks --help` shows, without importing the command


COMMANDS: dict[str, Entry] = {
    "validate": Entry("validate", "Check playbooks, skills, cohorts and settings; print path:line:col problems."),
    "new": Entry("scaffold", "Start a new playbook with every field and section."),
    "review": Entry("review", "List playbooks past their review date, with owners."),
    "codeowners": Entry("codeowners", "Print, write or check .github/CODEOWNERS from the owner fields."),
    "render": Entry("render_out", "Write the site's pages and an mkdocs.yml for generators without plugins."),
    "pdf": Entry("pdf", "Print the whole library and each reading path to PDF files in the built site."),
    "sync": Entry("sync", "Publish every playbook (and each cohort's weeks) to the forum."),
    "pull": Entry("pull", "Bring edits made in the forum's playbook topics back into the files."),
    "pull-requests": Entry("pull_requests", "Open pull requests for what `pull` brought home, issues for the rest."),
    "cohorts": Entry("cohorts", "Show each peer group's release schedule."),
    "activity": Entry("activity", "Read forum activity into data/activity.json for the site."),
    "report": Entry("report", "Each cohort's engagement, week by week, and whom to follow up."),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = importlib.import_module(f"{__package__}.commands.{entry.module}")
        command = getattr(module, cmd_name.replace("-", "_"))
        if not isinstance(command, click.Command):
            raise TypeError(f"{module.__name__}.{cmd_name} is not a click command")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the registry: whole summaries, and nothing imported to print them."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, entry.summary) for name, entry in COMMANDS.items()])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="sales-leader-playbooks")
def main() -> None:
    """Sales Leader Playbooks: check, publish and sync the playbooks.

    \b
    Examples:
      playbooks validate                 check everything, as CI does
      playbooks new "Running your first team meeting" --owner "@you"
      playbooks sync --dry-run           show what the forum sync would change
      playbooks COMMAND --help           the options of one command
    """
