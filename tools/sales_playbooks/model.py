"""The data the rest of the tools work on: sources, playbooks and their parts. No I/O here."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .markdown import Parsed

AUDIENCES: dict[str, str] = {
    "considering-promotion": "Sellers considering promotion",
    "new-manager": "New sales managers",
    "owner-executive": "Owners and executives",
    "facilitator": "Peer-group facilitators",
}

STAGES: dict[str, str] = {
    "deciding": "Deciding on the move",
    "first-90-days": "The first 90 days",
    "leading": "Leading the team",
    "scaling": "Building for scale",
}

SECTION_WHY = "Why it matters"
SECTION_PLAYS = "The plays"
SECTION_CHECKLIST = "Checklist"
SECTION_QUESTIONS = "Discussion questions"
SECTION_SOURCES = "Sources"
BODY_SECTIONS: tuple[str, ...] = (
    SECTION_WHY,
    SECTION_PLAYS,
    SECTION_CHECKLIST,
    SECTION_QUESTIONS,
    SECTION_SOURCES,
)


def slugify(text: str, max_length: int = 60) -> str:
    """A lowercase ASCII slug of words joined by '-' (used for checklist keys and anchors)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "item"


LINE_END_IDS = re.compile(r"[ \t]*\{#[^{}\n]*\}[ \t]*$", re.M)  # `{#key}` or `{#anchor}` ending a line


@dataclass(frozen=True)
class Source:
    """One of the articles the playbooks are built from."""

    id: str
    author: str | None
    title: str
    publisher: str | None
    year: str
    about: str | None = None  # what the article argues, in this project's words, for the Sources page
    short: str | None = None  # how the playbooks name it in running text, when its id will not do

    @property
    def label(self) -> str:
        """The short name used in citations: 'Jordan', 'Star performers'."""
        return self.short or self.id.replace("-", " ").capitalize()

    def citation(self) -> str:
        """One line of markdown naming the article, for the site and the forum alike: author, title, publisher
        and year, saying plainly what it does not name."""
        title = f"*{self.title}*"
        if self.author and self.publisher == self.author:
            parts = [self.author, title]  # self-published
        elif self.author:
            parts = [self.author, title, self.publisher or "publisher not named"]
        elif self.publisher:
            parts = [title, f"{self.publisher} (author not named)"]
        else:
            parts = [title, "author and publisher not named"]
        return ", ".join([*parts, self.year]) + "."


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class ChecklistItem:
    """One task-list item; `key` identifies it in the reader's browser storage."""

    text: str
    key: str
    line: int
    col: int
    span: tuple[int, int] = (0, 0)  # where the text stands in the body's markdown (offsets)
    key_at: tuple[int, int] | None = None  # line and column of the item's `{#key}`; None: a key made from its words


@dataclass(frozen=True)
class Link:
    text: str
    target: str
    line: int
    col: int


@dataclass(frozen=True)
class Section:
    """A level-2 section of a playbook body: its heading and its markdown."""

    title: str
    line: int
    markdown: str
    span: tuple[int, int] = (0, 0)  # where its markdown stands in the body's (offsets)


@dataclass(frozen=True)
class Body:
    """The parsed structure of a playbook body; markdown is kept as written, and its tokens with it."""

    markdown: str
    first_line: int
    headings: tuple[Heading, ...]
    sections: tuple[Section, ...]
    checklist: tuple[ChecklistItem, ...]
    questions: tuple[str, ...]
    links: tuple[Link, ...]  # inline and reference-style links, at their '['
    images: tuple[Link, ...] = ()
    question_spans: tuple[tuple[int, int], ...] = ()  # where each question stands in the markdown (offsets)
    parsed: Parsed | None = field(default=None, compare=False, repr=False)

    def section(self, title: str) -> Section | None:
        for section in self.sections:
            if section.title == title:
                return section
        return None


@dataclass(frozen=True)
class Playbook:
    """A valid playbook, ready to be rendered."""

    id: str
    path: str  # as given to the loader, used in messages
    file_name: str  # the file name in playbooks/, which is also its page name on the site
    title: str
    summary: str
    audience: tuple[str, ...]
    stage: str
    tags: tuple[str, ...]
    owner: str
    reviewed: dt.date
    review_every: int
    sources: tuple[str, ...]
    related: tuple[str, ...]
    body: Body
    order: int | None = None  # place within its stage on the site; None: after the ordered ones, by title
    previous_ids: tuple[str, ...] = ()  # ids it had before: its forum topic is the one made under such an id

    @property
    def page_uri(self) -> str:
        """Where the playbook's page lives in the site's docs tree."""
        return f"playbooks/{self.file_name}"

    @property
    def review_due(self) -> dt.date:
        return self.reviewed + dt.timedelta(days=self.review_every)

    def word_count(self) -> int:
        """The words a reader reads: not the `{#key}` or `{#anchor}` that ends a checklist item or a heading."""
        return len(re.findall(r"[A-Za-z0-9']+", LINE_END_IDS.sub("", self.body.markdown)))

    def reading_minutes(self) -> int:
        """Minutes to read at 200 words a minute, at least one."""
        return max(1, round(self.word_count() / 200))


@dataclass
class Library:
    """Everything loaded from the repository: sources and playbooks, in file-name order."""

    root: str
    sources: dict[str, Source] = field(default_factory=dict)
    playbooks: list[Playbook] = field(default_factory=list)
    tag_labels: dict[str, str] = field(default_factory=dict)  # data/tags.yml: how the site shows a tag

    def tag_label(self, tag: str) -> str:
        """A tag as readers see it: its label from data/tags.yml, else its words with a capital first letter.

        The forum keeps the tag itself; a label always slugifies back to it, so the site's tag links stay put.
        """
        return self.tag_labels.get(tag) or tag.replace("-", " ").capitalize()

    def by_id(self) -> dict[str, Playbook]:
        return {p.id: p for p in self.playbooks}

    def citing(self, source_id: str) -> list[Playbook]:
        return [p for p in self.playbooks if source_id in p.sources]


# Pages the site plugin generates; links to them are valid although no file exists in docs/.
GENERATED_PAGES: tuple[str, ...] = (
    "playbooks/index.md",
    "checklists.md",
    "sources.md",
    "whats-new.md",
    "owners.md",
    "self-assessment.md",
    "facilitators/index.md",
)
