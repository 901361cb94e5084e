"""MkDocs plugin: hands the assembled site (site_build.assemble) to MkDocs, through public MkDocs API only.

Glue only: the generated pages become files, the nav by stage becomes `config.nav` (MkDocs builds the
Navigation from it, exactly as from the mkdocs.yml that `playbooks render` writes), and problems stop the build.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..activity import ACTIVITY_FILE
from ..pages import ASSESSMENT_URI
from ..settings import read_settings
from ..site_build import Site, assemble

log = logging.getLogger("mkdocs.plugins.playbooks")


class PlaybooksConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs leaves __init_subclass__ untyped
    """Options under `plugins: - playbooks:` in mkdocs.yml (read by settings.read_settings; declared for MkDocs)."""

    activity_file = c.Type(str, default=ACTIVITY_FILE)
    today = c.Optional(c.Type(str))  # YYYY-MM-DD; pins the review-date notices for reproducible builds


class PlaybooksPlugin(BasePlugin[PlaybooksConfig]):  # type: ignore[no-untyped-call]
    """Publishes every file of playbooks/ as a page, plus the index, checklist, source and self-assessment pages."""

    def __init__(self) -> None:
        self.root = Path(".")
        self.config_file: Path | None = None
        self.site: Site | None = None
        self.command: str | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note the command: the preview (`serve`) leaves out the books' print pages, which only the PDFs need."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Note the repository root: the folder of mkdocs.yml."""
        self.config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        self.root = self.config_file.parent
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages, and give MkDocs the nav with the playbooks by stage."""
        # Info, not a warning: `mkdocs build --strict` fails on warnings, and a stale file must not stop a build.
        built = assemble(read_settings(self.root, self.config_file), note=log.info, books=self.command != "serve")
        if built.site is None:
            raise PluginError("\n".join(built.messages()))
        site = self.site = built.site
        if ASSESSMENT_URI in site.absent:
            log.info("no playbooks/skills.yml: the site has no self-assessment page")
        if site.nav is not None:
            config.nav = site.nav
        playbook_pages = {p.page_uri for p in site.library.playbooks}
        for uri, content in site.pages.items():
            # A playbook the nav does not list is still published, and MkDocs should not call it omitted.
            hidden = (uri in playbook_pages or uri in site.unlisted) and uri not in site.listed
            inclusion = InclusionLevel.NOT_IN_NAV if hidden else InclusionLevel.UNDEFINED
            file = File.generated(config, uri, content=content, inclusion=inclusion)
            if uri in site.edit_paths:
                file.edit_uri = site.edit_paths[uri]
            files.append(file)
        for uri, content in site.files.items():  # the feed
            files.append(File.generated(config, uri, content=content))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Blocks filled in at markers, the home page's most-discussed list, and when the page last changed (a
        playbook page's comment embed is in its front matter)."""
        if self.site is None:
            return markdown
        page.meta.update(self.site.page_meta(page.file.src_uri))
        return self.site.page_markdown(page.file.src_uri, markdown)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild while serving when a playbook, the skills file, sources, tag labels or activity change."""
        for folder in ("playbooks", "data"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server
