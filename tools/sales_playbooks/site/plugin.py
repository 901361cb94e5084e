"""MkDocs plugin: hands playbooks to MkDocs as generated pages, and groups them in the navigation.

The plugin is glue only: loading, checking and rendering live in the core modules.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section, _add_parent_links, _add_previous_and_next_links, _get_by_type
from mkdocs.structure.pages import Page

from ..errors import PlaybookError, errors_in
from ..loader import Loaded, load_library, setting_problems
from ..model import STAGES, Library
from ..pages import ASSESSMENT_URI, HOME_URI, INDEX_URI, absent_pages, generated_pages, nav_without, skills_path
from ..render_page import by_stage
from ..sanitize import sanitize_html
from ..settings import Settings, forum_settings
from .discussion import home_markdown, load_activity

log = logging.getLogger("mkdocs.plugins.playbooks")


class PlaybooksConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs leaves __init_subclass__ untyped
    """Options under `plugins: - playbooks:` in mkdocs.yml."""

    activity_file = c.Type(str, default="data/activity.json")
    today = c.Optional(c.Type(str))  # YYYY-MM-DD; pins the review-date notices for reproducible builds


class PlaybooksPlugin(BasePlugin[PlaybooksConfig]):  # type: ignore[no-untyped-call]
    """Publishes every file of playbooks/ as a page, plus the index, checklist and source pages."""

    def __init__(self) -> None:
        self.library: Library | None = None
        self.root = Path(".")
        self.activity: dict[str, dict[str, Any]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Note the repository root; drop nav entries for generated pages this repository does not have."""
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        absent = absent_pages(Settings(root=self.root))
        if absent and isinstance(config.nav, list):
            log.info("no playbooks/skills.yml: the site has no self-assessment page")
            config.nav = nav_without(config.nav, absent)
        return config

    def _today(self) -> dt.date:
        pinned = self.config.today or os.environ.get("PLAYBOOKS_TODAY")
        return dt.date.fromisoformat(pinned) if pinned else dt.date.today()

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        extra: dict[str, Any] = dict(config.extra or {})
        settings = Settings(
            root=self.root,
            site_url=config.site_url,
            repo_url=config.repo_url,
            docs_dir=os.path.relpath(config.docs_dir, self.root),
            forum=forum_settings(extra),
        )
        if settings.forum.problems:
            raise PluginError("\n".join(p.format() for p in setting_problems(settings)))
        today = self._today()
        loaded: Loaded = load_library(settings, today=today)
        errors = errors_in(loaded.problems)
        if errors:
            lines = [p.format() for p in errors]
            lines.append(f"{len(errors)} error(s) in playbooks; run 'playbooks validate' for the full report")
            raise PluginError("\n".join(lines))
        library = self.library = loaded.library
        # Info, not a warning: `mkdocs build --strict` fails on warnings, and a stale file must not stop a build.
        activity = self.activity = load_activity(
            self.root / self.config.activity_file, settings.forum.url or "", log.info
        )
        docs_dir = Path(config.docs_dir)
        try:
            pages = generated_pages(library, settings, today, activity)
        except PlaybookError as exc:
            lines = [p.format() for p in exc.problems]
            raise PluginError("\n".join([*lines, "the skills file has errors; run 'playbooks validate'"])) from exc
        by_uri = {p.page_uri: p for p in library.playbooks}
        for uri, content in pages.items():
            playbook = by_uri.get(uri)
            if playbook is None:
                file = File.generated(config, uri, content=content)
                if uri == ASSESSMENT_URI:
                    file.edit_uri = Path(os.path.relpath(skills_path(settings), docs_dir)).as_posix()
                files.append(file)
                continue
            # Not listed in mkdocs.yml: on_nav below places them, so MkDocs should not call them omitted.
            file = File.generated(config, uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
            source = self.root / "playbooks" / playbook.file_name
            file.edit_uri = Path(os.path.relpath(source, docs_dir)).as_posix()
            files.append(file)
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Put the playbook pages under the Playbooks entry, one sub-section per stage."""
        library = self.library
        index_file = files.get_file_from_path(INDEX_URI)
        if library is None or index_file is None or index_file.page is None:
            return nav
        index = index_file.page
        sections: list[Any] = [index]
        for stage, playbooks in by_stage(library.playbooks).items():
            pages = [files.get_file_from_path(p.page_uri) for p in playbooks]
            children = [f.page for f in pages if f is not None and f.page is not None]
            sections.append(Section(STAGES[stage], children))  # type: ignore[arg-type]
        group = Section(index.title or "Playbooks", sections)
        items = [group if item is index else item for item in nav.items]
        if group not in items:
            return nav
        for page in _get_by_type(items, Page):
            page.parent = None
        nav_pages = _get_by_type(items, Page)
        _add_previous_and_next_links(nav_pages)
        _add_parent_links(items)
        return Navigation(items, nav_pages)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The home page's most-discussed list (a playbook page's comment embed is in its front matter)."""
        if self.library is None or page.file.src_uri != HOME_URI:
            return markdown
        return home_markdown(markdown, self.library, self.activity, self._today())

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Generated pages, and the home page that lists playbooks, through the sanitiser's allow-list."""
        if page.file.generated_by is None and page.file.src_uri != HOME_URI:
            return html
        return sanitize_html(html)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild while serving when a playbook, the skills file, sources, tag labels or activity change."""
        for folder in ("playbooks", "data"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server
