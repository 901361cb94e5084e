"""Project settings, read from mkdocs.yml (the one place for site_url and the forum settings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from .forum_rules import ForumLimits

DEFAULT_CATEGORY = "Playbooks"


class _TolerantLoader(yaml.SafeLoader):
    """Safe loader that resolves `!ENV` as MkDocs does and reads its other custom tags
    (`!relative`, `!!python/name:...`) as plain values."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_TolerantLoader.add_constructor("!ENV", construct_env_tag)  # the environment's value, else the default
_TolerantLoader.add_multi_constructor("!", _unknown_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)


@dataclass(frozen=True)
class ForumSettings:
    """Where the forum is and how the playbooks appear in it."""

    url: str | None = None
    category: str = DEFAULT_CATEGORY
    comments: bool = False
    tags: bool = True  # false: topics are published without tags, for a forum that has tagging turned off
    limits: ForumLimits = field(default_factory=ForumLimits)
    problems: tuple[str, ...] = ()  # settings given with the wrong type; `playbooks sync` refuses to start


@dataclass(frozen=True)
class Settings:
    root: Path
    site_url: str | None = None
    repo_url: str | None = None
    docs_dir: str = "docs"
    forum: ForumSettings = field(default_factory=ForumSettings)

    @property
    def playbooks_dir(self) -> Path:
        return self.root / "playbooks"

    @property
    def peer_groups_dir(self) -> Path:
        return self.root / "peer-groups"


def forum_settings(extra: dict[str, Any] | None) -> ForumSettings:
    """The forum settings from the `extra.forum` mapping of mkdocs.yml."""
    forum = (extra or {}).get("forum") or {}
    url = forum.get("url")
    problems = []
    switches = {"comments": False, "tags": True}
    for name in list(switches):
        value = forum.get(name)
        if value is None:  # not given, or left empty
            continue
        if isinstance(value, bool):
            switches[name] = value
        else:
            problems.append(f"extra.forum.{name} in mkdocs.yml must be true or false (got {value!r})")
    limits, wrong = ForumLimits.from_mapping(forum.get("limits"))
    problems += wrong
    return ForumSettings(
        url=str(url).rstrip("/") if url else None,
        category=str(forum.get("category") or DEFAULT_CATEGORY),
        comments=switches["comments"],
        tags=switches["tags"],
        limits=limits,
        problems=tuple(problems),
    )


def read_settings(root: Path | str = ".") -> Settings:
    """Settings from `<root>/mkdocs.yml`; defaults when the file or a key is missing."""
    root = Path(root).resolve()
    config_file = root / "mkdocs.yml"
    data: dict[str, Any] = {}
    if config_file.is_file():
        loaded = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506
        data = loaded if isinstance(loaded, dict) else {}
    site_url = data.get("site_url")
    return Settings(
        root=root,
        site_url=_with_slash(site_url) if site_url else None,
        repo_url=data.get("repo_url"),
        docs_dir=str(data.get("docs_dir") or "docs"),
        forum=forum_settings(data.get("extra")),
    )


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"
