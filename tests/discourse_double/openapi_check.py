"""Validate the double's JSON responses against Discourse's OpenAPI 3.1 spec.

The spec (``spec/openapi.json``, the official one copied unchanged) is generated from rswag
fixtures, so a few response schemas describe only what those fixtures
happened to contain.  :data:`SPEC_PATCHES` widens exactly those places, each
with the reason; everything else is checked as published, including
``additionalProperties: false``.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

# The copy kept with the tests (see spec/README.md); DISCOURSE_OPENAPI_SPEC points at another one.
SPEC_PATH = Path(os.environ.get("DISCOURSE_OPENAPI_SPEC", str(Path(__file__).parent / "spec" / "openapi.json")))
SPEC_SHA256 = "4c0c6b17371cd8b9fb1045afe2e02d6d4c493a68072c0509f8a401d62e8cffbe"

Schema = dict[str, Any]


def _resolve(node: Any, root: Schema, seen: tuple[str, ...] = ()) -> Any:
    """Inline local ``$ref``s (``#/...``) so that jsonschema sees one plain schema."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            if ref in seen:
                raise ValueError(f"recursive $ref {ref}")
            target: Any = root
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            merged = {k: v for k, v in node.items() if k != "$ref"}
            resolved = _resolve(target, root, (*seen, ref))
            return {**resolved, **_resolve(merged, root, seen)} if merged else resolved
        return {k: _resolve(v, root, seen) for k, v in node.items()}
    if isinstance(node, list):
        return [_resolve(v, root, seen) for v in node]
    return node


@lru_cache(maxsize=1)
def load_spec(path: str = str(SPEC_PATH)) -> Schema:
    with open(path, encoding="utf-8") as handle:
        spec: Schema = json.load(handle)
    return spec


def raw_response_schema(method: str, path: str, status: int = 200) -> Schema:
    spec = load_spec()
    operation = spec["paths"][path][method.lower()]
    response = operation["responses"][str(status)]
    schema = response["content"]["application/json"]["schema"]
    resolved: Schema = _resolve(copy.deepcopy(schema), spec)
    return resolved


def _at(schema: Schema, *keys: str) -> Schema:
    """Walk ``properties``/``items`` by property names; ``[]`` steps into array items."""
    node = schema
    for key in keys:
        node = node["items"] if key == "[]" else node["properties"][key]
    return node


def _add(node: Schema, name: str, prop: Schema) -> None:
    node.setdefault("properties", {})[name] = prop


def _unrequire(node: Schema, *names: str) -> None:
    node["required"] = [n for n in node.get("required", []) if n not in names]


def _nullable(node: Schema, *types: str) -> None:
    node["type"] = sorted(
        set(([node["type"]] if isinstance(node.get("type"), str) else node.get("type", [])) + list(types))
    )


_TAG_OBJECT = {"type": "array", "items": {"type": "object", "required": ["id", "name", "slug"]}}
_USER_OBJECT = {"type": "object", "required": ["id", "username", "avatar_template"]}
_ACTION_ITEM = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "id": {"type": "integer"},
        "count": {"type": "integer"},
        "acted": {"type": "boolean"},
        "can_undo": {"type": "boolean"},
        "can_act": {"type": "boolean"},
    },
    "required": ["id"],
}


def _post_fields(post: Schema) -> None:
    # PostSerializer#actions_summary drops can_act when false and adds count/acted/can_undo
    # once a post has likes; the rswag fixtures never had a like.
    post["properties"]["actions_summary"]["items"] = copy.deepcopy(_ACTION_ITEM)
    # reply_to_post_number is an integer column (the fixtures only had null).
    _nullable(post["properties"]["reply_to_post_number"], "integer")
    # include_raw adds raw; small-action posts carry action_code.
    _add(post, "raw", {"type": "string"})
    _add(post, "action_code", {"type": "string"})


def _patch_get_topic(s: Schema) -> None:
    # TopicViewSerializer#include_external_id? includes external_id when set (docs/dev/discourse.md#external-ids).
    _add(s, "external_id", {"type": "string"})
    # deleted_by is a BasicUserSerializer object for a deleted topic.
    s["properties"]["deleted_by"] = {"anyOf": [{"type": "null"}, _USER_OBJECT]}
    # TopicTagsMixin#include_tags? (Guardian#can_see_tags?): no tag keys while tagging is off.
    _unrequire(s, "tags", "tags_descriptions")
    _post_fields(_at(s, "post_stream", "posts", "[]"))
    # TopicViewDetailsSerializer includes each can_* key (and can_remove_self_id) only when it holds: the rswag
    # fixture read the topic as an admin, for whom nearly all do. A member reading a cohort's topic with their own
    # key (`playbooks report`) gets far fewer.
    details = _at(s, "details")
    _unrequire(details, *(name for name in details.get("required", []) if name.startswith("can_")))


def _patch_topic_posts(s: Schema) -> None:
    posts = _at(s, "post_stream", "posts")
    if posts.get("items"):
        _post_fields(posts["items"])


def _patch_list_topics(s: Schema) -> None:
    topic_list = _at(s, "topic_list")
    # docs/dev/discourse.md#reading-topics-back: more_topics_url is present when the page is full.
    _add(topic_list, "more_topics_url", {"type": "string"})
    item = _at(s, "topic_list", "topics", "[]")
    # TopicListItemSerializer includes tags when tagging is enabled (TopicTagsMixin).
    _add(item, "tags", _TAG_OBJECT)
    _add(item, "tags_descriptions", {"type": "object"})
    # docs/dev/discourse.md#reading-topics-back: excerpt is present for pinned topics only.
    _unrequire(item, "excerpt")


def _patch_post(s: Schema) -> None:
    _post_fields(s)


def _patch_latest_posts(s: Schema) -> None:
    _post_fields(_at(s, "latest_posts", "[]"))


def _patch_update_post(s: Schema) -> None:
    _post_fields(_at(s, "post"))


def _patch_group(path: tuple[str, ...]) -> Callable[[Schema], None]:
    def patch(s: Schema) -> None:
        # grant_trust_level is an integer column (pydiscourse sends 1 by default).
        _nullable(_at(s, *path, "grant_trust_level"), "integer")

    return patch


def _patch_group_show(s: Schema) -> None:
    _patch_group(("group",))(s)
    # GroupShowSerializer.admin_or_owner_attributes: the default notification levels are shown to admins and
    # the group's owners only (the rswag fixture used an admin); docs/dev/discourse.md#notifications.
    levels = ("watching", "tracking", "watching_first_post", "regular", "muted")
    _unrequire(_at(s, "group"), *(f"{level}_category_ids" for level in levels))


def _patch_members(s: Schema) -> None:
    for key in ("members", "owners"):
        item = _at(s, key, "[]")
        # Users who never posted have last_posted_at null.
        for field in ("last_posted_at", "last_seen_at"):
            _nullable(item["properties"][field], "null")


def _patch_category(path: tuple[str, ...]) -> Callable[[Schema], None]:
    def patch(s: Schema) -> None:
        # BasicCategorySerializer includes parent_category_id for subcategories.
        _add(_at(s, *path), "parent_category_id", {"type": "integer"})
        # CategorySerializer#include_group_permissions? and #include_available_groups? hold only
        # for a user who may edit the category (the rswag fixtures used an admin).
        _unrequire(_at(s, *path), "group_permissions", "available_groups")

    return patch


def _patch_list_categories(s: Schema) -> None:
    item = _at(s, "category_list", "categories", "[]")
    # CategoryList sets permission only where the user may create topics.
    _nullable(item["properties"]["permission"], "null")


SPEC_PATCHES: dict[tuple[str, str], Callable[[Schema], None]] = {
    ("get", "/t/{id}.json"): _patch_get_topic,
    ("get", "/t/{id}/posts.json"): _patch_topic_posts,
    ("get", "/c/{slug}/{id}.json"): _patch_list_topics,
    ("post", "/posts.json"): _patch_post,
    ("get", "/posts/{id}.json"): _patch_post,
    ("get", "/posts.json"): _patch_latest_posts,
    ("post", "/post_actions.json"): _patch_post,
    ("put", "/posts/{id}.json"): _patch_update_post,
    ("post", "/admin/groups.json"): _patch_group(("basic_group",)),
    ("get", "/groups/{name}.json"): _patch_group_show,
    ("get", "/groups/{name}/members.json"): _patch_members,
    ("post", "/categories.json"): _patch_category(("category",)),
    ("get", "/c/{id}/show.json"): _patch_category(("category",)),
    ("put", "/categories/{id}.json"): _patch_category(("category",)),
    ("get", "/categories.json"): _patch_list_categories,
}


def response_schema(method: str, path: str, status: int = 200, patched: bool = True) -> Schema:
    schema = raw_response_schema(method, path, status)
    patch = SPEC_PATCHES.get((method.lower(), path)) if patched else None
    if patch is not None:
        patch(schema)
    return schema


def validation_errors(method: str, path: str, body: Any, status: int = 200, patched: bool = True) -> list[str]:
    validator = Draft202012Validator(response_schema(method, path, status, patched))
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '<root>'}: {error.message}"
        for error in sorted(validator.iter_errors(body), key=lambda e: list(map(str, e.absolute_path)))
    ]


def assert_matches_spec(method: str, path: str, body: Any, status: int = 200, patched: bool = True) -> None:
    errors = validation_errors(method, path, body, status, patched)
    if errors:
        raise AssertionError(
            f"{method.upper()} {path} response does not match the OpenAPI schema:\n  " + "\n  ".join(errors[:20])
        )


def documented(method: str, path: str) -> Schema | None:
    """The operation object, or None if the spec does not document this route."""
    operation: Schema | None = load_spec()["paths"].get(path, {}).get(method.lower())
    return operation
