"""Previews under `mkdocs serve --dirty` that stay correct: MkDocs rebuilds only the pages whose inputs changed.

MkDocs' dirty mode rebuilds a page when its source file is newer than its built HTML. The generated pages are
therefore written to a folder of their own, each file rewritten only when its markdown changes, so its time
stamp says whether the page changed. A hand-written page whose filled-in blocks (progress, downloads, its date)
changed is marked out of date the same way. What every page shows besides its own text (the nav with its titles, the
tags, the neighbours' titles in the footer) is the site's shape: when it changes, every built page is marked
out of date and the whole site is rebuilt. Public MkDocs API only: files, their paths and time stamps.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

# Material's tags listing marker: a page holding it lists every tagged page, so it is read on every rebuild (to
# give the tag chips their links) but written only when the site's shape changes.
TAGS_LISTING = "<!-- material/tags"
FRONT_MATTER = re.compile(r"\A---\n.*?^---$", re.M | re.S)
HEADING = re.compile(r"^#\s.*$", re.M)
OUT_OF_DATE = 0.0  # a built page's time stamp that makes MkDocs rebuild it
# MkDocs warns on every dirty build that the nav may be inaccurate; with this plugin it is not.
DIRTY_WARNING = "A 'dirty' build is being performed"


def heading(markdown: str) -> str:
    """What of a page the others may show (its title, its tags): its front matter and first level-1 heading."""
    return "\n".join(found.group(0) for found in (FRONT_MATTER.search(markdown), HEADING.search(markdown)) if found)


class Preview:
    """The generated pages as files, and the site's shape at the last build, for one `mkdocs serve --dirty`."""

    def __init__(self) -> None:
        logging.getLogger("mkdocs.commands.build").addFilter(self._no_dirty_warning)
        self.folder = Path(tempfile.mkdtemp(prefix="playbooks-pages-"))
        self.written: dict[str, str] = {}
        self.shape: str | None = None
        self.filled: dict[str, str] = {}  # hand-written page -> what the site added to it at the last build
        self.listings: dict[str, float] = {}  # built tags listing page -> its time stamp, while it is being read

    def page_file(self, uri: str, markdown: str) -> str:
        """The file holding a generated page: rewritten (and so newer than the built page) only when it changed."""
        path = self.folder / uri
        if self.written.get(uri) != markdown:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(markdown, encoding="utf-8")
            self.written[uri] = markdown
        return str(path)

    def before_build(
        self, files: Files, config: MkDocsConfig, shown: Mapping[str, Any], filled: Mapping[str, str]
    ) -> bool:
        """Mark every built page out of date when the site's shape changed (or is not known yet: the first build
        of this process); otherwise mark out of date the hand-written pages whose filled-in blocks changed, and
        have the tags listing read again without being rebuilt. True: a full rebuild.

        `shown` is what each generated page shows of itself on the others (its title, its tags); `filled` each
        hand-written page as the site fills it in (site_build.Site.page_markdown, and its date)."""
        pages = files.documentation_pages()
        self._drop_gone({f.src_uri for f in pages if f.generated_by is not None}, config)
        texts = {f.src_uri: f.content_string for f in pages if f.generated_by is None}
        shape = _shape(config.nav, shown, pages, texts)
        changed, self.shape = shape != self.shape, shape
        self.listings = {}
        for file in pages:
            built = file.abs_dest_path
            if not os.path.isfile(built):
                continue
            if changed or filled.get(file.src_uri) != self.filled.get(file.src_uri):
                os.utime(built, (OUT_OF_DATE, OUT_OF_DATE))
            elif TAGS_LISTING in texts.get(file.src_uri, "") and not file.is_modified():
                self.listings[built] = os.path.getmtime(built)
                os.utime(built, (OUT_OF_DATE, OUT_OF_DATE))
        self.filled = dict(filled)
        return changed

    def _drop_gone(self, current: set[str], config: MkDocsConfig) -> None:
        """A page no longer generated (a playbook renamed or removed) goes, built page included: not served stale."""
        for uri in set(self.written) - current:
            (self.folder / uri).unlink(missing_ok=True)
            gone = File(uri, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
            built = Path(gone.abs_dest_path)
            built.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # its folder, when nothing else is in it
                built.parent.rmdir()
            del self.written[uri]

    def name_unread(self, nav: Navigation, titles: Mapping[str, str], config: MkDocsConfig) -> None:
        """Give the pages MkDocs will not read again their titles, so the nav and footers of the pages it rebuilds
        name them: a generated page's from the assembly, a hand-written one's from its file."""
        for page in nav.pages:
            if page.title is not None or page.file.is_modified():
                continue
            if page.file.src_uri in titles:
                page.title = titles[page.file.src_uri]
            else:
                page.read_source(config)

    def after_read(self) -> None:
        """The tags listing has been read (its tag links are known): give it back its time stamp, so it is not
        rebuilt from the few pages read this time."""
        for built, stamp in self.listings.items():
            os.utime(built, (stamp, stamp))
        self.listings = {}

    def close(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(self._no_dirty_warning)
        shutil.rmtree(self.folder, ignore_errors=True)

    @staticmethod
    def _no_dirty_warning(record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


class TemplateCache(BytecodeCache):
    """The theme's compiled templates, kept between rebuilds: MkDocs makes a new template environment for each
    build, and compiling Material's templates again is most of the time a one-page rebuild takes. A template
    whose source changed is compiled anew (the cache is keyed by the source's checksum)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def _shape(nav: Any, shown: Mapping[str, Any], pages: Iterable[File], texts: Mapping[str, str]) -> str:
    """What every page shows of the others: the nav, each page's title and tags, the tags listing's text."""
    data = {
        "nav": nav,
        "generated": dict(shown),
        "pages": sorted(f.src_uri for f in pages),
        "hand-written": {uri: heading(text) for uri, text in texts.items()},
        "listings": sorted(text for text in texts.values() if TAGS_LISTING in text),
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
