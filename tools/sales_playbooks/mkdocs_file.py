"""mkdocs.yml, read once: its settings (`!ENV` resolved as MkDocs does), the same with custom tags kept, and where each
setting stands in the file.

The file is composed into a YAML node tree once; both readings are constructed from that tree, and a
setting's line and column come from its node, so a message about a setting never has to be parsed for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from .yamlsource import Pos

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "playbooks"  # the plugin's name under `plugins:` (its entry point in pyproject.toml)


@dataclass(frozen=True)
class Tagged:
    """A YAML value with a custom tag (`!ENV ...`, `!!python/name:...`), kept so it can be written back."""

    tag: str
    value: Any


class _Settings(yaml.SafeLoader):
    """Constructs settings: `!ENV` becomes the environment's value (else its default), as MkDocs resolves it;
    the other custom tags (`!relative`, `!!python/name:...`) are read as plain values, never run."""


class _Kept(yaml.SafeLoader):
    """Constructs the file as written: every custom tag kept as a Tagged value, so it can be written back."""


class _Dumper(yaml.SafeDumper):
    """Writes Tagged values back with their tags."""


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    return Tagged(node.tag, _plain(loader, suffix, node))


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Settings.add_constructor("!ENV", construct_env_tag)
for _prefix in ("!", "tag:yaml.org,2002:python/"):
    _Settings.add_multi_constructor(_prefix, _plain)
    _Kept.add_multi_constructor(_prefix, _tagged)
_Dumper.add_representer(Tagged, _represent_tagged)


def _construct(loader_class: type[yaml.SafeLoader], node: yaml.Node | None) -> dict[str, Any]:
    if node is None:
        return {}
    loader = loader_class("")
    try:
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class ConfigFile:
    """One reading of mkdocs.yml: the node tree, the settings, and the settings as written."""

    path: Path
    node: yaml.Node | None

    @property
    def values(self) -> dict[str, Any]:
        """The settings as MkDocs sees them: `!ENV` resolved, other custom tags as plain values."""
        return _construct(_Settings, self.node)

    @property
    def kept(self) -> dict[str, Any]:
        """The settings as written: custom tags (`!ENV` included) kept as Tagged values."""
        return _construct(_Kept, self.node)

    def where(self, keys: tuple[str, ...]) -> Pos:
        """Where the deepest of the nested keys that exists stands (1:1 when not even the first does)."""
        node, found = self.node, Pos(1, 1)
        for key in keys:
            pair = None
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
            if pair is None:
                break
            found, node = Pos(pair[0].start_mark.line + 1, pair[0].start_mark.column + 1), pair[1]
        return found


def parse_config_file(text: str, path: Path) -> ConfigFile:
    """The file's text composed once; raises yaml.YAMLError when it is not YAML."""
    return ConfigFile(path=path, node=yaml.compose(text, Loader=yaml.SafeLoader))


def read_config_file(path: Path) -> ConfigFile:
    """mkdocs.yml at `path`; an absent file reads as an empty one."""
    return parse_config_file(path.read_text(encoding="utf-8") if path.is_file() else "", path)


def parse_config(text: str) -> dict[str, Any]:
    """mkdocs.yml's settings as written, with custom tags kept as Tagged values."""
    return parse_config_file(text, Path(CONFIG_FILE)).kept


def read_config(path: Path) -> dict[str, Any]:
    """The settings of the mkdocs.yml at `path` as written (custom tags kept)."""
    return read_config_file(path).kept


def dump_config(config: dict[str, Any]) -> str:
    """YAML for an mkdocs.yml, Tagged values written back with their tags."""
    return yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The options given to the `playbooks` plugin, if any."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        return dict(plugins.get(PLUGIN) or {})
    for item in plugins:
        if isinstance(item, dict) and PLUGIN in item:
            return dict(item[PLUGIN] or {})
    return {}


def without_plugin(plugins: Any) -> Any:
    """The `plugins` setting (a list or a mapping) without the `playbooks` plugin."""
    if isinstance(plugins, dict):
        return {k: v for k, v in plugins.items() if k != PLUGIN}
    if isinstance(plugins, list):
        return [p for p in plugins if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    return plugins
