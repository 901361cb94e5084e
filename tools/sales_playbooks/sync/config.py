"""Forum settings for the sync: mkdocs.yml for the place, the environment for credentials and pace."""

from __future__ import annotations

import math
import os
import subprocess
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..settings import Settings


class SettingsError(Exception):
    """A setting is missing or wrong; the message says what to fix and never shows a secret."""


@dataclass(frozen=True)
class SyncConfig:
    forum_url: str
    api_username: str
    api_key: str
    per_minute: float
    site_url: str
    category: str
    root: Path = Path(".")
    send_tags: bool = True  # extra.forum.tags in mkdocs.yml
    wiki: bool = False  # extra.forum.wiki in mkdocs.yml: playbook topics' first posts are wiki posts

    def repo_path(self, path: str) -> str:
        """A file as the repository names it (playbooks/x.md), wherever the sync runs from."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path

    def __repr__(self) -> str:  # never show the key, even in a traceback
        return f"SyncConfig(forum_url={self.forum_url!r}, api_username={self.api_username!r}, api_key='***')"


def sync_config(settings: Settings, env: Mapping[str, str] | None = None) -> SyncConfig:
    env = os.environ if env is None else env
    forum_url = (env.get("DISCOURSE_URL") or settings.forum.url or "").strip().rstrip("/")
    problems = []
    if not forum_url:
        problems.append("no forum URL: set extra.forum.url in mkdocs.yml or the DISCOURSE_URL variable")
    else:
        problems += url_problems(forum_url)
    key = env.get("DISCOURSE_API_KEY", "").strip(EDGE_WHITESPACE)
    user = env.get("DISCOURSE_API_USERNAME", "").strip(EDGE_WHITESPACE)
    if not key:
        problems.append("DISCOURSE_API_KEY is not set (an admin API key of the forum)")
    if not user:
        problems.append("DISCOURSE_API_USERNAME is not set (an admin's username on the forum)")
    problems += [p for p in (credential_problem("DISCOURSE_API_KEY", key),) if p]
    problems += [p for p in (credential_problem("DISCOURSE_API_USERNAME", user),) if p]
    raw_rate = env.get("DISCOURSE_RATE_LIMIT", "60").strip() or "60"
    try:
        per_minute = float(raw_rate)
        if not math.isfinite(per_minute) or per_minute <= 0:
            raise ValueError
    except ValueError:
        problems.append(
            f"DISCOURSE_RATE_LIMIT must be a finite positive number of requests per minute (got {raw_rate!r})"
        )
        per_minute = 60.0
    if not settings.site_url:
        problems.append("site_url is not set in mkdocs.yml; forum posts link back to the site")
    problems += settings.forum.problems
    if problems:
        raise SettingsError("; ".join(problems))
    return SyncConfig(
        forum_url,
        user,
        key,
        per_minute,
        settings.site_url or "",
        settings.forum.category,
        settings.root,
        settings.forum.tags,
        settings.forum.wiki,
    )


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
# Spaces and line breaks around a credential (a secret pasted with its newline) are dropped; inside it, refused.
EDGE_WHITESPACE = " \t\r\n"


def credential_problem(name: str, value: str) -> str | None:
    """Why a credential cannot be sent as an HTTP header, naming the variable and never its value.

    Both go out as header values, which must be printable ASCII: an invisible character pasted with a
    key (a zero-width space, a no-break space, a byte order mark, a line break) would otherwise stop
    the run with a traceback or a confusing connection error, or the forum would refuse the key.
    """
    for position, char in enumerate(value, 1):
        if not "!" <= char <= "~":
            return (
                f"{name} holds {_describe(char)} at character {position}; it must be printable ASCII only, with "
                "no spaces, line breaks or invisible characters. Copy it again from the forum, or retype it"
            )
    return None


def _describe(char: str) -> str:
    """What the character is, without showing it: only invisible ones are named (by code point)."""
    if char == " ":
        return "a space"
    if char == "\t":
        return "a tab"
    if char in "\r\n\v\f\x85\u2028\u2029":
        return "a line break"
    if unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
        name = unicodedata.name(char, "a control character").lower()
        return f"an invisible character (U+{ord(char):04X}, {name})"
    return "a character that is not ASCII"


def url_problems(forum_url: str) -> list[str]:
    """https:// for any forum; plain http:// only on this machine, since every request carries the API key."""
    shown = f"(got {forum_url!r}; set DISCOURSE_URL or extra.forum.url in mkdocs.yml)"
    try:
        parts = urlsplit(forum_url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return [f"the forum URL is not a valid URL {shown}"]
    if parts.scheme not in ("http", "https") or not host:
        return [f"the forum URL must start with https:// and name a host {shown}"]
    if parts.scheme == "http" and host not in LOOPBACK_HOSTS:
        return [
            "the forum URL must use https://: plain http:// would send the API key unencrypted; it is allowed "
            f"only for localhost, 127.0.0.1 and ::1 {shown}"
        ]
    return []


def current_commit(root: Path, env: Mapping[str, str] | None = None) -> str:
    """The commit being synced, for edit reasons: GITHUB_SHA in CI, else git, else 'a local copy'."""
    env = os.environ if env is None else env
    sha = env.get("GITHUB_SHA", "").strip()
    if not sha:
        try:
            sha = subprocess.run(
                ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10, check=True
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            sha = ""
    return f"commit {sha[:12]}" if sha else "a local copy"
