"""Run the real `playbooks sync` against the Discourse double, on a temporary copy of the repository.

The copy holds a few real playbooks; their links and `related` ids that point at playbooks left
out become plain text, so the copy validates on its own. `SyncEnv.run` calls the CLI in-process
(click's runner: real settings, real pydiscourse over HTTP) and records what the forum saw;
`SyncEnv.spawn` starts it as a separate process, for tests that kill it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from click.testing import CliRunner

from sales_playbooks.cli import main
from tests.discourse_double import DiscourseDouble, RequestRecord, Topic
from tests.sync_openapi import Exchange, request_problems, response_problems

ROOT = Path(__file__).parent.parent
BOT = "sync-bot"
CATEGORY = "Playbooks"
SITE_URL = "https://sales-leader-playbooks.github.io/playbooks/"
REAL_PLAYBOOKS = ("first-90-days", "coaching-cadence", "managing-the-pipeline")
LINK = re.compile(r"\[([^\]]+)\]\(([a-z0-9-]+)\.md(#[^)]*)?\)")
RELATED = re.compile(r"^related: \[(.*)\]\n", re.M)
WRITES = ("POST", "PUT", "DELETE", "PATCH")


def detach(text: str, keep: set[str]) -> str:
    """A playbook's text with links and related ids to playbooks outside `keep` made plain."""

    def related(match: re.Match[str]) -> str:
        ids = [i.strip() for i in match.group(1).split(",") if i.strip() in keep]
        return f"related: [{', '.join(ids)}]\n" if ids else ""

    text = RELATED.sub(related, text)
    return LINK.sub(lambda m: m.group(0) if m.group(2) in keep else m.group(1), text)


def make_sync_repo(target: Path, names: tuple[str, ...] = REAL_PLAYBOOKS) -> Path:
    """mkdocs.yml, data/, the glossary and the named real playbooks, in `target`."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "data", target / "data", ignore=shutil.ignore_patterns("activity.json"))
    (target / "docs").mkdir()
    for name in ("index.md", "glossary.md"):
        shutil.copy(ROOT / "docs" / name, target / "docs" / name)
    (target / "playbooks").mkdir()
    for name in names:
        text = (ROOT / "playbooks" / f"{name}.md").read_text(encoding="utf-8")
        (target / "playbooks" / f"{name}.md").write_text(detach(text, set(names)), encoding="utf-8")
    return target


def generated_playbook(number: int, extra: str = "") -> tuple[str, str]:
    """(file name, text) of a valid playbook made up for volume tests."""
    ident = f"generated-practice-{number:03d}"
    text = GENERATED.format(ident=ident, number=number, extra=extra)
    return f"{ident}.md", text


GENERATED = """\
---
id: {ident}
title: Practice routine {number:03d} for a new sales manager
summary: >-
  A made-up playbook used to test the forum sync: a short weekly routine that keeps a new
  manager close to the deals and to the people on the team.
audience: [new-manager]
stage: leading
tags: [pipeline, coaching]
owner: "@example-org/pipeline"
reviewed: 2026-01-10
review_every: 90
sources: [jordan]
---

## Why it matters

A routine that nobody keeps goes stale. One fixed half hour a week keeps every deal honest
and gives each seller a moment to ask for help.{extra}

## The plays

### 1. Keep the same slot every week

Pick a time and protect it, so sellers update their deals before they walk in.

## Checklist

- [ ] Book a recurring thirty-minute review with the whole team.
- [ ] Ask each seller to name one stuck deal and the next step on it.

## Discussion questions

1. Which deal in your pipeline has not moved for a month, and why?

## Sources

The meeting format is this site's own advice.
"""


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    requests: list[RequestRecord]
    exchanges: list[Exchange] = field(default_factory=list)

    @property
    def writes(self) -> list[RequestRecord]:
        return [r for r in self.requests if r.method in WRITES]

    @property
    def reads(self) -> list[RequestRecord]:
        return [r for r in self.requests if r.method not in WRITES]

    def __str__(self) -> str:
        lines = [f"exit {self.code}", self.stdout, self.stderr]
        lines += [f"  {r.method} {r.path}?{r.query} -> {r.status} {r.fault or ''}" for r in self.requests]
        return "\n".join(lines)


@contextmanager
def capture_http() -> Iterator[list[Exchange]]:
    """Record every request sent through a requests.Session, with its final response."""
    seen: list[Exchange] = []
    original = requests.Session.send

    def send(session: requests.Session, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        response = original(session, request, **kwargs)
        body = request.body or b""
        seen.append(
            Exchange(
                str(request.method),
                str(request.url),
                dict(request.headers),
                body.encode() if isinstance(body, str) else body,
                response.status_code,
                response.headers.get("Content-Type", ""),
                response.content,
            )
        )
        return response

    requests.Session.send = send  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        requests.Session.send = original  # type: ignore[method-assign]


@dataclass
class SyncEnv:
    double: DiscourseDouble
    root: Path
    key: str
    rate: int = 6000
    extra_env: dict[str, str] = field(default_factory=dict)
    spec_problems: list[str] = field(default_factory=list)  # every run's requests, checked against the spec

    @property
    def playbooks(self) -> Path:
        return self.root / "playbooks"

    def remove_playbook(self, name: str) -> dict[str, str]:
        """Delete a playbook and unlink it from the others, as a contributor would; returns the old texts."""
        saved = {p.name: p.read_text(encoding="utf-8") for p in self.playbooks.glob("*.md")}
        (self.playbooks / f"{name}.md").unlink()
        keep = {p.stem for p in self.playbooks.glob("*.md")}
        for path in self.playbooks.glob("*.md"):
            path.write_text(detach(path.read_text(encoding="utf-8"), keep), encoding="utf-8")
        return saved

    def restore_playbooks(self, saved: dict[str, str]) -> None:
        for name, text in saved.items():
            (self.playbooks / name).write_text(text, encoding="utf-8")

    def env(self, **overrides: str) -> dict[str, str]:
        env = {
            "DISCOURSE_URL": self.double.url,
            "DISCOURSE_API_KEY": self.key,
            "DISCOURSE_API_USERNAME": BOT,
            "DISCOURSE_RATE_LIMIT": str(self.rate),
            "GITHUB_SHA": "",
            **self.extra_env,
        }
        env.update(overrides)
        return env

    def run(self, *args: str, **env: str) -> Run:
        """`playbooks sync --root <copy> ARGS` in this process."""
        before = len(self.double.requests)
        with capture_http() as exchanges:
            result = CliRunner().invoke(main, ["sync", "--root", str(self.root), *args], env=self.env(**env))
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        for exchange in exchanges:
            self.spec_problems += self.exchange_problems(exchange)
        return Run(result.exit_code, result.stdout, result.stderr, self.double.requests[before:], exchanges)

    def exchange_problems(self, exchange: Exchange) -> list[str]:
        """The spec's verdict on one exchange, read as the forum's routes see it (under its subfolder, if
        any); a request that left the forum's subfolder is a problem in itself."""
        prefix = self.double.base_path
        if prefix:
            url = urlsplit(exchange.url)
            if not url.path.startswith(prefix + "/"):
                return [f"{exchange.method} {url.path}: outside the forum's subfolder {prefix}"]
            exchange = replace(exchange, url=urlunsplit(url._replace(path=url.path[len(prefix) :])))
        return request_problems(exchange) + response_problems(exchange)

    def command(self, *args: str) -> list[str]:
        return [str(Path(sys.executable).parent / "playbooks"), "sync", "--root", str(self.root), *args]

    def spawn(self, *args: str, **env: str) -> subprocess.Popen[str]:
        """The same command as a separate process (it can be killed)."""
        full = {**os.environ, **self.env(**env)}
        return subprocess.Popen(
            self.command(*args), env=full, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )

    def run_process(self, *args: str, **env: str) -> Run:
        before = len(self.double.requests)
        process = self.spawn(*args, **env)
        stdout, stderr = process.communicate(timeout=120)
        return Run(process.returncode, stdout, stderr, self.double.requests[before:])

    # What the forum shows ------------------------------------------------------------------------

    def category_id(self) -> int:
        found = [c.id for c in self.double.categories() if c.name == CATEGORY]
        assert len(found) == 1, f"expected one {CATEGORY} category, found {len(found)}"
        return found[0]

    def synced(self, include_deleted: bool = True) -> dict[str, Topic]:
        """The sync's topics by external_id; fails on any duplicate (two topics for one playbook)."""
        topics: dict[str, Topic] = {}
        for topic in self.double.topics(include_deleted=include_deleted):
            if topic.external_id is None:
                continue
            key = topic.external_id.lower()
            assert key not in topics, f"duplicate topic for {key}: {topics[key].id} and {topic.id}"
            topics[key] = topic
        titles = [t.title for t in self.double.topics(include_deleted=False) if t.category_id is not None]
        assert len(titles) == len(set(titles)), f"duplicate titles: {sorted(titles)}"
        return topics

    def first_raw(self, topic_id: int) -> str:
        return self.double.posts_of(topic_id)[0].raw

    def replies(self, topic_id: int) -> list[str]:
        """The people's replies (not the first post, not 'closed'/'opened' small actions)."""
        posts = self.double.posts_of(topic_id)[1:]
        return [p.raw for p in posts if p.action_code is None and p.deleted_at is None]

    def age_posts(self, seconds: float = 3600) -> None:
        """Let time pass: later edits leave Discourse's editing grace period, and identical creates
        are no longer answered from the 120-second create memo."""
        self.double.reset_memoizer()
        for topic in self.double.topics():
            for post in self.double.posts_of(topic.id):
                self.double.age_post(post.id, seconds)


@contextmanager
def sync_env(
    tmp_path: Path,
    names: tuple[str, ...] = REAL_PLAYBOOKS,
    admin_rate_limit: tuple[int, float] = (1000, 10.0),
    **double_options: Any,
) -> Iterator[SyncEnv]:
    """A started double with an admin sync-bot, a moderator and a member, and a repository copy.

    On a clean exit it also checks that every request the in-process runs sent matched the spec.
    """
    double = DiscourseDouble(admin_rate_limit=admin_rate_limit, **double_options)
    double.add_user(BOT, admin=True)
    double.add_user("mod-maria", moderator=True, trust_level=4)
    double.add_user("seller-sam", trust_level=1)
    key = double.api_key_for(BOT)
    root = tmp_path / "repo"
    root.mkdir()
    make_sync_repo(root, names)
    double.start()
    env = SyncEnv(double, root, key)
    try:
        yield env
        assert env.spec_problems == [], "requests off the OpenAPI spec:\n" + "\n".join(env.spec_problems[:20])
    finally:
        double.stop()


@contextmanager
def synced_env(tmp_path: Path) -> Iterator[SyncEnv]:
    """A test forum with the library synced once and its posts past the edit grace period."""
    with sync_env(tmp_path) as env:
        assert env.run().code == 0
        env.age_posts()
        yield env


def add_step(forum: SyncEnv, name: str) -> None:
    """Add a checklist step at the top of a playbook's checklist (a change the sync must publish)."""
    path = forum.playbooks / f"{name}.md"
    path.write_text(path.read_text().replace("## Checklist\n", "## Checklist\n\n- [ ] A new step.\n", 1))
