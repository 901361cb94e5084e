"""A built site served over HTTP with gzip, as a static host serves it, counting the bytes each request sends.

Text files (HTML, CSS, JavaScript, JSON, XML, SVG) are sent gzip-compressed to a client that accepts it;
other files as they are. Used by the page-weight and Lighthouse benchmarks; run alone to browse a build:
`python bench/gzip_server.py site/`.
"""

from __future__ import annotations

import argparse
import gzip
import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/json", ".json")


@dataclass
class Served:
    """What the server sent: (path, bytes on the wire) per request, in order."""

    sent: list[tuple[str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def mark(self) -> int:
        with self.lock:
            return len(self.sent)

    def since(self, mark: int) -> list[tuple[str, int]]:
        with self.lock:
            return list(self.sent[mark:])


def _file(root: Path, path: str) -> Path | None:
    target = (root / unquote(urlsplit(path).path).lstrip("/")).resolve()
    if not target.is_relative_to(root):
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def handler(root: Path, served: Served) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            target = _file(root, self.path)
            if target is None:
                self._send(404, b"not found", "text/plain")
                return
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            self._send(200, target.read_bytes(), kind)

        def _send(self, status: int, body: bytes, kind: str) -> None:
            packed = kind.startswith(COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", "")
            if packed:
                body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_response(status)
            self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=3600")
            if packed:
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            self.wfile.write(body)
            with served.lock:
                served.sent.append((urlsplit(self.path).path, len(body)))

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serving(root: Path, host: str = "127.0.0.1", port: int = 0) -> Iterator[tuple[str, Served]]:
    """The folder served on a free local port: (its address, ending with a slash; the record of what was sent)."""
    served = Served()
    server = ThreadingHTTPServer((host, port), handler(root.resolve(), served))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/", served
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    with serving(args.folder, port=args.port) as (url, _):
        print(f"serving {args.folder} on {url} (Ctrl-C to stop)")
        threading.Event().wait()


if __name__ == "__main__":
    main()
