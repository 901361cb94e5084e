"""Project settings, read from mkdocs.yml (the one place for site_url and the forum settings)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .forum_rules import ForumLimits
from .mkdocs_file import CONFIG_FILE, ConfigFile, plugin_options, read_config_file
from .yamlsource import Pos

DEFAULT_CATEGORY = "Playbooks"

Where = Callable[[tuple[str, ...]], Pos]  # where a setting (as its nested keys) stands in mkdocs.yml


@dataclass(frozen=True)
class SettingProblem:
    """A setting given with the wrong type, and where its key stands in mkdocs.yml."""

    message: str
    line: int = 1
    col: int = 1


@dataclass(frozen=True)
class ForumSettings:
    """Where the forum is and how the playbooks appear in it."""

    url: str | None = None
    category: str = DEFAULT_CATEGORY
    comments: bool = False
    tags: bool = True  # false: topics are published without tags, for a forum that has tagging turned off
    wiki: bool = False  # true: each playbook topic's first post is a wiki post that members may edit
    limits: ForumLimits = field(default_factory=ForumLimits)
    issues: tuple[SettingProblem, ...] = ()  # wrong settings; the build, `render` and `sync` refuse to start

    @property
    def problems(self) -> tuple[str, ...]:
        """What is wrong with the settings, one message each."""
        return tuple(issue.message for issue in self.issues)


@dataclass(frozen=True)
class Settings:
    root: Path
    site_url: str | None = None
    repo_url: str | None = None
    docs_dir: str = "docs"
    forum: ForumSettings = field(default_factory=ForumSettings)
    nav: list[Any] | None = None  # mkdocs.yml's nav as written; None when it has none
    plugin: Mapping[str, Any] = field(default_factory=dict)  # the `playbooks` plugin's options in mkdocs.yml
    config: ConfigFile | None = field(default=None, compare=False, repr=False)  # the file these were read from

    @property
    def playbooks_dir(self) -> Path:
        return self.root / "playbooks"

    @property
    def peer_groups_dir(self) -> Path:
        return self.root / "peer-groups"

    @property
    def config_path(self) -> Path:
        return self.config.path if self.config is not None else self.root / CONFIG_FILE


def forum_settings(extra: Mapping[str, Any] | None, where: Where | None = None) -> ForumSettings:
    """The forum settings from the `extra.forum` mapping of mkdocs.yml; `where` places each problem in the file."""
    issues: list[SettingProblem] = []

    def wrong(keys: tuple[str, ...], message: str) -> None:
        pos = where(("extra", "forum", *keys)) if where is not None else Pos(1, 1)
        issues.append(SettingProblem(message, pos.line, pos.col))

    forum = (extra or {}).get("forum") or {}
    if not isinstance(forum, Mapping):
        wrong((), f"extra.forum in mkdocs.yml must map settings to values (got {forum!r})")
        forum = {}
    url = forum.get("url")
    switches = {"comments": False, "tags": True, "wiki": False}
    for name in list(switches):
        value = forum.get(name)
        if value is None:  # not given, or left empty
            continue
        if isinstance(value, bool):
            switches[name] = value
        else:
            wrong((name,), f"extra.forum.{name} in mkdocs.yml must be true or false (got {value!r})")
    given = forum.get("limits")
    limits, messages = ForumLimits.from_mapping(given)
    if isinstance(given, Mapping):  # one limit at a time, so that each message stays with its own key
        for key, value in given.items():
            for message in ForumLimits.from_mapping({key: value})[1]:
                wrong(("limits", str(key)), message)
    else:
        for message in messages:
            wrong(("limits",), message)
    return ForumSettings(
        url=str(url).rstrip("/") if url else None,
        category=str(forum.get("category") or DEFAULT_CATEGORY),
        comments=switches["comments"],
        tags=switches["tags"],
        wiki=switches["wiki"],
        limits=limits,
        issues=tuple(issues),
    )


def read_settings(root: Path | str = ".", config_file: Path | None = None) -> Settings:
    """Settings from `<root>/mkdocs.yml` (or `config_file`); defaults when the file or a key is missing."""
    root = Path(root).resolve()
    config = read_config_file(config_file or root / CONFIG_FILE)
    data = config.values
    site_url = data.get("site_url")
    nav = data.get("nav")
    return Settings(
        root=root,
        site_url=_with_slash(str(site_url)) if site_url else None,
        repo_url=data.get("repo_url"),
        docs_dir=str(data.get("docs_dir") or "docs"),
        forum=forum_settings(data.get("extra"), config.where),
        nav=nav if isinstance(nav, list) else None,
        plugin=plugin_options(data),
        config=config,
    )


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"
