"""Site settings the double enforces, with Discourse's defaults.

Defaults follow docs/dev/discourse.md#validation-limits (``config/site_settings.yml``, about 2022) unless
noted.  Tests may override any of them through ``DiscourseDouble(settings=...)``;
an unknown name is refused so that a typo cannot silently fall back to a default.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SettingValue = int | bool | str

# name -> (default, type, category) ; type is the Discourse setting type name.
_DEFINITIONS: dict[str, tuple[SettingValue, str, str]] = {
    "min_topic_title_length": (15, "integer", "posting"),
    "max_topic_title_length": (255, "integer", "posting"),
    "min_first_post_length": (20, "integer", "posting"),
    "min_post_length": (20, "integer", "posting"),
    "max_post_length": (32000, "integer", "posting"),
    "title_min_entropy": (10, "integer", "posting"),
    "body_min_entropy": (7, "integer", "posting"),
    "title_max_word_length": (30, "integer", "posting"),
    "max_emojis_in_title": (1, "integer", "posting"),
    "allow_uppercase_posts": (False, "bool", "posting"),
    "title_prettify": (True, "bool", "posting"),
    "allow_duplicate_topic_titles": (False, "bool", "posting"),
    "allow_duplicate_topic_titles_category": (False, "bool", "posting"),
    "allow_uncategorized_topics": (False, "bool", "posting"),
    "uncategorized_category_id": (1, "integer", "posting"),
    "unique_posts_mins": (5, "integer", "spam"),
    "editing_grace_period": (300, "integer", "posting"),
    "editing_grace_period_max_diff": (100, "integer", "posting"),
    "editing_grace_period_max_diff_high_trust": (400, "integer", "posting"),
    "post_edit_time_limit": (1440, "integer", "posting"),
    "edit_history_visible_to_public": (True, "bool", "posting"),
    "min_trust_to_edit_wiki_post": ("1", "enum", "trust"),
    "min_trust_to_allow_self_wiki": ("3", "enum", "trust"),
    "tagging_enabled": (True, "bool", "tags"),
    "max_tags_per_topic": (5, "integer", "tags"),
    "max_tag_length": (20, "integer", "tags"),
    "force_lowercase_tags": (True, "bool", "tags"),
    "min_trust_to_create_tag": ("3", "enum", "tags"),
    "rate_limit_create_topic": (15, "integer", "rate_limits"),
    "rate_limit_create_post": (5, "integer", "rate_limits"),
    "max_topics_per_day": (20, "integer", "rate_limits"),
    "max_edits_per_day": (30, "integer", "rate_limits"),
    "embed_unlisted": (True, "bool", "embedding"),
    "enable_mentions": (True, "bool", "posting"),
    "max_users_notified_per_group_mention": (100, "integer", "posting"),
    "detailed_404": (False, "bool", "security"),
    "login_required": (False, "bool", "login"),
    "default_locale": ("en", "enum", "required"),
}

DEFAULT_SETTINGS: dict[str, SettingValue] = {k: v[0] for k, v in _DEFINITIONS.items()}


def build_settings(overrides: Mapping[str, Any] | None) -> dict[str, SettingValue]:
    """Defaults merged with ``overrides``; unknown names or wrong types raise."""
    settings = dict(DEFAULT_SETTINGS)
    for name, value in (overrides or {}).items():
        if name not in _DEFINITIONS:
            raise ValueError(f"unknown site setting for the Discourse double: {name}")
        default = _DEFINITIONS[name][0]
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise TypeError(f"site setting {name} must be a bool")
        elif isinstance(default, int):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"site setting {name} must be an int")
        else:
            value = str(value)
        settings[name] = value
    return settings


def _as_text(value: SettingValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def site_settings_payload(settings: Mapping[str, SettingValue]) -> dict[str, Any]:
    """Body of ``GET /admin/site_settings.json`` (values as strings, as the admin UI gets them)."""
    rows: list[dict[str, Any]] = []
    for name, (default, kind, category) in sorted(_DEFINITIONS.items()):
        rows.append(
            {
                "setting": name,
                "description": "",
                "keywords": [],
                "default": _as_text(default),
                "value": _as_text(settings[name]),
                "category": category,
                "preview": None,
                "secret": False,
                "placeholder": None,
                "mandatory_values": None,
                "requires_confirmation": None,
                "type": kind,
            }
        )
    return {"site_settings": rows}
