"""A real HTTP receiver on loopback for webhook tests: records every request and answers
with the status the test sets."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    server: ThreadingHTTPServer
    status: int = 204
    requests: list[Received] = field(default_factory=list)

    @property
    def url(self) -> str:
        port = self.server.server_address[1]
        return f"http://localhost:{port}/hooks/newsroom"


def start(status: int = 204) -> Receiver:
    receiver: Receiver

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            receiver.requests.append(Received(self.path, dict(self.headers.items()), body))
            self.send_response(receiver.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:  # keep the test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver = Receiver(server, status)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver
