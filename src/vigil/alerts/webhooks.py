"""POSTing signed JSON to partners' webhooks over kept-alive connections.

The connection goes to an address checked by ``validate.check_webhook_url`` (a later DNS
answer cannot redirect it to a private host). As with mail, a delivery is recorded only
after the receiver answered 2xx: delivery is at-least-once. A receiver that times out, or
a worker killed before its record, gets the POST again with the same ``X-Vigil-Delivery``
id (and ``delivery`` in the body): receivers de-duplicate on it (docs/security.md).
"""

from __future__ import annotations

import http.client
import socket
import ssl
from urllib.parse import urlsplit

from vigil.alerts.smtp import DeliveryError
from vigil.alerts.validate import RefusedWebhook, check_webhook_url


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, ip: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _PinnedHTTPS(_PinnedHTTP):
    default_port = 443

    def connect(self) -> None:
        super().connect()
        ctx = ssl.create_default_context()
        self.sock = ctx.wrap_socket(self.sock, server_hostname=self.host)


class WebhookSender:
    """One per worker thread: a connection per webhook, reused across messages."""

    def __init__(self, *, timeout: float, allow_private: bool) -> None:
        self.timeout = timeout
        self.allow_private = allow_private
        self.conns: dict[int, tuple[str, http.client.HTTPConnection]] = {}

    def _connection(
        self, hook_id: int, url: str, allow_private: bool
    ) -> http.client.HTTPConnection:
        held = self.conns.get(hook_id)
        if held is not None and held[0] == url:
            return held[1]
        try:
            ips = check_webhook_url(url, allow_private=allow_private or self.allow_private)
        except RefusedWebhook as exc:
            raise DeliveryError(exc.message, temporary=False) from exc
        parts = urlsplit(url)
        host = parts.hostname or ""
        cls = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
        conn = cls(host, parts.port or cls.default_port, ips[0], self.timeout)
        self.conns[hook_id] = (url, conn)
        return conn

    def close(self) -> None:
        for _, conn in self.conns.values():
            conn.close()
        self.conns.clear()

    def post(
        self,
        hook_id: int,
        url: str,
        allow_private: bool,
        body: bytes,
        headers: dict[str, str],
    ) -> None:
        """POST once; returns on a 2xx answer. A kept-alive connection the receiver closed
        meanwhile is reopened once."""
        reused = hook_id in self.conns
        try:
            self._post(hook_id, url, allow_private, body, headers)
        except DeliveryError as exc:
            if not (reused and exc.connection):
                raise
            self._post(hook_id, url, allow_private, body, headers)

    def _post(
        self,
        hook_id: int,
        url: str,
        allow_private: bool,
        body: bytes,
        headers: dict[str, str],
    ) -> None:
        conn = self._connection(hook_id, url, allow_private)
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        sent = False
        try:
            conn.putrequest("POST", path, skip_accept_encoding=True)
            for key, value in headers.items():
                conn.putheader(key, value)
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders()
            conn.send(body)
            sent = True
            resp = conn.getresponse()
            resp.read(65536)
            if resp.will_close:
                self._forget(hook_id)
        except (OSError, http.client.HTTPException) as exc:
            self._forget(hook_id)
            raise DeliveryError(
                f"webhook connection failed: {type(exc).__name__}",
                temporary=True,
                # Failing before the whole body went out: the connection was stale (or the
                # receiver is down). After it, the receiver may have acted: a retry later.
                connection=not sent or isinstance(exc, http.client.RemoteDisconnected),
            ) from exc
        if not 200 <= resp.status < 300:
            temporary = resp.status >= 500 or resp.status in (408, 409, 425, 429)
            raise DeliveryError(f"webhook answered HTTP {resp.status}", temporary=temporary)

    def _forget(self, hook_id: int) -> None:
        held = self.conns.pop(hook_id, None)
        if held is not None:
            held[1].close()
