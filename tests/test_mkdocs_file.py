"""mkdocs.yml read once: settings with `!ENV` resolved, the file as written with its tags, and each setting's place."""

from __future__ import annotations

from pathlib import Path

import pytest

from sales_playbooks.loader import setting_problems
from sales_playbooks.mkdocs_file import Tagged, parse_config_file, plugin_options, without_plugin
from sales_playbooks.settings import forum_settings, read_settings
from sales_playbooks.yamlsource import Pos

TEXT = """\
site_name: x
site_url: !ENV [PLAYBOOKS_SITE_URL, 'https://default.example/']
plugins:
  - search
  - playbooks:
      today: "2026-11-23"
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
extra:
  forum:
    url: https://f.example
    comments: !ENV [PLAYBOOKS_COMMENTS, false]
"""


def test_one_composition_gives_the_settings_the_file_as_written_and_positions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PLAYBOOKS_SITE_URL", "https://env.example/")
    monkeypatch.delenv("PLAYBOOKS_COMMENTS", raising=False)
    config = parse_config_file(TEXT, Path("mkdocs.yml"))
    values, kept = config.values, config.kept
    assert values["site_url"] == "https://env.example/" and values["extra"]["forum"]["comments"] is False
    emoji = values["markdown_extensions"][0]["pymdownx.emoji"]["emoji_index"]
    assert emoji == "", "a python tag is read as its plain (empty) value, never run"
    assert kept["site_url"] == Tagged("!ENV", ["PLAYBOOKS_SITE_URL", "https://default.example/"])
    assert kept["markdown_extensions"][0]["pymdownx.emoji"]["emoji_index"] == Tagged(
        "tag:yaml.org,2002:python/name:material.extensions.emoji.twemoji", ""
    )
    assert config.where(("extra", "forum", "comments")) == Pos(13, 5)
    assert config.where(("extra", "forum", "limits")) == Pos(11, 3), "the deepest key that is there"
    assert config.where(("nav",)) == Pos(1, 1)
    assert plugin_options(values) == {"today": "2026-11-23"}
    assert without_plugin(values["plugins"]) == ["search"]
    assert without_plugin({"search": None, "playbooks": {}}) == {"search": None}


def test_each_wrong_forum_setting_is_reported_at_its_own_key(tmp_path: Path) -> None:
    """Positions come from the YAML nodes: no message is taken apart to find its key."""
    text = (
        "site_name: x\n"
        "extra:\n"
        "  forum:\n"
        "    url: https://f.example\n"
        "    tags: 'no'\n"
        "    limits:\n"
        "      max_tag_length: 20\n"
        "      max_tags_per_topic: many\n"
        "      min_topic_title_lenght: 12\n"
        "    comments: 1\n"
    )
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    found = [
        (p.line, p.col, p.code, p.message.split(" in mkdocs.yml")[0]) for p in setting_problems(read_settings(tmp_path))
    ]
    assert found == [
        (10, 5, "bad-setting", "extra.forum.comments"),
        (5, 5, "bad-setting", "extra.forum.tags"),
        (8, 7, "bad-setting", "extra.forum.limits.max_tags_per_topic"),
        (9, 7, "bad-setting", "extra.forum.limits.min_topic_title_lenght"),
    ]
    assert all(p.path.endswith("mkdocs.yml") for p in setting_problems(read_settings(tmp_path)))
    (tmp_path / "mkdocs.yml").write_text(text.replace("    limits:\n", "    limits: [30]\n    old:\n"), "utf-8")
    problems = setting_problems(read_settings(tmp_path))
    assert (problems[-1].line, problems[-1].col) == (6, 5) and "extra.forum.limits in mkdocs.yml must map" in (
        problems[-1].message
    )


def test_settings_given_as_a_mapping_keep_their_messages_without_a_file() -> None:
    forum = forum_settings({"forum": {"url": "https://f.example", "comments": "yes"}})
    assert forum.problems == ("extra.forum.comments in mkdocs.yml must be true or false (got 'yes')",)
    assert (forum.issues[0].line, forum.issues[0].col) == (1, 1)
    assert forum_settings({"forum": "https://f.example"}).problems == (
        "extra.forum in mkdocs.yml must map settings to values (got 'https://f.example')",
    )
