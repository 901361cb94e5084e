"""Whether a cohort's category is private: its own security settings must name exactly the group and staff.

`read_restricted` is not enough: an admin who adds `trust_level_0` to the category's security leaves
it true while every signed-in user can read the category. Only the groups on the category's own
page tell (docs/dev/discourse.md#private-categories), and only an admin is shown them.
"""

from __future__ import annotations

from .category_index import CategoryIndex, CategoryShown, parse_shown, same_name
from .client import ForumClient


def read_category(client: ForumClient, categories: CategoryIndex, name: str) -> CategoryShown | None:
    """The category of that name from its own page (reads only): by the id the state remembers when it
    still names that category, else found in the forum's list. None when the forum has no such category."""
    remembered = categories.state.categories.get(name)
    if remembered is not None:
        page = client.category(remembered)
        if page is not None and same_name(str(page.get("name", "")), name):
            return categories.shown_as(name, parse_shown(page))
        categories.forget(remembered)
    listed = categories.find(name)
    if listed is None:
        return None
    page = client.category(int(listed["id"]))
    return categories.shown_as(name, parse_shown(page)) if page is not None else None


def privacy_problem(shown: CategoryShown, group: str) -> str | None:
    """Why the category is not private to `group` and staff, as the sync made it; None when it is."""
    fix = "cohort topics go only into a category that only the cohort's group and staff can see"
    if shown.groups is None:
        return (
            f"the forum does not show the security settings of the category '{shown.name}' to the API user (only "
            f"admins see them), so its privacy cannot be checked; {fix}. Use an admin's API key"
        )
    found = {g.lower(): g for g in shown.groups}
    if set(found) == {group.lower(), "staff"}:
        return None
    if "everyone" in found:
        return (
            f"the category '{shown.name}' can be read by everyone; {fix}. Restrict it to the group in the forum's "
            "category security settings, then sync again"
        )
    others = sorted(g for key, g in found.items() if key not in (group.lower(), "staff"))
    missing = sorted(g for g in (group, "staff") if g.lower() not in found)
    opened = f"is also open to {', '.join(others)}" if others else "has other security settings"
    lacking = f" and not to {', '.join(missing)}" if missing else ""
    return (
        f"the category '{shown.name}' {opened}{lacking} in its security settings; {fix}. Set them back to "
        f"'{group}' and staff only in the forum, then sync again"
    )
