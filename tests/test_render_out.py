"""`playbooks render OUT`: the site as plain pages plus an mkdocs.yml, built here with Zensical."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest
from click.testing import CliRunner

from sales_playbooks.cli import main
from sales_playbooks.commands.render_out import Tagged, dump_config, out_config, parse_config, read_config
from sales_playbooks.loader import load_library
from sales_playbooks.pages import generated_pages
from sales_playbooks.settings import read_settings
from tests.minirepo import PLAYBOOK, copy_repo, make_repo

# The day the real playbooks are read as of: on or after every `reviewed` date in playbooks/.
TODAY = "2026-12-31"
ZENSICAL = Path(sys.executable).parent / "zensical"


def render(repo: Path, out: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["render", str(out), "--root", str(repo), "--today", TODAY])
    return result.exit_code, result.stdout, result.stderr


def test_config_keeps_everything_but_the_plugin(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    library = load_library(read_settings(repo)).library
    config = read_config(repo / "mkdocs.yml")
    out = out_config(config, library)
    assert "playbooks" not in out["plugins"] and "search" in out["plugins"]
    assert out["docs_dir"] == "docs" and out["extra"] == config["extra"]
    assert out["theme"] == {**config["theme"], "variant": "classic"}
    playbooks = next(item["Playbooks"] for item in out["nav"] if isinstance(item, dict) and "Playbooks" in item)
    assert playbooks == ["playbooks/index.md", {"Leading the team": ["playbooks/weekly-pipeline-review.md"]}]
    text = dump_config(out)
    assert "!!python/name:material.extensions.emoji.twemoji" in text, "custom tags are written back as tags"
    assert parse_config(text) == out


def test_custom_tags_round_trip() -> None:
    config = parse_config("a: !ENV [SITE_URL, 'https://x.org/']\nb: !!python/name:mod.func\n")
    assert config["a"] == Tagged("!ENV", ["SITE_URL", "https://x.org/"])
    text = dump_config(config)
    assert "!ENV" in text and "!!python/name:mod.func" in text
    assert parse_config(text) == config


def test_refuses_a_folder_that_is_not_empty_and_an_invalid_library(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    repo = make_repo(tmp_path / "repo")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    code, _, err = render(repo, out)
    assert code == 2 and "not empty" in err
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    (repo / "mkdocs.yml").write_text(config.replace("comments: false", 'comments: "false"'), encoding="utf-8")
    code, _, err = render(repo, tmp_path / "out1")
    assert code == 1 and "extra.forum.comments in mkdocs.yml must be true or false" in err
    assert not any((tmp_path / "out1").iterdir()), "nothing is written"
    (repo / "mkdocs.yml").write_text(config, encoding="utf-8")
    broken = PLAYBOOK.replace("stage: leading", "stage: someday")
    (repo / "playbooks" / "weekly-pipeline-review.md").write_text(broken, encoding="utf-8")
    code, _, err = render(repo, tmp_path / "out2")
    assert code == 1 and "unknown-stage" in err


def test_forum_activity_reaches_the_rendered_pages(tmp_path: Path) -> None:
    """The most-discussed list and the comment embed, as the plugin gives them at build time."""
    (tmp_path / "repo").mkdir()
    repo = copy_repo(tmp_path / "repo")
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("comments: false", "comments: true"), "utf-8")
    forum = read_settings(repo).forum.url
    topics = {
        "first-90-days": {"replies": 3, "participants": 2, "topic_id": 41, "url": f"{forum}/t/first/41"},
        "coaching-cadence": {"replies": 1, "participants": 1, "topic_id": 42, "url": f"{forum}/t/cadence/42"},
    }
    data = {"forum": forum, "topics": topics}
    (repo / "data" / "activity.json").write_text(json.dumps(data), encoding="utf-8")
    code, _, err = render(repo, tmp_path / "out")
    assert code == 0, err
    home = (tmp_path / "out" / "docs" / "index.md").read_text(encoding="utf-8")
    assert "## Most discussed" in home and "playbooks:most-discussed" not in home
    assert home.index("first-90-days.md") < home.index("coaching-cadence.md")
    page = frontmatter.loads((tmp_path / "out" / "docs" / "playbooks" / "first-90-days.md").read_text("utf-8"))
    assert page["forum_comments"] == {"forum_url": f"{forum}/", "topic_id": 41, "url": f"{forum}/t/first/41"}
    quiet = frontmatter.loads((tmp_path / "out" / "docs" / "playbooks" / "hiring-the-right-people.md").read_text())
    assert "forum_comments" not in quiet.metadata


@pytest.mark.slow
def test_zensical_builds_every_playbook_page(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    repo = copy_repo(tmp_path / "repo")
    out = tmp_path / "out"
    code, _, err = render(repo, out)
    assert code == 0, err
    settings = read_settings(repo)
    library = load_library(settings).library
    for uri, text in generated_pages(library, settings, dt.date.fromisoformat(TODAY)).items():
        assert (out / "docs" / uri).read_text(encoding="utf-8") == text, f"{uri} differs from the plugin's page"
    assert (out / "docs" / "index.md").is_file(), "hand-written pages are copied"
    result = subprocess.run(
        [str(ZENSICAL), "build", "-f", str(out / "mkdocs.yml")],
        cwd=out,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    site = out / "site"
    index = (site / "playbooks" / "index.html").read_text(encoding="utf-8")
    for playbook in library.playbooks:
        stem = Path(playbook.file_name).stem
        page = site / "playbooks" / stem / "index.html"
        assert page.is_file(), f"no page for {playbook.file_name}"
        html = page.read_text(encoding="utf-8")
        assert f'data-playbook="{playbook.id}"' in html, f"{stem}: no checklist"
        assert f"{stem}/" in index, f"the playbook index does not link to {stem}"
