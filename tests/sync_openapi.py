"""Check the HTTP requests the sync sends, and the answers it got, against Discourse's OpenAPI spec.

Requests: the path must be a documented operation (else it is listed as not covered), GETs must
ask for JSON, credentials go in headers only, and the body (form-encoded or JSON, as the spec
allows) must match the operation's request schema. The spec is generated from rswag fixtures and
is wrong or incomplete in a few request schemas; :data:`REQUEST_PATCHES` corrects exactly those,
each from docs/dev/discourse.md. Answers: JSON bodies of documented statuses are checked by the double's own
``openapi_check`` (with its documented patches).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from jsonschema import Draft202012Validator

from tests.discourse_double.openapi_check import _resolve, load_spec, validation_errors

Schema = dict[str, Any]
KEY_PART = re.compile(r"\[([^\]]*)\]")


@dataclass
class Exchange:
    """One HTTP request the tool sent and the answer it got (after urllib3's own retries)."""

    method: str
    url: str
    headers: dict[str, str]
    body: bytes
    status: int
    content_type: str
    payload: bytes


def _template(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$")


def spec_path(path: str, method: str | None = None) -> str | None:
    """The spec's path template for a request path ('.json' added, as Discourse routes allow); with `method`,
    among the templates that document it (PUT /groups/1.json is /groups/{id}.json, GET is /groups/{name}.json)."""
    wanted = path if path.endswith(".json") else path + ".json"
    paths = load_spec()["paths"]
    found = [p for p in paths if _template(p).match(wanted) and (method is None or method.lower() in paths[p])]
    # The most literal template wins: /t/external_id/{external_id}.json over /t/{id}/posts.json.
    return max(found, key=lambda p: len(re.sub(r"\{[^}]+\}", "", p)), default=None)


def _tags(schema: Schema) -> None:
    schema["properties"]["tags"] = {"type": "array", "items": {"type": "string"}}


def _patch_create(schema: Schema) -> None:
    # docs/dev/discourse.md#creating-topics: topic fields tracked by PostRevisor, tags among them, are accepted
    # on create.
    _tags(schema)


def _patch_update_post(schema: Schema) -> None:
    # docs/dev/discourse.md#editing-posts: post[original_text] (conflict detection) is read by posts#update.
    schema["properties"]["post"]["properties"]["original_text"] = {"type": "string"}
    # docs/dev/discourse.md#editing-posts: on a first post, a top-level title changes the topic's title too.
    schema["properties"]["title"] = {"type": "string"}


def _patch_update_topic(schema: Schema) -> None:
    # docs/dev/discourse.md#updating-a-topic: the fields go at the top level (the spec nests them under "topic",
    # which the controller does not read), so the corrected schema is strict about it.
    schema.clear()
    schema.update(
        {
            "type": "object",
            "additionalProperties": False,
            "properties": {"title": {"type": "string"}, "category_id": {"type": "integer"}},
        }
    )
    _tags(schema)


def _patch_create_group(schema: Schema) -> None:
    # docs/dev/discourse.md#groups: admin/groups#create also permits mentionable_level (who may @mention the group).
    schema["properties"]["group"]["properties"]["mentionable_level"] = {"type": "integer"}


def _patch_update_group(schema: Schema) -> None:
    # docs/dev/discourse.md#notifications: groups#update permits mentionable_level too, and reads
    # update_existing_users at the top level as the text "true" (a JSON true is not "true"), without which a
    # change of default levels that would touch members already in the group is refused.
    _patch_create_group(schema)
    schema["properties"]["update_existing_users"] = {"type": "string", "enum": ["true", "false"]}


REQUEST_PATCHES: dict[tuple[str, str], Callable[[Schema], None]] = {
    ("post", "/posts.json"): _patch_create,
    ("put", "/posts/{id}.json"): _patch_update_post,
    ("put", "/t/-/{id}.json"): _patch_update_topic,
    ("post", "/admin/groups.json"): _patch_create_group,
    ("put", "/groups/{id}.json"): _patch_update_group,
}


def request_schema(method: str, template: str) -> Schema | None:
    spec = load_spec()
    body = spec["paths"][template][method.lower()].get("requestBody")
    if body is None:
        return None
    schema: Schema = _resolve(copy.deepcopy(body["content"]["application/json"]["schema"]), spec)
    patch = REQUEST_PATCHES.get((method.lower(), template))
    if patch is not None:
        patch(schema)
    return schema


def parse_form(text: str) -> dict[str, Any]:
    """Rails' reading of a form body: a[b]=1 nests, a[]=1 appends."""
    result: dict[str, Any] = {}
    for key, value in parse_qsl(text, keep_blank_values=True):
        head = key.split("[", 1)[0]
        parts = [head, *KEY_PART.findall(key[len(head) :])]
        node: Any = result
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            following = None if last else parts[index + 1]
            if last:
                node[part] = value
            elif following == "":
                node.setdefault(part, []).append(value)
                break
            else:
                node = node.setdefault(part, {})
    return result


def coerce(value: Any, schema: Schema) -> Any:
    """Form values are strings; Rails casts them the way the schema's types say."""
    kind = schema.get("type")
    if isinstance(value, str) and kind == "integer" and re.fullmatch(r"-?\d+", value):
        return int(value)
    if isinstance(value, str) and kind == "boolean" and value in ("true", "false"):
        return value == "true"
    if isinstance(value, dict):
        props = schema.get("properties") or {}
        extra = schema.get("additionalProperties")
        return {
            k: coerce(v, props.get(k) or (extra if isinstance(extra, dict) else {"type": "integer"}))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [coerce(v, schema.get("items") or {}) for v in value]
    return value


def request_body(exchange: Exchange, schema: Schema) -> Any:
    content_type = exchange.headers.get("Content-Type", "")
    text = exchange.body.decode("utf-8")
    if "json" in content_type:
        return json.loads(text or "null")
    if not text:
        return {}
    return coerce(parse_form(text), schema)


def request_problems(exchange: Exchange) -> list[str]:
    """What is wrong with one request; empty when it matches the spec (or the spec lacks it)."""
    url = urlsplit(exchange.url)
    where = f"{exchange.method} {url.path}"
    problems = []
    if not exchange.headers.get("Api-Key") or not exchange.headers.get("Api-Username"):
        problems.append(f"{where}: credentials missing from the headers")
    if "api_key" in url.query.lower():
        problems.append(f"{where}: the key is in the URL")
    json_asked = url.path.endswith(".json") or "application/json" in exchange.headers.get("Accept", "")
    if exchange.method == "GET" and not json_asked:
        problems.append(f"{where}: a GET that asks for neither .json nor application/json")
    template = spec_path(url.path, exchange.method)
    if template is None or exchange.method.lower() not in load_spec()["paths"][template]:
        return problems
    operation = load_spec()["paths"][template][exchange.method.lower()]
    query = dict(parse_qsl(url.query))
    for parameter in operation.get("parameters") or []:
        name = parameter["name"]
        if parameter.get("in") == "query" and name in query:
            value = coerce(query[name], parameter.get("schema") or {})
            for error in Draft202012Validator(parameter.get("schema") or {}).iter_errors(value):
                problems.append(f"{where}: query {name}: {error.message}")
    schema = request_schema(exchange.method, template)
    if schema is not None and exchange.method != "GET":
        body = request_body(exchange, schema)
        for error in Draft202012Validator(schema).iter_errors(body):
            at = "/".join(map(str, error.absolute_path)) or "<body>"
            problems.append(f"{where}: {at}: {error.message}")
    return problems


def response_problems(exchange: Exchange) -> list[str]:
    """The answer's JSON body against the documented response of its status, when documented."""
    url = urlsplit(exchange.url)
    template = spec_path(url.path, exchange.method)
    operation = load_spec()["paths"].get(template or "", {}).get(exchange.method.lower())
    if template is None or operation is None:
        return []
    documented = operation["responses"].get(str(exchange.status)) or {}
    if "application/json" not in (documented.get("content") or {}):
        return []
    where = f"{exchange.method} {url.path} -> {exchange.status}"
    if not exchange.content_type.startswith("application/json"):
        return [f"{where}: answered {exchange.content_type!r}"]
    body = json.loads(exchange.payload)
    return [f"{where}: {e}" for e in validation_errors(exchange.method, template, body, exchange.status)]


def covered(exchanges: list[Exchange]) -> set[tuple[str, str]]:
    """The documented operations these requests used."""
    found = set()
    for exchange in exchanges:
        template = spec_path(urlsplit(exchange.url).path, exchange.method)
        if template and exchange.method.lower() in load_spec()["paths"][template]:
            found.add((exchange.method, template))
    return found
