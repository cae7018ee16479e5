"""A loopback HTTP server with EDGAR's archive layout, serving fixture files, answering 429s,
redirecting, holding answers and dropping connections on request, and logging every request
(tests/conftest.py's `archive` fixture)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Archive:
    """What the loopback server serves (by path), the failures it answers first (by path, in
    order: '429', '503', 'drop' (close without answering), 'cut' (half the body), 'hold' (half the
    body, then nothing more until `release` is set)), the redirects it answers (by path: the
    Location), and every request it saw: (time on the server's clock, path, user agent)."""

    base_url: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    failures: dict[str, list[str]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    requests: list[tuple[float, str, str]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def paths(self) -> list[str]:
        return [path for _, path, _ in self.requests]


class ArchiveHandler(BaseHTTPRequestHandler):
    server: ArchiveServer

    def do_GET(self) -> None:
        archive = self.server.archive
        archive.requests.append((time.monotonic(), self.path, self.headers.get("User-Agent", "")))
        pending = archive.failures.get(self.path)
        failure = pending.pop(0) if pending else None
        body = archive.files.get(self.path)
        if failure == "drop":
            return  # the connection closes with no answer
        if self.path in archive.redirects:
            self.send_response(302)
            self.send_header("Location", archive.redirects[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if failure in ("429", "503"):
            self.send_response(int(failure))
            if failure == "429":
                self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2] if failure in ("cut", "hold") else body)
        if failure == "hold":
            self.wfile.flush()
            archive.release.wait(120)

    def log_message(self, *args: object) -> None:
        pass


class ArchiveServer(ThreadingHTTPServer):
    archive: Archive


@contextlib.contextmanager
def serving() -> Iterator[Archive]:
    """A server on a free loopback port, stopped afterwards."""
    server = ArchiveServer(("127.0.0.1", 0), ArchiveHandler)
    server.archive = Archive(base_url=f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.archive
    finally:
        server.archive.release.set()  # a held answer ends
        server.shutdown()
        server.server_close()
