"""POST /posts.json: topic and reply creation, every refusal, and the memoizer."""

from __future__ import annotations

import pytest

from tests.discourse_double import DiscourseDouble

from .conftest import BODY, Api, spec_ok


def test_create_topic_returns_post_matching_spec(api: Api, double: DiscourseDouble, category: int) -> None:
    response = api.create_topic(
        "How to run a weekly pipeline review",
        category=category,
        tags=["Pipeline", " Weekly  Review ", "coaching!"],
        external_id="pb-pipeline",
    )
    body = spec_ok("post", "/posts.json", response)
    assert body["post_number"] == 1 and body["raw"] == BODY and body["version"] == 1
    assert body["topic_slug"] == "how-to-run-a-weekly-pipeline-review"
    topic = double.topic(body["topic_id"])
    assert topic is not None
    assert topic.external_id == "pb-pipeline"
    assert topic.tags == ["pipeline", "weekly-review", "coaching"]  # clean_tag result is stored
    assert topic.category_id == category


def test_create_accepts_json_body(api: Api, category: int) -> None:
    response = api.post(
        "/posts.json",
        json={"title": "Qualifying leads with a short call", "raw": BODY, "category": category, "tags": ["a1"]},
    )
    spec_ok("post", "/posts.json", response)


def test_title_is_cleaned_like_text_cleaner(api: Api, double: DiscourseDouble, category: int) -> None:
    response = api.create_topic("closing   the quarter without panic...", category=category)
    assert response.status_code == 200, response.text
    assert double.topic(response.json()["topic_id"]).title == "Closing the quarter without panic"  # type: ignore[union-attr]
    response = api.create_topic("when should you escalate a deal.", category=category)
    assert double.topic(response.json()["topic_id"]).title == "When should you escalate a deal"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "title, message",
    [
        ("Too short", "Title is too short (minimum is 15 characters)"),
        ("x" * 256, "Title is too long (maximum is 255 characters)"),
        ("aaaa aaaa aaaa aaaa", "Title seems unclear, most of the words contain the same letters over and over?"),
        ("A supercalifragilisticexpialidociousness word", "Title seems unclear, one or more words is very long?"),
        ("HOW TO CLOSE DEALS FASTER", "Title seems unclear, did you mean to enter it in ALL CAPS?"),
        ("", "Title can't be blank"),
    ],
)
def test_title_refusals(api: Api, category: int, title: str, message: str) -> None:
    response = api.create_topic(title, category=category)
    assert response.status_code == 422
    body = response.json()
    assert body["action"] == "create_post"
    assert message in body["errors"]


def test_duplicate_title_is_case_insensitive_and_ignores_trash(
    api: Api, double: DiscourseDouble, category: int
) -> None:
    first = api.create_topic("Coaching a struggling rep", category=category)
    assert first.status_code == 200
    again = api.create_topic("COACHING a Struggling rep", category=category, raw=BODY + " Again.")
    assert again.status_code == 422
    assert again.json() == {"action": "create_post", "errors": ["Title has already been used"]}
    double.soft_delete_topic(first.json()["topic_id"])
    reused = api.create_topic("Coaching a struggling rep", category=category, raw=BODY + " Third.")
    assert reused.status_code == 200


@pytest.mark.parametrize(
    "raw, message",
    [
        ("Too short body", "Body is too short (minimum is 20 characters)"),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Body seems unclear, is it a complete sentence?"),
        ("x" * 32001, "Body is limited to 32000 characters; you entered 32001."),
        ("<!-- hidden comment -->    short", "Body is too short (minimum is 20 characters)"),
    ],
)
def test_body_refusals(api: Api, category: int, raw: str, message: str) -> None:
    response = api.create_topic("A perfectly fine playbook title", raw=raw, category=category)
    assert response.status_code == 422
    assert message in response.json()["errors"]


def test_topic_errors_come_before_body_errors(api: Api, category: int) -> None:
    response = api.create_topic("short", raw="tiny", category=category)
    errors = response.json()["errors"]
    assert "Title is too short (minimum is 15 characters)" in errors
    assert not any(e.startswith("Body") for e in errors)


def test_too_many_tags(api: Api, category: int) -> None:
    response = api.create_topic("A title with many many tags", category=category, tags=list("abcdef"))
    assert response.status_code == 422
    assert "action" not in response.json()
    assert response.json()["errors"] == ["You can only apply up to 5 tags to a topic."]


def test_regular_user_cannot_create_new_tags(alice: Api, double: DiscourseDouble, category: int, api: Api) -> None:
    api.create_topic("Existing tag gets created here", category=category, tags=["known"])
    response = alice.create_topic("Alice writes her own playbook", category=category, tags=["known", "brand-new"])
    assert response.status_code == 200, response.text
    assert double.topic(response.json()["topic_id"]).tags == ["known"]  # type: ignore[union-attr]
    assert "brand-new" not in double.tags()


@pytest.mark.parametrize(
    "external_id, message",
    [
        ("has.dot", "External is invalid"),
        ("with space", "External is invalid"),
        ("ünicode", "External is invalid"),
        ("x" * 51, "External is too long (maximum is 50 characters)"),
    ],
)
def test_external_id_format_and_length(api: Api, category: int, external_id: str, message: str) -> None:
    response = api.create_topic("External id refusals are strict", category=category, external_id=external_id)
    assert response.status_code == 422
    assert message in response.json()["errors"]


def test_external_id_duplicate_case_insensitive_even_after_soft_delete(
    api: Api, double: DiscourseDouble, category: int
) -> None:
    first = api.create_topic("First topic with an external id", category=category, external_id="Pb-One")
    assert first.status_code == 200
    dup = api.create_topic("Second topic with the same id", category=category, external_id="pb-one")
    assert dup.status_code == 422
    assert dup.json()["errors"] == ["External has already been taken"]
    double.soft_delete_topic(first.json()["topic_id"])
    after = api.create_topic("Third topic after the deletion", category=category, external_id="PB-ONE")
    assert after.status_code == 422
    assert after.json()["errors"] == ["External has already been taken"]
    assert double.topic_by_external_id("pb-one").deleted_at is not None  # type: ignore[union-attr]


def test_category_rules(api: Api, alice: Api, double: DiscourseDouble) -> None:
    unknown = api.create_topic("Topic in a missing category", category=999)
    assert unknown.status_code == 400
    assert unknown.json() == {
        "errors": ["You supplied invalid parameters to the request: category"],
        "error_type": "invalid_parameters",
    }
    none = api.create_topic("Topic without any category at all")
    assert none.status_code == 422 and none.json()["errors"] == ["Category can't be blank"]
    uncategorized = api.create_topic("Topic in the uncategorized one", category=1)
    assert uncategorized.json()["errors"] == ["Category is reserved"]
    double.create_group("leaders", ["bob"])
    private = double.create_category("Leaders only", permissions={"leaders": 1}).id
    refused = alice.create_topic("Alice tries the private category", category=private)
    assert refused.status_code == 403
    assert refused.json()["error_type"] == "invalid_access"
    readonly = double.create_category("Announcements", permissions={"everyone": 3}).id
    assert alice.create_topic("Alice tries a read only category", category=readonly).status_code == 403
    assert api.create_topic("Admins may post anywhere they like", category=private).status_code == 200


def test_reply_and_reply_refusals(api: Api, alice: Api, double: DiscourseDouble, category: int) -> None:
    topic_id = api.create_topic("A topic people reply to", category=category).json()["topic_id"]
    reply = alice.post("/posts.json", data={"topic_id": topic_id, "raw": "I tried this and it worked well for us."})
    body = spec_ok("post", "/posts.json", reply)
    assert body["post_number"] == 2
    short = alice.post("/posts.json", data={"topic_id": topic_id, "raw": "nice"})
    assert short.status_code == 422 and "Body is too short (minimum is 20 characters)" in short.json()["errors"]
    missing = alice.post("/posts.json", data={"topic_id": 9999, "raw": "Replying to a topic that is gone."})
    assert missing.status_code == 422
    assert missing.json()["errors"][0].startswith("Something went wrong")
    double.set_topic_status(topic_id, "closed", True)
    closed = alice.post("/posts.json", data={"topic_id": topic_id, "raw": "Replying after the topic was closed."})
    assert closed.status_code == 422


def test_memoizer_replays_identical_create(api: Api, double: DiscourseDouble, category: int) -> None:
    data = {"title": "Memoized creation of a topic", "raw": BODY, "category": category}
    first = api.post("/posts.json", data=data)
    second = api.post("/posts.json", data=data)
    assert first.status_code == second.status_code == 200
    assert first.json()["id"] == second.json()["id"]
    assert len([t for t in double.topics() if t.title == "Memoized creation of a topic"]) == 1
    bad = {"title": "short", "raw": BODY, "category": category}
    assert api.post("/posts.json", data=bad).json() == api.post("/posts.json", data=bad).json()
    other_agent = api.post("/posts.json", data=data, headers={"User-Agent": "another-client"})
    assert other_agent.status_code == 422  # not memoized: a real second attempt, refused as a duplicate


def test_memoizer_can_be_turned_off(category: int) -> None:
    double = DiscourseDouble(memoize_creates=False)
    double.add_user("sync-bot", admin=True)
    cat = double.create_category("Team").id
    with double:
        api = Api(double, "sync-bot", double.api_key_for("sync-bot"))
        data = {"title": "Not memoized topic creation", "raw": BODY, "category": cat}
        assert api.post("/posts.json", data=data).status_code == 200
        assert api.post("/posts.json", data=data).json()["errors"] == ["Title has already been used"]


def test_unsupported_parameters_are_refused(api: Api, category: int) -> None:
    skip = api.create_topic("Skipping validations is refused", category=category, skip_validations="true")
    assert skip.status_code == 400
    pm = api.post(
        "/posts.json",
        data={
            "title": "A private message title",
            "raw": BODY,
            "archetype": "private_message",
            "target_recipients": "alice",
        },
    )
    assert pm.status_code == 400


def test_embed_url_rules(api: Api, double: DiscourseDouble, category: int) -> None:
    bad = api.create_topic("Embedding a bad address", category=category, embed_url="ftp://x.example/a")
    assert bad.status_code == 400
    ok = api.create_topic("Embedding a good address", category=category, embed_url="https://site.example/a/")
    assert ok.status_code == 200
    topic = double.topic(ok.json()["topic_id"])
    assert topic is not None and topic.visible is False  # embed_unlisted until the first reply
    dup = api.create_topic("Embedding the same address", category=category, embed_url="https://site.example/a/")
    assert dup.status_code == 422 and dup.json()["errors"] == ["Embed url has already been taken"]
    double.post_reply("alice", topic.id, "The first reply makes the topic listed.")
    assert double.topic(topic.id).visible is True  # type: ignore[union-attr]


def test_non_staff_create_rate_limit(alice: Api, category: int) -> None:
    first = alice.create_topic("Alice creates a first topic", category=category)
    assert first.status_code == 200
    second = alice.create_topic("Alice creates a second topic", category=category, raw=BODY + " More.")
    assert second.status_code == 429
    assert second.json()["error_type"] == "rate_limit"
    assert int(second.headers["Retry-After"]) >= 1
