"""The sync plan is a pure function: table-driven tests of every kind of action."""

from __future__ import annotations

import pytest

from sales_playbooks.sync.plan import (
    RETIRED_NOTE,
    Desired,
    Kind,
    Observed,
    Retired,
    make_plan,
    plan_retired,
    plan_topic,
)

WANT = Desired(
    key="first-90-days",
    external_id="pb_first-90-days",
    path="playbooks/first-90-days.md",
    title="Your first 90 days as a sales manager",
    tags=("onboarding", "coaching"),
    raw="The body.",
    category="Playbooks",
)


def seen(**changes: object) -> Observed:
    base: dict[str, object] = dict(
        topic_id=7,
        post_id=70,
        title=WANT.title,
        tags=("coaching", "onboarding"),
        category_id=3,
        raw="The body.\n",
        version=2,
        closed=False,
        visible=True,
    )
    base.update(changes)
    return Observed(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("have", "archived", "force", "kind", "changes"),
    [
        (None, False, False, Kind.CREATE, ()),
        (seen(), False, False, Kind.UNCHANGED, ()),
        (seen(title=None, tags=None, raw=None), False, False, Kind.UNCHANGED, ()),
        (seen(title="Old title for the same playbook"), False, False, Kind.UPDATE, ("title",)),
        (seen(tags=("coaching",)), False, False, Kind.UPDATE, ("tags",)),
        (seen(category_id=9), False, False, Kind.UPDATE, ("category",)),
        (seen(raw="Old body."), False, False, Kind.UPDATE, ("body",)),
        (seen(raw="Edited by a person.", edited_by="alice"), False, False, Kind.CONFLICT, ("body",)),
        (seen(raw="Edited by a person.", edited_by="alice"), False, True, Kind.UPDATE, ("body",)),
        (seen(edited_by="alice"), False, False, Kind.UNCHANGED, ()),
        (seen(closed=True), True, False, Kind.RESTORE, ()),
        (seen(visible=False), False, False, Kind.UNCHANGED, ()),  # unlisted by a moderator: left so
        (seen(closed=True), False, False, Kind.UNCHANGED, ()),  # closed by a moderator: left so
        (seen(closed=True, raw="Old body."), False, False, Kind.UPDATE, ("body",)),
        (seen(closed=True, raw=RETIRED_NOTE + "The body."), False, False, Kind.RESTORE, ("body",)),  # no state
        (seen(closed=True, raw="retired note"), True, False, Kind.RESTORE, ("body",)),
    ],
)
def test_plan_topic(have: Observed | None, archived: bool, force: bool, kind: Kind, changes: tuple[str, ...]) -> None:
    action = plan_topic(WANT, have, 3, archived, force)
    assert action.kind is kind
    assert action.changes == changes
    if have is not None:
        assert action.topic_id == have.topic_id


def test_conflict_names_the_editor_and_force_says_what_it_replaces() -> None:
    conflict = plan_topic(WANT, seen(raw="x", edited_by="alice"), 3, False, False)
    assert "alice" in conflict.detail
    forced = plan_topic(WANT, seen(raw="x", edited_by="alice"), 3, False, True)
    assert "alice" in forced.detail and "--force" in forced.detail


def test_retired_topics_are_closed_once() -> None:
    open_topic = Retired("pb_old", "pb_old", "playbooks/old.md", seen(), archived=False)
    action = plan_retired(open_topic)
    assert action is not None and action.kind is Kind.ARCHIVE and action.topic_id == 7
    assert plan_retired(Retired("pb_old", "pb_old", "playbooks/old.md", seen(closed=True), archived=True)) is None
    assert plan_retired(Retired("pb_old", "pb_old", "playbooks/old.md", None, archived=False)) is None


def test_make_plan_keeps_order_and_adds_archives_last() -> None:
    other = Desired("b", "pb_b", "playbooks/b.md", "Another playbook title", ("crm",), "Body", "Playbooks")
    actions = make_plan(
        [WANT, other],
        {WANT.external_id: seen(), other.external_id: None},
        {"Playbooks": 3},
        {},
        [Retired("pb_old", "pb_old", "playbooks/old.md", seen(topic_id=9), archived=False)],
    )
    assert [(a.kind, a.key) for a in actions] == [
        (Kind.UNCHANGED, "first-90-days"),
        (Kind.CREATE, "b"),
        (Kind.ARCHIVE, "pb_old"),
    ]


def test_plan_after_apply_is_all_unchanged() -> None:
    """What apply writes is exactly what the next plan compares against."""
    written = seen(raw=WANT.raw, tags=WANT.tags, title=WANT.title)
    assert plan_topic(WANT, written, 3, False, False).kind is Kind.UNCHANGED
