"""Request context and response values shared by the router and the handlers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from .errors import ApiError
from .models import User

if TYPE_CHECKING:  # pragma: no cover
    from .double import DiscourseDouble

JSON_CONTENT_TYPE = "application/json; charset=utf-8"
HTML_CONTENT_TYPE = "text/html; charset=utf-8"
TEXT_CONTENT_TYPE = "text/plain; charset=utf-8"

EMPTY_PAGE = (
    '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Discourse</title></head>\n'
    "<body><noscript>This site works best with JavaScript enabled.</noscript></body>\n</html>\n"
)


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str | None = JSON_CONTENT_TYPE
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Request:
    method: str
    path: str
    query_string: str
    query: dict[str, Any]
    params: dict[str, Any]
    headers: dict[str, str]
    route: dict[str, str]
    json_format: bool  # ".json" suffix or an Accept: application/json header
    user: User | None
    double: DiscourseDouble
    client_ip: str

    @property
    def base_url(self) -> str:
        """``Discourse.base_url``: scheme, host and the subfolder prefix (if any), for absolute links."""
        host = self.headers.get("host") or f"127.0.0.1:{self.double.port}"
        return f"http://{host}{self.double.state.base_path}"


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(status, json.dumps(body).encode("utf-8"), JSON_CONTENT_TYPE, dict(headers or {}))


def error_response(error: ApiError, json_format: bool = True) -> Response:
    if json_format:
        return json_response(error.body, error.status, error.headers)
    text = "\n".join(error.errors) or str(error.status)
    page = f"<!DOCTYPE html><html><body><h1>{error.status}</h1><p>{text}</p></body></html>"
    return Response(error.status, page.encode("utf-8"), HTML_CONTENT_TYPE, dict(error.headers))


def text_response(text: str, status: int = 200) -> Response:
    return Response(status, text.encode("utf-8"), TEXT_CONTENT_TYPE)


def html_page(status: int = 200) -> Response:
    return Response(status, EMPTY_PAGE.encode("utf-8"), HTML_CONTENT_TYPE)


def empty_response(status: int = 200) -> Response:
    return Response(status, b"", HTML_CONTENT_TYPE)


def redirect(location: str) -> Response:
    """``redirect_to ..., status: :moved_permanently``: empty body, absolute Location."""
    return Response(301, b"", HTML_CONTENT_TYPE, {"Location": location})


def with_query(path: str, query: dict[str, Any], keep: tuple[str, ...]) -> str:
    pairs = [(k, v) for k, v in query.items() if k in keep and isinstance(v, str)]
    return path + ("?" + urlencode(pairs) if pairs else "")
