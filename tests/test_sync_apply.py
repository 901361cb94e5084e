"""The applier on its own, with a stand-in client: what it does with the forum's answers."""

from __future__ import annotations

from typing import Any

from sales_playbooks.sync.apply import Applier
from sales_playbooks.sync.plan import Desired, Kind, Observed, plan_topic
from sales_playbooks.sync.state import SyncState, content_hash

RAW = "*Run a weekly pipeline review.*\n\n## Checklist\n\n- [ ] Book the slot."
TAGS = ("pipeline", "crm")
WANT = Desired("pipeline", "pb_pipeline", "playbooks/pipeline.md", "Managing the pipeline", TAGS, RAW, "P")


class Client:
    """Answers update_topic as a forum would that keeps only the tags in `keeps`."""

    def __init__(self, keeps: set[str] | None) -> None:
        self.keeps = keeps
        self.calls: list[tuple[str, Any]] = []

    def update_topic(self, topic_id: int, title: str, category_id: int, tags: list[str] | None) -> Any:
        self.calls.append(("update_topic", tags))
        return None if self.keeps is None else tuple(t for t in tags or () if t in self.keeps)


def observed(tags: tuple[str, ...] | None) -> Observed:
    return Observed(7, 70, WANT.title, tags, 3, RAW, 1, False, True)


def apply(client: Client, want: Desired, have: Observed) -> tuple[Any, SyncState]:
    state = SyncState(forum="https://forum.example.org")
    action = plan_topic(want, have, 3, archived=False, force=False)
    assert action.kind is Kind.UPDATE and action.changes == ("tags",)
    result = Applier(client, state, None, "sync", {"P": 3}).apply(action)  # type: ignore[arg-type]
    return result, state


def test_a_tag_the_forum_did_not_keep_is_a_failure_that_comes_back() -> None:
    client = Client(keeps={"pipeline"})  # crm is a synonym there, or the user may not create it
    result, state = apply(client, WANT, observed(("pipeline",)))
    assert client.calls == [("update_topic", ["pipeline", "crm"])]
    assert not result.ok and result.status == 200 and result.topic_id == 7
    assert "did not keep the tag(s) crm" in result.message and "synonym" in result.message
    record = state.topics["pb_pipeline"]
    # Recorded with what the forum holds, so the next run sees the difference again and reports it again.
    assert record.hash == content_hash(WANT.title, ("pipeline",), 3, RAW)
    assert record.hash != content_hash(WANT.title, WANT.tags or (), 3, RAW)


def test_all_tags_kept_is_a_plain_success() -> None:
    result, state = apply(Client(keeps={"pipeline", "crm"}), WANT, observed(("pipeline",)))
    assert result.ok and result.message == "updated tags"
    assert state.topics["pb_pipeline"].hash == content_hash(WANT.title, WANT.tags or (), 3, RAW)


def test_an_answer_without_tags_says_nothing_about_them() -> None:
    result, _ = apply(Client(keeps=None), WANT, observed(()))
    assert result.ok


def test_tags_left_alone_are_never_planned_or_sent() -> None:
    """With extra.forum.tags: false (and for cohort topics) the sync does not manage tags at all."""
    unmanaged = Desired(WANT.key, WANT.external_id, WANT.path, WANT.title, None, RAW, "P")
    action = plan_topic(unmanaged, observed(("pipeline", "crm", "added-by-a-moderator")), 3, False, False)
    assert action.kind is Kind.UNCHANGED
    retitled = Desired(WANT.key, WANT.external_id, WANT.path, "Managing the pipeline well", None, RAW, "P")
    client = Client(keeps=set())
    action = plan_topic(retitled, observed(("pipeline",)), 3, False, False)
    assert action.changes == ("title",)
    result = Applier(client, SyncState(forum="f"), None, "sync", {"P": 3}).apply(action)  # type: ignore[arg-type]
    assert result.ok and client.calls == [("update_topic", None)]
