"""Subfolder mode: the forum answers only under its prefix, and every redirect and link carries it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from pydiscourse import DiscourseClient

from tests.discourse_double import DiscourseDouble

from .conftest import BODY, Api, spec_ok

PREFIX = "/community"


@pytest.fixture
def sub() -> Iterator[DiscourseDouble]:
    double = DiscourseDouble(admin_rate_limit=(1000, 6.0), base_path=PREFIX)
    double.add_user("sync-bot", admin=True)
    double.add_user("alice")
    double.start()
    try:
        yield double
    finally:
        double.stop()


@pytest.fixture
def bot(sub: DiscourseDouble) -> Api:
    return Api(sub, "sync-bot", sub.api_key_for("sync-bot"))


def test_the_base_url_carries_the_prefix(sub: DiscourseDouble) -> None:
    assert sub.url == sub.origin + PREFIX and sub.base_path == PREFIX
    assert sub.inner_path("/community/t/1.json") == "/t/1.json"
    assert sub.inner_path("/communityx/t/1.json") is None and sub.inner_path("/t/1.json") is None


@pytest.mark.parametrize("bad", ["community", "/community/", "//community", "/a//b"])
def test_a_malformed_prefix_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="base_path"):
        DiscourseDouble(base_path=bad)


def test_routes_answer_only_under_the_prefix(sub: DiscourseDouble, bot: Api) -> None:
    headers = bot.headers()
    outside = requests.get(sub.origin + "/categories.json", headers=headers, timeout=10)
    assert outside.status_code == 404 and outside.headers["Content-Type"].startswith("text/html")
    assert "nginx" in outside.text
    near_miss = requests.get(sub.origin + "/communityx/categories.json", headers=headers, timeout=10)
    assert near_miss.status_code == 404 and near_miss.headers["Content-Type"].startswith("text/html")
    spec_ok("get", "/categories.json", bot.get("/categories.json"))
    assert [(r.path, r.status) for r in sub.requests][-1] == (PREFIX + "/categories.json", 200)


def test_a_root_forum_does_not_answer_under_a_prefix(double: DiscourseDouble, api: Api) -> None:
    wrong = api.get(PREFIX + "/categories.json")
    assert wrong.status_code == 404 and wrong.json()["error_type"] == "not_found"


def test_redirects_carry_the_prefix(sub: DiscourseDouble, bot: Api) -> None:
    category = sub.create_category("Playbooks", slug="playbooks").id
    created = bot.create_topic("Forecasting for new managers", category=category, external_id="pb-forecast").json()
    moved = bot.get(f"/c/{category}.json?page=1")
    assert moved.status_code == 301
    assert moved.headers["Location"] == f"{sub.origin}{PREFIX}/c/playbooks/{category}.json?page=1"
    by_id = bot.get("/t/external_id/pb-forecast.json")
    assert by_id.status_code == 301
    topic_path = f"{PREFIX}/t/forecasting-for-new-managers/{created['topic_id']}.json"
    assert by_id.headers["Location"] == sub.origin + topic_path
    wrong_slug = bot.get(f"/t/wrong-slug/{created['topic_id']}.json")
    assert wrong_slug.headers["Location"] == sub.origin + topic_path
    followed = requests.get(by_id.headers["Location"], headers=bot.headers(), timeout=10, allow_redirects=False)
    assert spec_ok("get", "/t/{id}.json", followed)["external_id"] == "pb-forecast"


def test_links_in_answers_carry_the_prefix(sub: DiscourseDouble, bot: Api) -> None:
    category = sub.create_category("Playbooks", slug="playbooks").id
    for i in range(30):
        sub.create_topic_as("sync-bot", f"Playbook number {i:02d} for the team", BODY + f" {i}", category)
    listed = spec_ok("get", "/c/{slug}/{id}.json", bot.get(f"/c/playbooks/{category}.json"))
    assert listed["topic_list"]["more_topics_url"] == f"{PREFIX}/c/playbooks/{category}/l/latest?page=1"
    assert all(u["avatar_template"].startswith(PREFIX + "/letter_avatar_proxy/") for u in listed["users"])
    rows = spec_ok("get", "/categories.json", bot.get("/categories.json"))["category_list"]["categories"]
    assert rows[0]["topic_url"].startswith(PREFIX + "/t/about-the-playbooks-category/")
    first = listed["topic_list"]["topics"][1]["id"]
    view = spec_ok("get", "/t/{id}.json", bot.get(f"/t/{first}.json"))
    post_id = view["post_stream"]["stream"][0]
    assert view["details"]["created_by"]["avatar_template"].startswith(PREFIX + "/")
    post = spec_ok("get", "/posts/{id}.json", bot.get(f"/posts/{post_id}.json"))
    assert post["post_url"] == f"{PREFIX}/t/{view['slug']}/{first}/1"


def test_pydiscourse_works_against_a_subfolder(sub: DiscourseDouble) -> None:
    category = sub.create_category("Playbooks", slug="playbooks").id
    client = DiscourseClient(sub.url, api_username="sync-bot", api_key=sub.api_key_for("sync-bot"))
    post = client.create_post(BODY, category_id=category, title="Running a deal review meeting")
    topics = client.category_topics(category)  # follows /c/{id}.json's redirect under the prefix
    assert post["topic_id"] in [t["id"] for t in topics["topic_list"]["topics"]]
    assert all(r.path.startswith(PREFIX + "/") for r in sub.requests)
