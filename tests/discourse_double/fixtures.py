"""Pytest fixtures: ``discourse`` is a started double with an admin "sync-bot".

def test_x(discourse):
    client = DiscourseClient(discourse.url, api_username="sync-bot",
                             api_key=discourse.api_key_for("sync-bot"))
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .double import DiscourseDouble

SYNC_BOT = "sync-bot"


@pytest.fixture
def discourse() -> Iterator[DiscourseDouble]:
    double = DiscourseDouble(admin_rate_limit=(60, 6.0))
    double.add_user(SYNC_BOT, admin=True)
    double.api_key_for(SYNC_BOT)
    double.start()
    try:
        yield double
    finally:
        double.stop()
