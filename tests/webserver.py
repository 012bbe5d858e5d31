"""A real HTTP server on 127.0.0.1 for the tests that fetch pages and feeds (never the internet)."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Page:
    """What the server answers on one path."""

    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the answer
    drip: float = 0.0  # seconds between chunks of the body (a slow page)
    etag: str | None = None  # answer 304 when If-None-Match matches
    last_modified: str | None = None  # answer 304 when If-Modified-Since matches


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    client: str
    at: float = field(default_factory=time.monotonic)


class Site:
    """The running server: `pages` maps a path to a Page (or a callable giving one); `seen` records requests."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.pages: dict[str, Page | Callable[[], Page]] = {}
        self.seen: list[Seen] = []
        self.in_flight = self.most_in_flight = 0  # requests being answered now / at most at once
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                with site.lock:
                    site.seen.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()},
                                          self.client_address[0]))
                    # The exact path with its query, else the path alone (tracking parameters and all).
                    spec = site.pages.get(self.path) or site.pages.get(self.path.split("?", 1)[0])
                    site.in_flight += 1
                    site.most_in_flight = max(site.most_in_flight, site.in_flight)
                self.counted = True
                try:
                    self._answer(spec() if callable(spec) else spec)
                finally:
                    self._uncount()

            def _uncount(self) -> None:
                # Just before the answer goes out: a client cannot start its next request earlier.
                if self.counted:
                    self.counted = False
                    with site.lock:
                        site.in_flight -= 1

            def _answer(self, page: Page | None) -> None:
                if page is None:
                    page = Page(body="not found", status=404, content_type="text/plain")
                if page.delay:
                    time.sleep(page.delay)
                body = page.body.encode() if isinstance(page.body, str) else page.body
                status = page.status
                if (page.etag and self.headers.get("If-None-Match") == page.etag) or (
                    page.last_modified and self.headers.get("If-Modified-Since") == page.last_modified
                ):
                    status, body = 304, b""
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", page.content_type)
                    if not page.drip:
                        self.send_header("Content-Length", str(len(body)))
                    else:
                        self.send_header("Connection", "close")
                    if page.etag:
                        self.send_header("ETag", page.etag)
                    if page.last_modified:
                        self.send_header("Last-Modified", page.last_modified)
                    for key, value in page.headers.items():
                        self.send_header(key, value)
                    self._uncount()
                    self.end_headers()
                    if page.drip:
                        for i in range(0, len(body), 64):
                            self.wfile.write(body[i:i + 64])
                            self.wfile.flush()
                            time.sleep(page.drip)
                        self.close_connection = True
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for s in self.seen if s.path == path)


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    s.thread.start()
    yield s
    s.server.shutdown()
    s.server.server_close()
