"""Request parameters the Rails way: query string, form-urlencoded, multipart
or JSON bodies, with ``a[b]`` and ``a[]`` keys turned into nested values."""

from __future__ import annotations

import json
import re
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl

from .errors import ApiError

_KEY_PART = re.compile(r"\[([^\]]*)\]")


def _split_key(key: str) -> list[str]:
    head = key.split("[", 1)[0]
    parts = [head]
    if "[" in key:
        parts.extend(_KEY_PART.findall(key[len(head) :]))
    return parts


def _assign(target: dict[str, Any], key: str, value: Any) -> None:
    parts = _split_key(key)
    node: Any = target
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        nxt = None if last else parts[i + 1]
        if part == "":
            # "a[]": append to a list
            if not isinstance(node, list):
                return
            if last:
                node.append(value)
            else:
                if not node or not isinstance(node[-1], dict) or (nxt in node[-1]):
                    node.append({})
                node = node[-1]
            continue
        if not isinstance(node, dict):
            return
        if last:
            node[part] = value
        else:
            want_list = nxt == ""
            current = node.get(part)
            if want_list and not isinstance(current, list):
                node[part] = []
            elif not want_list and not isinstance(current, dict):
                node[part] = {}
            node = node[part]


def parse_pairs(pairs: list[tuple[str, str]], into: dict[str, Any] | None = None) -> dict[str, Any]:
    result: dict[str, Any] = into if into is not None else {}
    for key, value in pairs:
        _assign(result, key, value)
    return result


def parse_query(query: str) -> dict[str, Any]:
    return parse_pairs(parse_qsl(query, keep_blank_values=True))


def _parse_multipart(content_type: str, body: bytes) -> list[tuple[str, str]]:
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    pairs: list[tuple[str, str]] = []
    if not message.is_multipart():
        return pairs
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name is None:
            continue
        payload = part.get_payload(decode=True) or b""
        if not isinstance(payload, bytes):
            continue
        pairs.append((str(name), payload.decode("utf-8", "replace")))
    return pairs


def parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    """Body parameters; a malformed JSON body is a 400 as in Rails."""
    if not body:
        return {}
    ctype = (content_type or "").split(";", 1)[0].strip().lower()
    if ctype == "application/json":
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise ApiError(400, {"errors": ["There was an error parsing the JSON request body."]}) from None
        if not isinstance(data, dict):
            # Rails wraps non-object JSON under "_json"; no action here reads it.
            return {"_json": data}
        return data
    if ctype == "multipart/form-data":
        return parse_pairs(_parse_multipart(content_type, body))
    if ctype in ("application/x-www-form-urlencoded", ""):
        return parse_pairs(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    return {}


def as_text(value: Any) -> str | None:
    """A scalar parameter as Rails would see it (JSON numbers and booleans as text)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    return None


def present(value: Any) -> bool:
    """Rails' ``present?``: not nil, not blank."""
    if value is None or value is False:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        return bool(value)
    return True


def truthy(value: Any) -> bool:
    """``ActiveModel::Type::Boolean`` casting of a request parameter."""
    text = as_text(value)
    return text is not None and text.lower() not in ("", "false", "0", "f", "off", "no")
