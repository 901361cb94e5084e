"""The HTTP front: faults, the per-IP limiter, routing, authentication, the
admin API limiter, dispatch and request recording, in Discourse's order."""

from __future__ import annotations

import contextlib
import socket
import time
import traceback
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from . import errors as E
from .auth import authenticate
from .errors import ApiError
from .faults import FaultKind
from .http_types import HTML_CONTENT_TYPE, Request, Response, error_response, html_page
from .params import parse_body, parse_query
from .routes import match

if TYPE_CHECKING:  # pragma: no cover
    from .double import DiscourseDouble

WRITE_METHODS = ("POST", "PUT", "DELETE", "PATCH")
# What the web server in front of a subfolder install answers for a path outside the forum.
OUTSIDE_PAGE = (
    b"<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
    b"<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)
SERVER_ERROR_PAGE = (
    b"<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head>"
    b"<body><h1>Internal Server Error</h1></body></html>"
)


@dataclass(frozen=True)
class RequestRecord:
    """One HTTP request as the double saw it.  ``status`` is None for a dropped connection."""

    method: str
    path: str
    query: str
    status: int | None
    user: str | None
    time: float
    fault: str | None = None


class _Dropped(Exception):
    pass


def make_handler(double: DiscourseDouble) -> type[BaseHTTPRequestHandler]:
    class DiscourseHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "nginx"
        sys_version = ""

        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_GET(self) -> None:
            self._handle("GET")

        def do_POST(self) -> None:
            self._handle("POST")

        def do_PUT(self) -> None:
            self._handle("PUT")

        def do_DELETE(self) -> None:
            self._handle("DELETE")

        def do_PATCH(self) -> None:
            self._handle("PATCH")

        # ------------------------------------------------------------------
        def _handle(self, method: str) -> None:
            received = time.time()
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            url = urlsplit(self.path)
            path = unquote(url.path)
            record: dict[str, Any] = {"user": None, "fault": None}

            def log(status: int | None) -> None:
                # Recorded before anything reaches the client, so a test that has its
                # answer (or its dropped connection) always finds the record.
                double._record(
                    RequestRecord(method, path, url.query, status, record["user"], received, record["fault"])
                )

            try:
                response = self._process(method, path, url.query, body, record)
            except _Dropped:
                log(None)
                self._drop()
                return
            except Exception:  # a bug in the double: answer 500 and say so on stderr
                traceback.print_exc()
                record["fault"] = "internal_error"
                response = Response(500, SERVER_ERROR_PAGE, HTML_CONTENT_TYPE)
            log(response.status)
            self._send(response)

        def _process(self, method: str, path: str, query: str, body: bytes, record: dict[str, Any]) -> Response:
            is_write = method in WRITE_METHODS
            plan = double._injector.plan(is_write)
            double._injector.delay(plan.latency)
            if plan.before is FaultKind.SERVER_ERROR:
                record["fault"] = plan.before.value
                return Response(500, SERVER_ERROR_PAGE, HTML_CONTENT_TYPE)
            if plan.before is FaultKind.DROP_BEFORE:
                record["fault"] = plan.before.value
                raise _Dropped()
            inner = double.inner_path(path)
            if inner is None:  # outside the subfolder: the web server in front answers, not Discourse
                return Response(404, OUTSIDE_PAGE, HTML_CONTENT_TYPE)
            path = inner
            headers = {k.lower(): v for k, v in self.headers.items()}
            ip_limited = double._check_per_ip(self.client_address[0])
            if ip_limited is not None:
                return ip_limited
            accept_json = "application/json" in headers.get("accept", "")
            found = match(method, path)
            if found is None:
                return error_response(E.not_found(), accept_json or path.endswith(".json") or is_write)
            route, groups = found
            json_format = bool(groups.get("fmt")) or accept_json
            try:
                params = parse_query(query)
                params.update(parse_body(headers.get("content-type", ""), body))
                with double.state.lock:
                    user, via_key = authenticate(double.state, headers)
                record["user"] = user.username if user else None
                if user is None and double.state.settings["login_required"]:
                    raise E.not_logged_in()
                if via_key:
                    double._admin_api_performed()
                    double._rollback_per_ip(self.client_address[0])
                if method == "GET" and not route.text and not json_format:
                    return html_page()
                request = Request(
                    method=method,
                    path=path,
                    query_string=query,
                    query=parse_query(query),
                    params=params,
                    headers=headers,
                    route=groups,
                    json_format=json_format,
                    user=user,
                    double=double,
                    client_ip=self.client_address[0],
                )
                with double.state.lock:
                    response = route.handler(request)
            except ApiError as error:
                return error_response(error, json_format or is_write or not route.text)
            if is_write and 200 <= response.status < 300:
                if plan.after_write is FaultKind.COMMIT_THEN_500:
                    record["fault"] = plan.after_write.value
                    return Response(500, SERVER_ERROR_PAGE, HTML_CONTENT_TYPE)
                if plan.after_write is FaultKind.DROP_AFTER:
                    record["fault"] = plan.after_write.value
                    raise _Dropped()
            return response

        def _send(self, response: Response) -> None:
            self.send_response(response.status)
            if response.content_type:
                self.send_header("Content-Type", response.content_type)
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.body)

        def _drop(self) -> None:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)

    return DiscourseHandler


class DoubleHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
