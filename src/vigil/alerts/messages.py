"""What is sent: the e-mail for one subscriber and the signed JSON for one webhook.

Both are built from an alert's frozen public shape (see ``publicize``), never from the
editable text. Headers are built by ``email.message.EmailMessage``, which refuses CR/LF in
any header value; stored text is folded to one line first as a second guard.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import quopri
import textwrap
import time
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, parseaddr
from typing import Any

from vigil.alerts.tokens import CONFIRM, UNSUBSCRIBE, make_token
from vigil.alerts.validate import one_line
from vigil.settings import AlertSettings
from vigil.store.models import utcnow

SIGNATURE_HEADER = "X-Vigil-Signature"
# No folding of long headers: a folded List-Unsubscribe URL would be encoded and break.
# Every header value is bounded (subjects 200 characters, names 200, links ~100).
POLICY = SMTP.clone(max_line_length=998)


def _domain(mail_from: str) -> str:
    addr = parseaddr(mail_from)[1]
    return addr.rpartition("@")[2] or "localhost"


def _base(
    settings: AlertSettings, to: str, name: str | None, subject: str, msg_id: str
) -> EmailMessage:
    msg = EmailMessage(policy=POLICY)
    msg["From"] = settings.mail_from
    local, _, domain = to.partition("@")
    msg["To"] = Address(display_name=one_line(name or ""), username=local, domain=domain)
    msg["Subject"] = one_line(subject)[:200]
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = f"<{msg_id}@{_domain(settings.mail_from)}>"
    return msg


def unsubscribe_url(settings: AlertSettings, subscriber_id: int) -> str:
    token = make_token(settings.secret_key, UNSUBSCRIBE, subscriber_id)
    return f"{settings.public_url}/alerts/unsubscribe/{token}"


def confirm_url(settings: AlertSettings, subscriber_id: int) -> str:
    token = make_token(settings.secret_key, CONFIRM, subscriber_id)
    return f"{settings.public_url}/alerts/confirm/{token}"


def _para(text: str) -> str:
    return "\n\n".join(textwrap.fill(p, 76) for p in text.split("\n\n") if p.strip())


def _alert_text(public: dict[str, Any]) -> str:
    lines = [one_line(public["title"]), "", _para(public["body"]), ""]
    if public.get("asks"):
        lines += ["What we ask:", *(f"  - {a}" for a in public["asks"]), ""]
    if public.get("appeal_to"):
        lines += ["Please send appeals to:", *(f"  - {a}" for a in public["appeal_to"]), ""]
    lines += [f"Read online: {public['url']}", "", "--"]
    return "\r\n".join(lines) + "\r\n"


def _header(name: str, value: str) -> bytes:
    """One header line; non-ASCII values as RFC 2047 encoded words."""
    value = one_line(value)
    if value.isascii():
        return f"{name}: {value}\r\n".encode("ascii")
    encoded = Header(value, "utf-8", header_name=name).encode(linesep="\r\n")
    return f"{name}: {encoded}\r\n".encode("ascii")


class AlertMail:
    """One alert's e-mail, rendered once; ``render`` adds what differs per subscriber
    (To, Message-ID, unsubscribe link). Building each copy with ``EmailMessage`` cost
    ~5 ms; this costs ~0.05 ms, which is what lets one worker send 10,000 in a minute."""

    def __init__(self, settings: AlertSettings, public: dict[str, Any]) -> None:
        self.settings = settings
        prefix = "Update" if public.get("kind") == "followup" else "Urgent action"
        subject = one_line(f"[{prefix}] {public['title']}")[:200]
        self.head = (
            _header("From", settings.mail_from)
            + _header("Subject", subject)
            + b"MIME-Version: 1.0\r\n"
            + b'Content-Type: text/plain; charset="utf-8"\r\n'
            + b"Content-Transfer-Encoding: quoted-printable\r\n"
            + b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
        )
        self.body = (
            quopri.encodestring(_alert_text(public).encode("utf-8"))
            .replace(b"\n", b"\r\n")
            .replace(b"\r\r\n", b"\r\n")
        )
        self.domain = _domain(settings.mail_from)

    def render(self, *, outbox_id: int, subscriber_id: int, to: str, name: str | None) -> bytes:
        """``to`` must be a validated address (``validate.normalize_email``)."""
        unsub = unsubscribe_url(self.settings, subscriber_id)
        footer = (
            f"You receive this because you subscribed to Vigil alerts.\r\nUnsubscribe: {unsub}\r\n"
        )
        footer_qp = quopri.encodestring(footer.encode("ascii")).replace(b"\n", b"\r\n")
        footer_qp = footer_qp.replace(b"\r\r\n", b"\r\n")
        return b"".join(
            (
                _header("To", formataddr((one_line(name or ""), to), charset="utf-8")),
                _header("Date", format_datetime(utcnow())),
                f"Message-ID: <vigil.{outbox_id}@{self.domain}>\r\n".encode("ascii"),
                f"List-Unsubscribe: <{unsub}>\r\n".encode("ascii"),
                self.head,
                b"\r\n",
                self.body,
                footer_qp,
            )
        )


def alert_email(
    settings: AlertSettings,
    public: dict[str, Any],
    *,
    outbox_id: int,
    subscriber_id: int,
    to: str,
    name: str | None,
) -> bytes:
    """One subscriber's copy of an alert (see ``AlertMail`` to render many)."""
    mail = AlertMail(settings, public)
    return mail.render(outbox_id=outbox_id, subscriber_id=subscriber_id, to=to, name=name)


def confirmation_email(
    settings: AlertSettings, *, outbox_id: int, subscriber_id: int, to: str, name: str | None
) -> EmailMessage:
    msg = _base(
        settings, to, name, "Confirm your subscription to Vigil alerts", f"vigil.{outbox_id}"
    )
    unsub = unsubscribe_url(settings, subscriber_id)
    msg["List-Unsubscribe"] = f"<{unsub}>"
    msg.set_content(
        "Someone, probably you, asked to receive urgent actions from Vigil at this address.\n\n"
        "To confirm, open this link (valid for 7 days):\n"
        f"{confirm_url(settings, subscriber_id)}\n\n"
        "If you did not ask for this, ignore this message: nothing will be sent.\n\n"
        f"--\nUnsubscribe: {unsub}\n",
        cte="quoted-printable",
    )
    return msg


def webhook_body(public: dict[str, Any], *, outbox_id: int) -> bytes:
    event = "alert.followup" if public.get("kind") == "followup" else "alert.published"
    doc = {"event": event, "delivery": outbox_id, "alert": public}
    return json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8")


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """``sha256=<hex>`` of HMAC-SHA256 over ``"<timestamp>." + body`` (replays of an old
    body carry an old timestamp, which receivers reject)."""
    mac = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode("ascii") + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def webhook_headers(secret: str, body: bytes, *, outbox_id: int) -> dict[str, str]:
    ts = int(time.time())
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Vigil-Alerts/1",
        "X-Vigil-Delivery": str(outbox_id),
        "X-Vigil-Timestamp": str(ts),
        SIGNATURE_HEADER: sign(secret, body, ts),
    }


def verify(secret: str, body: bytes, timestamp: str, signature: str) -> bool:
    """What a receiver runs (and the tests): constant-time comparison."""
    if not timestamp.isdigit():
        return False
    return hmac.compare_digest(sign(secret, body, int(timestamp)), signature)
