"""MkDocs plugin: hands the assembled site (site_build.assemble) to MkDocs, through public MkDocs API only.

Glue only: the generated pages become files, the nav by stage becomes `config.nav` (MkDocs builds the
Navigation from it, exactly as from the mkdocs.yml that `playbooks render` writes), and problems stop the build
(while serving, they are shown in the browser instead: see error_page.py).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..activity import ACTIVITY_FILE
from ..pages import ASSESSMENT_URI, HOME_URI, INDEX_URI
from ..settings import read_settings
from ..site_build import Site, SiteCache, assemble, nav_uris
from ..loader import playbook_files
from ..sanitize import sanitize_html
from .error_page import ErrorSite
from .preview import Preview, TemplateCache, heading
from .sidebar import DEFAULT_SIZE, StageWindow

log = logging.getLogger("mkdocs.plugins.playbooks")


class PlaybooksConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs leaves __init_subclass__ untyped
    """Options under `plugins: - playbooks:` in mkdocs.yml (read by settings.read_settings; declared for MkDocs)."""

    activity_file = c.Type(str, default=ACTIVITY_FILE)
    today = c.Optional(c.Type(str))  # YYYY-MM-DD; pins the review-date notices for reproducible builds
    sidebar_window = c.Type(int, default=DEFAULT_SIZE)  # a longer stage lists this many playbooks around the page


class PlaybooksPlugin(BasePlugin[PlaybooksConfig]):  # type: ignore[no-untyped-call]
    """Publishes every file of playbooks/ as a page, plus the index, checklist, source and self-assessment pages."""

    def __init__(self) -> None:
        self.root = Path(".")
        self.config_file: Path | None = None
        self.site: Site | None = None
        self.command: str | None = None
        self.cache: SiteCache | None = None
        self.templates: TemplateCache | None = None
        self.preview: Preview | None = None
        self.window = StageWindow()
        self.index_url = ""
        self.errors: ErrorSite | None = None  # while serving: problems are shown as pages, not raised

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """While serving, keep what each rebuild can reuse (MkDocs keeps a plugin with this hook between rebuilds):
        the checks and pages of unchanged playbooks, and with --dirty the generated pages as files. The preview
        leaves out the books' print pages, which only the PDFs need."""
        self.on_shutdown()
        self.command = command
        self.cache = SiteCache() if command == "serve" else None
        self.templates = TemplateCache() if command == "serve" else None
        self.preview = Preview() if dirty else None
        self.errors = ErrorSite(keep=dirty) if command == "serve" else None

    def on_shutdown(self) -> None:
        if self.preview is not None:
            self.preview.close()
        if self.errors is not None:
            self.errors.close()
        self.cache = self.templates = self.preview = self.errors = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Note the repository root: the folder of mkdocs.yml."""
        self.config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        self.root = self.config_file.parent
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages, and give MkDocs the nav with the playbooks by stage."""
        # Info, not a warning: `mkdocs build --strict` fails on warnings, and a stale file must not stop a build.
        settings = read_settings(self.root, self.config_file)
        built = assemble(settings, note=log.info, cache=self.cache, books=self.command != "serve")
        if self.errors is not None:
            self.errors.clear()
        if built.site is None:
            if self.errors is None:
                raise PluginError("\n".join(built.messages()))
            # Said in the terminal too; at info level under --strict, which would otherwise stop the preview.
            level = logging.INFO if config.strict else logging.ERROR
            log.log(level, "\n".join([*built.messages(), "The preview shows these problems on every page."]))
            known = set(self.site.pages) if self.site is not None else set()
            playbooks = {f"playbooks/{p.name}" for p in playbook_files(settings.playbooks_dir)}
            self.errors.replace(built.problems, files, config, known | playbooks | nav_uris(settings.nav))
            return files
        site = self.site = built.site
        if ASSESSMENT_URI in site.absent:
            log.info("no playbooks/skills.yml: the site has no self-assessment page")
        if site.nav is not None:
            config.nav = site.nav
        self.window = StageWindow(self.config.sidebar_window)
        self.index_url = File(INDEX_URI, None, "", config.use_directory_urls).url
        playbook_pages = {p.page_uri for p in site.library.playbooks}
        for uri, content in site.pages.items():
            # A playbook the nav does not list is still published, and MkDocs should not call it omitted; nor
            # should it call omitted the pages published outside the nav on purpose (site_build.Site.unlisted).
            hidden = (uri in playbook_pages or uri in site.unlisted) and uri not in site.listed
            inclusion = InclusionLevel.NOT_IN_NAV if hidden else InclusionLevel.UNDEFINED
            if self.preview is None:
                file = File.generated(config, uri, content=content, inclusion=inclusion)
            else:
                file = File.generated(
                    config, uri, abs_src_path=self.preview.page_file(uri, content), inclusion=inclusion
                )
            if uri in site.edit_paths:
                file.edit_uri = site.edit_paths[uri]
            files.append(file)
        for uri, content in site.files.items():  # the feed
            files.append(File.generated(config, uri, content=content))
        if self.preview is not None:
            labels = {
                p.page_uri: [p.title, [site.library.tag_label(t) for t in p.tags]] for p in site.library.playbooks
            }
            shown = {uri: labels.get(uri) or heading(content) for uri, content in site.pages.items()}
            if self.preview.before_build(files, config, shown, self._filled(files)):
                log.info("the nav, a title or a tag changed: every page is rebuilt")
        return files

    def _filled(self, files: Files) -> dict[str, str]:
        """What the site adds to each hand-written page (its filled-in blocks, its date), for the preview to rebuild
        the pages where that changed."""
        if self.site is None:
            return {}
        site, found = self.site, {}
        for file in files.documentation_pages():
            if file.generated_by is None:
                text = file.content_string
                meta = json.dumps(site.page_meta(file.src_uri), sort_keys=True)
                found[file.src_uri] = site.page_markdown(file.src_uri, text) + meta
        return found

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """With --dirty, the pages MkDocs does not read again keep their titles in the nav."""
        if self.preview is not None and self.site is not None and not self.showing_errors:
            self.preview.name_unread(nav, {p.page_uri: p.title for p in self.site.library.playbooks}, config)
        return nav

    @event_priority(110)  # before the tags plugin renders its listing with the same templates
    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """While serving, the theme's templates compiled once; with --dirty, every page has been read: the tags
        listing keeps its built page."""
        if self.templates is not None:
            env.bytecode_cache = self.templates
        if self.preview is not None:
            self.preview.after_read()
        return env

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Blocks filled in at markers, the home page's most-discussed list, and when the page last changed (a
        playbook page's comment embed is in its front matter)."""
        if self.site is None or self.showing_errors:
            return markdown
        page.meta.update(self.site.page_meta(page.file.src_uri))
        return self.site.page_markdown(page.file.src_uri, markdown)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Generated pages, and the home page that lists playbooks, through the sanitiser's allow-list; in an error
        build, the error page (made here, every problem escaped)."""
        if self.errors is not None and (shown := self.errors.content()) is not None:
            return shown
        if page.file.generated_by is None and page.file.src_uri != HOME_URI:
            return html
        return sanitize_html(html)

    def on_page_context(self, context: Any, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        """A playbook in a long stage: the sidebar lists the playbooks around it (see sidebar.py)."""
        self.window.open(page, self.index_url)
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.window.close()
        return output

    @property
    def showing_errors(self) -> bool:
        return self.errors is not None and self.errors.showing

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild while serving when a playbook, the skills file, sources, tag labels or activity change. From
        now on, problems are shown in the browser (`mkdocs serve --clean` starts the plugin as for a build)."""
        if self.errors is None:
            self.errors = ErrorSite()
        for folder in ("playbooks", "data"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server
