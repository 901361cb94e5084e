"""Title uniqueness among listable topics, and external_id in the topic view."""

from __future__ import annotations

import pytest

from tests.discourse_double import DiscourseDouble

from .conftest import BODY, Api, spec_ok

USED = ["Title has already been used"]
TITLE = "Coaching a struggling rep"


@pytest.mark.parametrize("status", ["closed", "archived", "visible"])
def test_closed_archived_and_unlisted_topics_keep_their_title(
    api: Api, double: DiscourseDouble, category: int, status: str
) -> None:
    """Topic.listable_topics leaves out private messages only: the status does not free a title."""
    first = api.create_topic(TITLE, category=category, external_id="pb-old-id").json()
    double.set_topic_status(first["topic_id"], status, status != "visible")
    again = api.create_topic(TITLE, category=category, raw=BODY + " Again.", external_id="pb-new-id")
    assert again.status_code == 422 and again.json() == {"action": "create_post", "errors": USED}
    assert double.topic_by_external_id("pb-new-id") is None
    other = api.create_topic("Coaching a rep who is new", category=category, raw=BODY + " Other.").json()
    renamed = api.put(f"/t/-/{other['topic_id']}.json", data={"title": TITLE.upper().replace("COACHING", "Coaching")})
    assert renamed.status_code == 422 and renamed.json() == {"errors": USED}


def test_a_soft_deleted_topic_frees_its_title_but_not_its_external_id(
    api: Api, double: DiscourseDouble, category: int
) -> None:
    first = api.create_topic(TITLE, category=category, external_id="pb-coaching").json()
    double.soft_delete_topic(first["topic_id"])
    same_id = api.create_topic(TITLE, category=category, raw=BODY + " Again.", external_id="pb-coaching")
    assert same_id.status_code == 422 and same_id.json()["errors"] == ["External has already been taken"]
    fresh = api.create_topic(TITLE, category=category, raw=BODY + " Third.", external_id="pb-coaching-2")
    assert fresh.status_code == 200


def test_a_category_definition_topic_title_counts(api: Api, double: DiscourseDouble, category: int) -> None:
    taken = api.create_topic("About the Playbooks category", category=category)
    assert taken.status_code == 422 and taken.json()["errors"] == USED


def test_per_category_uniqueness_when_the_forum_allows_it(api: Api, double: DiscourseDouble, category: int) -> None:
    double.state.settings["allow_duplicate_topic_titles_category"] = True
    other = double.create_category("Archive").id
    assert api.create_topic(TITLE, category=category).status_code == 200
    assert api.create_topic(TITLE, category=other, raw=BODY + " Elsewhere.").status_code == 200
    same = api.create_topic(TITLE, category=category, raw=BODY + " Same place.")
    assert same.status_code == 422 and same.json()["errors"] == USED


def test_external_id_is_in_the_topic_view_only_when_set(api: Api, double: DiscourseDouble, category: int) -> None:
    with_id = api.create_topic("A playbook with an identity", category=category, external_id="pb-Identity").json()
    without = api.create_topic("A topic someone started by hand", category=category, raw=BODY + " Hand.").json()
    view = spec_ok("get", "/t/{id}.json", api.get(f"/t/{with_id['topic_id']}.json"))
    assert view["external_id"] == "pb-Identity"  # as it was sent, case kept
    assert "external_id" not in spec_ok("get", "/t/{id}.json", api.get(f"/t/{without['topic_id']}.json"))
    double.soft_delete_topic(with_id["topic_id"])
    staff_view = spec_ok("get", "/t/{id}.json", api.get(f"/t/{with_id['topic_id']}.json"))
    assert staff_view["external_id"] == "pb-Identity" and staff_view["deleted_at"] is not None
    listed = api.get(f"/c/playbooks/{category}.json").json()["topic_list"]["topics"]
    assert listed and all("external_id" not in t for t in listed)
