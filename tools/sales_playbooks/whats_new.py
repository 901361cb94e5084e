"""What changed, told to readers: the "What's new" page and its Atom feed, from the playbooks' git history. Pure.

A change is named by what a reader knows: the playbook's title and summary, and whether it is new or
updated, one line per playbook per day (several commits on one day make one update).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urlsplit

from .history import ADDED, History
from .links import page_url
from .model import Library, Playbook
from .render_page import front_matter, human_date
from .sanitize import as_text

PAGE_URI = "whats-new.md"
FEED_URI = "feed.xml"
RECENT_DAYS = 12  # days with changes that the page and the feed list
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Update:
    """A playbook added or changed on one day."""

    day: dt.date
    when: dt.datetime  # the latest change that day
    playbook: Playbook
    added: bool

    @property
    def label(self) -> str:
        return "New playbook" if self.added else "Updated"


def playbook_updates(history: History, library: Library, folder: str = "playbooks") -> list[Update]:
    """One update per playbook per day, newest first, for the playbooks the library has now."""
    by_file = {f"{folder.rstrip('/')}/{p.file_name}": p for p in library.playbooks}
    found: dict[tuple[dt.date, str], Update] = {}
    for change in history.under(folder):
        playbook = by_file.get(change.path)
        if playbook is None:
            continue  # skills.yml, or a file that is no longer a playbook
        key = (change.when.date(), playbook.id)
        seen = found.get(key)
        when = max(change.when, seen.when) if seen else change.when
        added = change.status == ADDED or (seen is not None and seen.added)
        found[key] = Update(key[0], when, playbook, added)
    return sorted(found.values(), key=lambda u: (u.day, u.when, u.playbook.title.lower()), reverse=True)


def recent(updates: list[Update], days: int = RECENT_DAYS) -> list[Update]:
    """The updates of the latest `days` days that had any."""
    kept = sorted({u.day for u in updates}, reverse=True)[:days]
    return [u for u in updates if u.day in kept]


def whats_new_page(updates: list[Update] | None, feed: bool) -> str:
    """The page: the recent updates grouped by day; without history, a line saying so."""
    chunks = [
        front_matter({"title": "What's new", "description": "Playbooks added and updated recently, newest first."}),
        "# What's new",
        "The playbooks change as managers try them and reviewers bring them up to date. This page lists "
        "the playbooks added or updated most recently, newest first.",
    ]
    if feed:
        chunks.append(
            f"To hear about changes as they happen, follow the [feed of this page]({FEED_URI}) in a feed reader "
            "or in your forum's or chat's feed integration."
        )
    if updates is None:
        chunks.append(
            "This copy of the site was built without its change history, so it cannot list recent changes. "
            "Every playbook still shows the day it was last reviewed; the [playbook index](playbooks/index.md) "
            "lists them all."
        )
        return "\n\n".join(chunks) + "\n"
    shown = recent(updates)
    if not shown:
        chunks.append("No playbook has changed yet.")
    for day in sorted({u.day for u in shown}, reverse=True):
        chunks.append(f"## {human_date(day)} {{ #{day.isoformat()} }}")
        lines = [
            f"- **{u.label}:** [{as_text(u.playbook.title)}]({u.playbook.page_uri})  \n  {as_text(u.playbook.summary)}"
            for u in sorted((u for u in shown if u.day == day), key=lambda u: (not u.added, u.playbook.title.lower()))
        ]
        chunks.append("\n".join(lines))
    return "\n\n".join(chunks) + "\n"


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _tag(site_url: str, day: dt.date, specific: str) -> str:
    """A tag URI (RFC 4151): the same change keeps the same id in every build."""
    return f"tag:{urlsplit(site_url).hostname or 'localhost'},{day.isoformat()}:{specific}"


def feed_xml(updates: list[Update] | None, site_url: str, site_name: str, today: dt.date) -> str:
    """An Atom feed (RFC 4287) of the recent updates: one entry per playbook per day."""
    shown = recent(updates or [])
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def add(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
        node.text = text
        return node

    page = page_url(site_url, PAGE_URI)
    add(feed, "title", f"{site_name}: what's new")
    add(feed, "subtitle", "Playbooks added and updated recently.")
    add(feed, "link", href=page, rel="alternate", type="text/html")
    add(feed, "link", href=site_url.rstrip("/") + "/" + FEED_URI, rel="self", type="application/atom+xml")
    add(feed, "id", page)
    newest = max((u.when for u in shown), default=dt.datetime.combine(today, dt.time(), dt.UTC))
    add(feed, "updated", _stamp(newest))
    add(add(feed, "author"), "name", site_name)
    for update in shown:
        entry = add(feed, "entry")
        add(entry, "title", f"{update.label}: {update.playbook.title}")
        add(entry, "link", href=page_url(site_url, update.playbook.page_uri), rel="alternate", type="text/html")
        kind = "new" if update.added else "updated"
        add(entry, "id", _tag(site_url, update.day, f"{update.playbook.page_uri.removesuffix('.md')}:{kind}"))
        add(entry, "updated", _stamp(update.when))
        add(entry, "summary", update.playbook.summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
