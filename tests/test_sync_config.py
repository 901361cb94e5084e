"""The sync's settings: where the forum is may only be plain http:// on this machine; a sane pace."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.sales_playbooks.settings import ForumSettings, Settings, forum_settings, read_settings
from tools.sales_playbooks.sync.config import SettingsError, sync_config

SETTINGS = Settings(root=Path("."), site_url="https://playbooks.example.com/")
GOOD = {"DISCOURSE_API_KEY": "k" * 64, "DISCOURSE_API_USERNAME": "playbook-bot"}


@pytest.mark.parametrize(
    "url",
    [
        "https://forum.example.com",
        "https://forum.example.com:8443/",
        "http://127.0.0.1:4200",
        "http://localhost:3000/",
        "http://LOCALHOST",
        "http://[::1]:8080",
    ],
)
def test_https_anywhere_and_plain_http_only_on_this_machine(url: str) -> None:
    config = sync_config(SETTINGS, {**GOOD, "DISCOURSE_URL": url})
    assert config.forum_url == url.rstrip("/")


@pytest.mark.parametrize(
    "url",
    [
        "http://forum.example.com",
        "http://10.0.0.5:3000",
        "http://127.0.0.2",
        "http://localhost.example.com",
        "http://[::2]",
    ],
)
def test_plain_http_to_another_host_is_refused_without_showing_the_key(url: str) -> None:
    with pytest.raises(SettingsError) as caught:
        sync_config(SETTINGS, {**GOOD, "DISCOURSE_URL": url})
    message = str(caught.value)
    assert "https://" in message and "unencrypted" in message and "localhost" in message
    assert "DISCOURSE_URL" in message and "k" * 64 not in message


def test_plain_http_in_mkdocs_is_refused_too() -> None:
    settings = Settings(root=Path("."), site_url="https://x.example/", forum=ForumSettings(url="http://forum.example"))
    with pytest.raises(SettingsError, match=r"extra\.forum\.url"):
        sync_config(settings, GOOD)


@pytest.mark.parametrize("url", ["ftp://forum.example.com", "forum.example.com", "https://", "https://h:notaport"])
def test_not_a_forum_url(url: str) -> None:
    with pytest.raises(SettingsError, match="forum URL"):
        sync_config(SETTINGS, {**GOOD, "DISCOURSE_URL": url})


@pytest.mark.parametrize("rate", ["nan", "NaN", "inf", "-inf", "infinity", "0", "0.0", "-5", "-0", "fast", "1e999"])
def test_rate_limit_must_be_finite_and_positive(rate: str) -> None:
    with pytest.raises(SettingsError, match="DISCOURSE_RATE_LIMIT must be a finite positive number"):
        sync_config(SETTINGS, {**GOOD, "DISCOURSE_URL": "https://f.example", "DISCOURSE_RATE_LIMIT": rate})


@pytest.mark.parametrize(("rate", "expected"), [("", 60.0), ("60", 60.0), ("0.5", 0.5), (" 120 ", 120.0)])
def test_rate_limit_accepted(rate: str, expected: float) -> None:
    config = sync_config(SETTINGS, {**GOOD, "DISCOURSE_URL": "https://f.example", "DISCOURSE_RATE_LIMIT": rate})
    assert config.per_minute == expected


@pytest.mark.parametrize(("given", "expected"), [({}, True), ({"tags": True}, True), ({"tags": False}, False)])
def test_tags_are_sent_unless_turned_off(given: dict[str, object], expected: bool) -> None:
    forum = forum_settings({"forum": {"url": "https://f.example", **given}})
    assert forum.problems == ()
    config = sync_config(Settings(root=Path("."), site_url="https://x.example/", forum=forum), GOOD)
    assert config.send_tags is expected


@pytest.mark.parametrize(("name", "value"), [("tags", "false"), ("comments", "no"), ("tags", 0), ("comments", [])])
def test_forum_switches_must_be_true_or_false(name: str, value: object) -> None:
    """YAML's `"false"` in quotes is text, which Python would call true: refused, not guessed."""
    forum = forum_settings({"forum": {"url": "https://f.example", name: value}})
    assert forum.problems == (f"extra.forum.{name} in mkdocs.yml must be true or false (got {value!r})",)
    with pytest.raises(SettingsError, match=rf"extra\.forum\.{name} in mkdocs\.yml must be true or false"):
        sync_config(Settings(root=Path("."), site_url="https://x.example/", forum=forum), GOOD)


def test_an_empty_switch_means_its_default() -> None:
    forum = forum_settings({"forum": {"url": "https://f.example", "comments": None, "tags": None}})
    assert forum.problems == () and forum.comments is False and forum.tags is True


def test_env_values_in_mkdocs_yml_are_resolved_as_mkdocs_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\n"
        "site_url: !ENV [PLAYBOOKS_SITE_URL, 'https://default.example/']\n"
        "extra:\n"
        "  forum:\n"
        "    url: https://f.example\n"
        "    comments: !ENV [PLAYBOOKS_COMMENTS, false]\n"
        "    tags: !ENV PLAYBOOKS_TAGS\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("PLAYBOOKS_SITE_URL", raising=False)
    monkeypatch.delenv("PLAYBOOKS_COMMENTS", raising=False)
    monkeypatch.delenv("PLAYBOOKS_TAGS", raising=False)
    settings = read_settings(tmp_path)
    assert settings.site_url == "https://default.example/"
    assert settings.forum.problems == () and settings.forum.comments is False and settings.forum.tags is True
    monkeypatch.setenv("PLAYBOOKS_SITE_URL", "https://playbooks.example.org/")
    monkeypatch.setenv("PLAYBOOKS_COMMENTS", "true")
    monkeypatch.setenv("PLAYBOOKS_TAGS", "false")
    settings = read_settings(tmp_path)
    assert settings.site_url == "https://playbooks.example.org/"
    assert settings.forum.comments is True and settings.forum.tags is False
