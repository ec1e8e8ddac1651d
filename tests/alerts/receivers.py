"""Real receivers on loopback for delivery tests and the bench: an aiosmtpd SMTP server
(optionally advertising PIPELINING) and a threaded HTTP server for webhooks. They count
what arrived; nothing on the sending side is mocked."""

from __future__ import annotations

import asyncio
import email
import email.policy
import json
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Handler:
    def __init__(self, sink: MailSink) -> None:
        self.sink = sink

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        session.host_name = hostname
        if self.sink.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.sink.reject:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        # Like Postfix and other MTAs, the server is responsible for a message once the
        # final "." arrived, even if the client vanishes before reading the reply ("lost
        # connection after END-OF-MESSAGE"); the delay is its slow reply. With
        # ``drop_unacknowledged`` it is a server that keeps only what it could acknowledge
        # (a client gone during the delay cancels this coroutine: nothing is kept).
        if not self.sink.drop_unacknowledged:
            self._keep(envelope)
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)
        if self.sink.drop_unacknowledged:
            if server.transport is None or server.transport.is_closing():
                return "451 client gone"
            self._keep(envelope)
        return "250 OK queued"

    def _keep(self, envelope: Any) -> None:
        with self.sink.lock:
            for rcpt in envelope.rcpt_tos:
                self.sink.messages.append((rcpt, bytes(envelope.content)))


class MailSink:
    """An SMTP server on 127.0.0.1; ``messages`` is [(recipient, raw bytes)]."""

    def __init__(self, port: int | None = None, *, pipelining: bool = False) -> None:
        self.port = port or free_port()
        self.pipelining = pipelining
        self.delay = 0.0  # seconds the server takes to accept each message
        self.drop_unacknowledged = False  # keep only messages whose 250 could be sent
        self.reject: set[str] = set()
        self.messages: list[tuple[str, bytes]] = []
        self.lock = threading.Lock()
        self.controller: Controller | None = None

    def start(self) -> MailSink:
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def counts(self) -> Counter[str]:
        with self.lock:
            return Counter(r for r, _ in self.messages)

    def message_ids(self) -> dict[str, set[str]]:
        """{recipient: the Message-IDs of every copy received}."""
        found: dict[str, set[str]] = {}
        for msg in self.parsed():
            found.setdefault(str(msg["To"].addresses[0].addr_spec), set()).add(msg["Message-ID"])
        return found

    def parsed(self) -> list[email.message.EmailMessage]:
        with self.lock:
            raw = [m for _, m in self.messages]
        return [
            email.message_from_bytes(m, policy=email.policy.default)  # type: ignore[misc]
            for m in raw
        ]


class HookSink:
    """An HTTP server on 127.0.0.1 recording POSTs: [(path, headers, body)]."""

    def __init__(self, *, status: int = 200) -> None:
        self.status = status
        self.hang = 0.0  # seconds to wait before answering (a receiver that times out)
        self.requests: list[tuple[str, dict[str, str], bytes]] = []
        self.lock = threading.Lock()
        sink = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                n = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(n)
                with sink.lock:
                    status = sink.status
                    if status < 300:
                        sink.requests.append((self.path, dict(self.headers), body))
                if sink.hang:
                    time.sleep(sink.hang)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> HookSink:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def deliveries(self) -> Counter[str]:
        with self.lock:
            return Counter(
                f"{path}:{json.loads(body)['alert']['id']}" for path, _, body in self.requests
            )
