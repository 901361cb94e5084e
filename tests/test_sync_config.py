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


@pytest.mark.parametrize(
    ("name", "value"), [("tags", "false"), ("comments", "no"), ("tags", 0), ("comments", []), ("wiki", "yes")]
)
def test_forum_switches_must_be_true_or_false(name: str, value: object) -> None:
    """YAML's `"false"` in quotes is text, which Python would call true: refused, not guessed."""
    forum = forum_settings({"forum": {"url": "https://f.example", name: value}})
    assert forum.problems == (f"extra.forum.{name} in mkdocs.yml must be true or false (got {value!r})",)
    with pytest.raises(SettingsError, match=rf"extra\.forum\.{name} in mkdocs\.yml must be true or false"):
        sync_config(Settings(root=Path("."), site_url="https://x.example/", forum=forum), GOOD)


def test_an_empty_switch_means_its_default() -> None:
    forum = forum_settings({"forum": {"url": "https://f.example", "comments": None, "tags": None}})
    assert forum.problems == () and forum.comments is False and forum.tags is True


def test_wiki_is_off_unless_turned_on() -> None:
    assert forum_settings({"forum": {"url": "https://f.example"}}).wiki is False
    forum = forum_settings({"forum": {"url": "https://f.example", "wiki": True}})
    assert forum.problems == () and forum.wiki is True
    config = sync_config(Settings(root=Path("."), site_url="https://x.example/", forum=forum), GOOD)
    assert config.wiki is True


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


HALF = "k" * 32  # a key with something pasted in its middle: neither half may appear in a message
WITH_URL = {**GOOD, "DISCOURSE_URL": "https://forum.example.com"}


@pytest.mark.parametrize(
    ("inside", "described"),
    [
        ("\u200b", "an invisible character (U+200B, zero width space)"),
        ("\ufeff", "an invisible character (U+FEFF, zero width no-break space)"),
        ("\u00a0", "an invisible character (U+00A0, no-break space)"),
        ("\u2060", "an invisible character (U+2060, word joiner)"),
        ("\n", "a line break"),
        ("\r\n", "a line break"),
        ("\u2028", "a line break"),
        (" ", "a space"),
        ("\t", "a tab"),
        ("\x00", "an invisible character (U+0000"),
        ("\x7f", "an invisible character (U+007F"),
        ("\u00e9", "a character that is not ASCII"),
        ("\u2019", "a character that is not ASCII"),
    ],
)
def test_a_key_with_a_character_a_header_cannot_carry_is_refused_by_name(inside: str, described: str) -> None:
    with pytest.raises(SettingsError) as caught:
        sync_config(SETTINGS, {**WITH_URL, "DISCOURSE_API_KEY": HALF + inside + HALF})
    message = str(caught.value)
    assert f"DISCOURSE_API_KEY holds {described}" in message and "at character 33" in message
    assert "printable ASCII" in message and HALF not in message and inside not in message.replace(" ", "")
    assert "DISCOURSE_API_USERNAME" not in message


@pytest.mark.parametrize("username", ["playbook\u200b-bot", "playbook bot", "j\u00fcrgen", "\ufeffplaybook-bot"])
def test_a_username_with_such_a_character_is_refused_by_name(username: str) -> None:
    with pytest.raises(SettingsError) as caught:
        sync_config(SETTINGS, {**WITH_URL, "DISCOURSE_API_USERNAME": username})
    message = str(caught.value)
    assert message.startswith("DISCOURSE_API_USERNAME holds ") and "printable ASCII" in message
    assert "DISCOURSE_API_KEY" not in message and "k" * 64 not in message


def test_both_credentials_wrong_are_both_named() -> None:
    with pytest.raises(SettingsError) as caught:
        sync_config(SETTINGS, {**WITH_URL, "DISCOURSE_API_KEY": HALF + "\u200b", "DISCOURSE_API_USERNAME": "bot\nx"})
    message = str(caught.value)
    assert "DISCOURSE_API_KEY holds an invisible character" in message
    assert "DISCOURSE_API_USERNAME holds a line break" in message


@pytest.mark.parametrize("edge", ["\n", "\r\n", "  ", "\t", " \n"])
def test_spaces_and_line_breaks_around_a_credential_are_dropped(edge: str) -> None:
    """A secret stored with its final newline still works: what is sent is the key itself."""
    config = sync_config(
        SETTINGS, {**WITH_URL, "DISCOURSE_API_KEY": edge + "k" * 64 + edge, "DISCOURSE_API_USERNAME": "bot" + edge}
    )
    assert config.api_key == "k" * 64 and config.api_username == "bot"


def test_an_invisible_character_around_a_credential_is_not_dropped() -> None:
    with pytest.raises(SettingsError, match=r"DISCOURSE_API_KEY holds an invisible character \(U\+200B"):
        sync_config(SETTINGS, {**WITH_URL, "DISCOURSE_API_KEY": "k" * 64 + "\u200b"})
