"""Shared set-up for the cohort tests: a repository copy with one cohort file, and the forum people in it.

The cohort says `notify: none`, so that the request counts of these tests measure its space and topics alone;
tests/test_cohorts_notify.py measures what watching (the default) and mentions add.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests
from click.testing import CliRunner

from sales_playbooks.cli import main
from tests.discourse_double import Topic
from tests.sync_harness import SyncEnv, capture_http, sync_env

FACILITATOR = "dana.whitfield"
MEMBERS = ("marcus_bell", "priya.raman")
OUTSIDER = "seller-sam"  # a forum user who is in no cohort (made by sync_env)
CURRICULUM = ("first-90-days", "coaching-cadence", "managing-the-pipeline")
NAME = "Peer group: spring test cohort"

COHORT = """\
# A test cohort: forum usernames only.
id: spring
name: "{name}"
facilitators:
  - {facilitator}
members:
{members}
start: 2026-03-02
cadence: weekly
timezone: Europe/Berlin
curriculum:
{curriculum}
notify: none
"""


def cohort_text(members: tuple[str, ...] = MEMBERS, curriculum: tuple[str, ...] = CURRICULUM) -> str:
    return COHORT.format(
        name=NAME,
        facilitator=FACILITATOR,
        members="\n".join(f"  - {m}" for m in members) if members else "  []",
        curriculum="\n".join(f"  - {c}" for c in curriculum),
    ).replace("members:\n  []", "members: []")


def write_cohort(env: SyncEnv, text: str | None = None, name: str = "spring.yml") -> Path:
    folder = env.root / "peer-groups"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text if text is not None else cohort_text(), encoding="utf-8")
    return path


@contextmanager
def cohort_env(tmp_path: Path) -> Iterator[SyncEnv]:
    """The sync harness with the cohort's people on the forum and its file in peer-groups/."""
    with sync_env(tmp_path) as env:
        for username in (FACILITATOR, *MEMBERS):
            env.double.add_user(username)
        write_cohort(env)
        yield env
        assert env.spec_problems == [], "\n".join(env.spec_problems[:20])


def cohort_topics(env: SyncEnv, cohort_id: str = "spring") -> dict[str, Topic]:
    """The cohort's live topics by playbook id; fails on a duplicate."""
    prefix = f"cg_{cohort_id}_"
    found: dict[str, Topic] = {}
    for topic in env.double.topics(include_deleted=False):
        if topic.external_id and topic.external_id.startswith(prefix):
            key = topic.external_id.removeprefix(prefix)
            assert key not in found, f"duplicate cohort topic for {key}"
            found[key] = topic
    return found


def get_as(env: SyncEnv, username: str | None, path: str) -> requests.Response:
    """A GET by one forum user (with their own API key), or anonymous when username is None."""
    headers = {"Accept": "application/json"}
    if username is not None:
        headers.update({"Api-Key": env.double.api_key_for(username), "Api-Username": username})
    return requests.get(env.double.url + path, headers=headers, allow_redirects=False, timeout=10)


def run_command(env: SyncEnv, command: str, *args: str) -> tuple[int, str, int]:
    """`playbooks COMMAND --root <copy> ARGS` in this process: (exit status, output, requests sent).

    Every request and answer is checked against Discourse's OpenAPI spec, into env.spec_problems.
    """
    before = len(env.double.requests)
    with capture_http() as exchanges:
        result = CliRunner().invoke(main, [command, "--root", str(env.root), *args], env=env.env())
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    for exchange in exchanges:
        env.spec_problems += env.exchange_problems(exchange)
    return result.exit_code, result.stdout + result.stderr, len(env.double.requests) - before
