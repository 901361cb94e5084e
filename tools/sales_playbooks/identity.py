"""How a playbook or cohort topic is named in the forum: its external_id and its address."""

from __future__ import annotations

import re

EXTERNAL_ID_MAX = 50
EXTERNAL_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")
PUBLIC_PREFIX = "pb_"
COHORT_PREFIX = "cg_"
GUIDE_PREFIX = "cf_"  # a cohort's session guides, in its facilitators' category


def topic_external_id(playbook_id: str) -> str:
    """The external_id of a playbook's public topic; '_' never occurs in ids, so names cannot clash."""
    return f"{PUBLIC_PREFIX}{playbook_id}"


def cohort_external_id(cohort_id: str, playbook_id: str) -> str:
    """The external_id of a playbook's topic in one cohort's private category."""
    return f"{COHORT_PREFIX}{cohort_id}_{playbook_id}"


def guide_external_id(cohort_id: str, playbook_id: str) -> str:
    """The external_id of one week's session guide in a cohort's facilitators' category (as long as the topic's)."""
    return f"{GUIDE_PREFIX}{cohort_id}_{playbook_id}"


NAMING_TEMPLATE = "<!-- playbook topic {}: the sync keeps this line -->"
NAMING_LINE = re.compile(re.escape(NAMING_TEMPLATE).replace(re.escape("{}"), "[A-Za-z0-9_-]+") + "[ \t]*")


def topic_marker(external_id: str) -> str:
    """The last line of a playbook's first post: it names the topic's external_id, which no list of the forum
    shows, so that the forum's latest posts tell whose topic it is (an HTML comment: readers never see it).
    `NAMING_LINE` matches it, whatever id it names."""
    return NAMING_TEMPLATE.format(external_id)


def is_valid_external_id(value: str) -> bool:
    """Discourse's rule: at most 50 characters of ASCII letters, digits, '_' and '-'."""
    return len(value) <= EXTERNAL_ID_MAX and bool(EXTERNAL_ID_PATTERN.match(value))


def topic_url(forum_url: str, external_id: str) -> str:
    """A link that always reaches the topic: the forum redirects it to the topic's current address."""
    return f"{forum_url.rstrip('/')}/t/external_id/{external_id}"
