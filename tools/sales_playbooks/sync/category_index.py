"""The forum's categories as one run sees them: the category list read at most once, and the ids it knows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .client import ForumClient
from .state import SyncState


def same_name(a: str, b: str) -> bool:
    """Discourse compares category names without regard to case or surrounding spaces."""
    return a.strip().lower() == b.strip().lower()


@dataclass(frozen=True)
class CategoryShown:
    """A category as its own page shows it."""

    id: int
    name: str
    slug: str
    groups: dict[str, int] | None  # group name -> permission type; None when the forum did not show them
    parent: int | None = None  # the parent category's id, for a subcategory


def parse_shown(data: dict[str, Any]) -> CategoryShown:
    rows = data.get("group_permissions")
    groups = None
    if isinstance(rows, list):
        groups = {str(r.get("group_name", "")): int(r.get("permission_type", 0)) for r in rows if isinstance(r, dict)}
    parent = data.get("parent_category_id")
    return CategoryShown(
        int(data["id"]),
        str(data.get("name", "")),
        str(data.get("slug", "")),
        groups,
        int(parent) if isinstance(parent, int) else None,
    )


class CategoryIndex:
    """Category ids by name: from the state file when it has them, else from the forum's list (one read a run).

    `fresh` names the categories this run created: they hold no topic yet, so their list is not read.
    `shown` keeps the categories read from their own page this run. The state keeps each category's
    canonical address, learnt from its page, the forum's list or a redirect, so that its topic list is
    asked for there at once: a redirect is followed only when the category has moved.
    """

    def __init__(self, client: ForumClient, state: SyncState) -> None:
        self.client, self.state = client, state
        self._listed: list[dict[str, Any]] | None = None
        self.fresh: set[str] = set()
        self.shown: dict[str, CategoryShown] = {}

    def path(self, category_id: int) -> str | None:
        """The category's canonical address (/c/<slug>/<id>), when known."""
        return self.state.category_paths.get(category_id)

    def moved(self, category_id: int, path: str) -> None:
        """The forum sent the category's list to `path`: ask for it there from now on."""
        self.state.category_paths[category_id] = path

    def _learn(self, category_id: int, slug: str, parent: object = None) -> None:
        """A slug from the forum gives a top-level category's address; a subcategory's is learnt by redirect."""
        if slug and parent is None and category_id not in self.state.category_paths:
            self.state.category_paths[category_id] = f"/c/{slug}/{category_id}"

    def shown_as(self, name: str, shown: CategoryShown) -> CategoryShown:
        """Remember a category read from its own page under the name the sync knows it by."""
        self.shown[name] = shown
        self.state.categories[name] = shown.id
        self._learn(shown.id, shown.slug, shown.parent)
        return shown

    def listed(self) -> list[dict[str, Any]]:
        """Every category the API user can see, read once a run (never from the state file)."""
        if self._listed is None:
            self._listed = self.client.categories()
        return self._listed

    def find(self, name: str) -> dict[str, Any] | None:
        """The category of that name in the forum's list."""
        return next((c for c in self.listed() if same_name(str(c.get("name", "")), name)), None)

    def id_of(self, name: str) -> int | None:
        """The id of the category of that name, remembered in the state when the list gives it."""
        if name in self.state.categories:
            return self.state.categories[name]
        found = self.find(name)
        if found is None or not isinstance(found.get("id"), int):
            return None
        self.state.categories[name] = int(found["id"])
        self._learn(int(found["id"]), str(found.get("slug") or ""), found.get("parent_category_id"))
        return self.state.categories[name]

    def definition_topics(self) -> set[int]:
        """The "About the category" topics that Discourse made with each listed category (from their
        `topic_url`), when the forum's list was read this run; an empty set when it was not."""
        found = (self.client.topic_id_at(str(category.get("topic_url") or "")) for category in self._listed or ())
        return {topic_id for topic_id in found if topic_id is not None}

    def forget(self, category_id: int) -> None:
        """A remembered category the forum no longer has."""
        self.state.categories = {k: v for k, v in self.state.categories.items() if v != category_id}
        self.state.category_paths.pop(category_id, None)
