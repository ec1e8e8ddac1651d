"""Sending mail over one reused SMTP connection.

``send`` returns once the server has answered the final ``.`` with 250, that is once it
has taken responsibility for the message; only then does the worker record the delivery.
Delivery is at-least-once: a worker killed between the server's answer and that record
leaves the row to be sent again when its lease runs out, with the same ``Message-ID``
(``<vigil.OUTBOX_ID@domain>``), so mail systems and readers can drop the copy. Recording
"sent" earlier lost messages whenever a kill or a server that discards unacknowledged
mail came between the record and the server's answer.
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl

from vigil.settings import AlertSettings


class DeliveryError(Exception):
    """``temporary``: try again later (4xx, connection trouble); else give up (5xx)."""

    def __init__(self, message: str, *, temporary: bool, connection: bool = False) -> None:
        super().__init__(message)
        self.temporary = temporary
        self.connection = connection  # the server or network is down: stop this batch


_DOT = re.compile(rb"(?m)^\.")


def _check(code: int, reply: bytes, what: str) -> None:
    if code >= 400 or code < 200:
        text = reply.decode("utf-8", "replace")[:200]
        raise DeliveryError(f"{what}: {code} {text}", temporary=400 <= code < 500 or code < 200)


class SmtpSender:
    def __init__(self, settings: AlertSettings) -> None:
        self.settings = settings
        self.conn: smtplib.SMTP | None = None
        self.pipelining = False

    def _open(self) -> smtplib.SMTP:
        s = self.settings
        try:
            conn = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=30)
            conn.ehlo()
            if s.smtp_starttls:
                conn.starttls(context=ssl.create_default_context())
                conn.ehlo()
            if s.smtp_user:
                conn.login(s.smtp_user, s.smtp_password)
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(
                f"cannot reach SMTP server {s.smtp_host}:{s.smtp_port}: {type(exc).__name__}",
                temporary=True,
                connection=True,
            ) from exc
        if conn.sock is not None:
            # The last "." goes out as a write of its own: without this, Nagle's algorithm
            # holds it until the server's delayed ACK (40 ms per message on Linux).
            conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.pipelining = conn.has_extn("pipelining")
        return conn

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.quit()
            except (OSError, smtplib.SMTPException):
                self.conn.close()
            self.conn = None

    def _drop(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def send(self, data: bytes, sender: str, recipient: str) -> None:
        """Deliver one message (CRLF line ends): returns when the server accepted it,
        else raises DeliveryError."""
        if self.conn is None:
            self.conn = self._open()
        conn = self.conn
        try:
            if self.pipelining:
                conn.send(f"MAIL FROM:<{sender}>\r\nRCPT TO:<{recipient}>\r\nDATA\r\n".encode())
                replies = [conn.getreply() for _ in range(3)]
            else:
                replies = []
                for cmd in (f"MAIL FROM:<{sender}>", f"RCPT TO:<{recipient}>", "DATA"):
                    conn.putcmd(cmd)
                    replies.append(conn.getreply())
                    if replies[-1][0] >= 400:
                        break
            for (code, reply), what in zip(replies, ("MAIL", "RCPT", "DATA"), strict=False):
                if what == "DATA":
                    if code != 354:
                        _check(code if code >= 400 else 451, reply, what)
                else:
                    _check(code, reply, what)
            body = _DOT.sub(b"..", data)
            if not body.endswith(b"\r\n"):
                body += b"\r\n"
            conn.send(body + b".\r\n")
            code, reply = conn.getreply()
            _check(code, reply, "end of data")
        except DeliveryError:
            self._reset()
            raise
        except (OSError, smtplib.SMTPException) as exc:
            self._drop()
            raise DeliveryError(
                f"SMTP connection failed: {type(exc).__name__}", temporary=True, connection=True
            ) from exc

    def _reset(self) -> None:
        if self.conn is None:
            return
        try:
            self.conn.rset()
        except (OSError, smtplib.SMTPException):
            self._drop()
