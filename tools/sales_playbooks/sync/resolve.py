"""A topic the plan did not expect, planned like any other: the one the forum already had when it refused a
create for a playbook the state file did not know.

Create first, look up on refusal: Discourse validates a topic's external_id as unique on create (soft-
deleted topics included), so a create for a playbook whose topic exists is refused, never duplicated.
"""

from __future__ import annotations

from .actions import Desired, TopicAction
from .client import ForumClient, RemoteTopic
from .editors import Editors
from .plan import plan_topic
from .remote import known_as, observed_from
from .state import SyncState


class Resolver:
    """Plans one topic from what the forum shows now, as the run's reading and planning would have."""

    def __init__(self, client: ForumClient, state: SyncState, api_username: str, force: bool) -> None:
        self.state, self.force = state, force
        self.editors = Editors(client, api_username)

    def plan(self, want: Desired, topic: RemoteTopic) -> TopicAction:
        record = next((self.state.topics[k] for k in known_as(want) if k in self.state.topics), None)
        have = observed_from(topic, self.editors.person(topic, want.raw, record))
        archived = bool(record and record.archived)
        return plan_topic(want, have, self.state.categories.get(want.category), archived, self.force)
