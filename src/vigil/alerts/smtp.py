"""Sending mail over one reused SMTP connection, committing "sent" at the last moment.

``send`` transmits the whole message but the final ``.``; then calls ``commit`` (which
records the delivery in the outbox); only if that succeeded does it send the ``.`` that
makes the server deliver. A worker killed before the commit leaves an incomplete
transaction the server discards (the row is sent again later); killed after it, the
``.`` is already in the kernel's socket buffer or was never needed. The window in which a
kill loses or doubles a message is the few microseconds between the commit returning and
the final write, instead of the server's whole processing time.
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
from collections.abc import Callable

from vigil.settings import AlertSettings


class DeliveryError(Exception):
    """``temporary``: try again later (4xx, connection trouble); else give up (5xx)."""

    def __init__(self, message: str, *, temporary: bool, connection: bool = False) -> None:
        super().__init__(message)
        self.temporary = temporary
        self.connection = connection  # the server or network is down: stop this batch


class NotOurs(Exception):
    """The outbox row was taken over by another worker (lease expired): not sent."""


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

    def send(self, data: bytes, sender: str, recipient: str, commit: Callable[[], bool]) -> None:
        """Deliver one message (CRLF line ends) or raise DeliveryError / NotOurs."""
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
            conn.send(body)
            if not commit():
                self._drop()  # an unterminated DATA: the server discards the message
                raise NotOurs()
            conn.send(b".\r\n")
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
