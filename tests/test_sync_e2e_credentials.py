"""Wrong credentials or a wrong forum URL are settings errors (exit 2), for sync, activity and report alike."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from sales_playbooks.cli import main
from tests.cohort_support import cohort_env
from tests.sync_harness import SyncEnv

COMMANDS = (("sync",), ("activity",), ("report", "--today", "2026-03-02"))


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[SyncEnv]:
    with cohort_env(tmp_path) as env:
        yield env


def invoke(env: SyncEnv, command: tuple[str, ...], **overrides: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [command[0], "--root", str(env.root), *command[1:]], env=env.env(**overrides))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout + result.stderr


def credentials_of(env: SyncEnv, username: str) -> dict[str, str]:
    return {"DISCOURSE_API_USERNAME": username, "DISCOURSE_API_KEY": env.double.api_key_for(username)}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_suspended_admin_is_a_credentials_error(forum: SyncEnv, command: tuple[str, ...]) -> None:
    assert invoke(forum, ("sync",))[0] == 0  # the state file and the cohort's topics exist
    user = forum.double.add_user("suspended-admin", admin=True)
    creds = credentials_of(forum, "suspended-admin")
    with forum.double.state.lock:
        forum.double.state.users[user.id].suspended = True
    before = len(forum.double.requests)
    code, output = invoke(forum, command, **creds)
    assert code == 2, output
    assert "DISCOURSE_API_KEY" in output and "DISCOURSE_API_USERNAME" in output, output
    assert creds["DISCOURSE_API_KEY"] not in output
    assert len(forum.double.requests) - before == 1  # stopped at the first refusal


def test_a_user_who_is_not_an_admin_stops_the_sync_with_exit_2(forum: SyncEnv) -> None:
    forum.double.add_user("plain-user")
    creds = credentials_of(forum, "plain-user")
    code, output = invoke(forum, ("sync",), **creds)
    assert code == 2, output
    assert "DISCOURSE_API_USERNAME" in output and creds["DISCOURSE_API_KEY"] not in output
    assert [r for r in forum.double.requests if r.method != "GET" and r.status == 200] == []


def test_an_unknown_key_is_a_credentials_error(forum: SyncEnv) -> None:
    code, output = invoke(forum, ("sync",), DISCOURSE_API_KEY="0" * 64)
    assert code == 2 and "DISCOURSE_API_KEY" in output and "0" * 64 not in output, output


class HtmlSite(BaseHTTPRequestHandler):
    status = 200

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _page(self) -> None:
        body = b"<!DOCTYPE html><html><body><h1>Welcome to our company site</h1></body></html>"
        self.send_response(self.status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = _page


class MissingSite(HtmlSite):
    status = 404


@pytest.mark.parametrize("handler", [HtmlSite, MissingSite], ids=["html-200", "html-404"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_url_that_is_not_a_forum_is_a_settings_error(
    forum: SyncEnv, command: tuple[str, ...], handler: type[HtmlSite]
) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        code, output = invoke(forum, command, DISCOURSE_URL=url)
    finally:
        server.shutdown()
        server.server_close()
    assert code == 2, output
    assert "DISCOURSE_URL" in output and "extra.forum.url" in output and "does not answer like" in output, output
    assert forum.env()["DISCOURSE_API_KEY"] not in output


@pytest.mark.parametrize(
    ("variable", "pasted", "described"),
    [
        ("DISCOURSE_API_KEY", "\u200b", "an invisible character (U+200B"),
        ("DISCOURSE_API_KEY", "\n", "a line break"),
        ("DISCOURSE_API_USERNAME", "\ufeff", "an invisible character (U+FEFF"),
    ],
)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_credential_with_an_invisible_character_is_a_settings_error_before_any_request(
    forum: SyncEnv, command: tuple[str, ...], variable: str, pasted: str, described: str
) -> None:
    """Was a UnicodeEncodeError traceback (exit 1) or 'connection failed (InvalidHeader)' (exit 3)."""
    good = forum.env()[variable]
    middle = len(good) // 2
    before = len(forum.double.requests)
    code, output = invoke(forum, command, **{variable: good[:middle] + pasted + good[middle:]})
    assert code == 2, output
    assert f"{variable} holds {described}" in output and "printable ASCII" in output, output
    assert "Traceback" not in output and good not in output
    if variable == "DISCOURSE_API_KEY":
        assert good[:middle] not in output and good[middle:] not in output
    assert len(forum.double.requests) == before  # stopped before the first request


def test_a_pasted_key_stops_a_real_sync_process_with_exit_2(forum: SyncEnv) -> None:
    key = forum.env()["DISCOURSE_API_KEY"]
    run = forum.run_process(DISCOURSE_API_KEY="\u200b" + key)
    assert run.code == 2, run.stdout + run.stderr
    assert "DISCOURSE_API_KEY holds an invisible character (U+200B, zero width space) at character 1" in run.stderr
    assert key not in run.stdout + run.stderr and run.requests == []
