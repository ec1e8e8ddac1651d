"""What is sent: the e-mail for one subscriber and the signed JSON for one webhook.

Both are built from an alert's frozen public shape (see ``publicize``), never from the
editable text. Headers are built by ``email.message.EmailMessage``, which refuses CR/LF in
any header value; stored text is folded to one line first as a second guard.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import textwrap
import time
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from typing import Any

from vigil.alerts.config import AlertSettings
from vigil.alerts.tokens import CONFIRM, UNSUBSCRIBE, make_token
from vigil.alerts.validate import one_line
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


def alert_email(
    settings: AlertSettings,
    public: dict[str, Any],
    *,
    outbox_id: int,
    subscriber_id: int,
    to: str,
    name: str | None,
) -> EmailMessage:
    """One subscriber's copy of an alert, with their own unsubscribe link.
    The Message-ID names the outbox row: a re-sent copy is recognisably the same."""
    prefix = "Update" if public.get("kind") == "followup" else "Urgent action"
    msg = _base(settings, to, name, f"[{prefix}] {public['title']}", f"vigil.{outbox_id}")
    unsub = unsubscribe_url(settings, subscriber_id)
    msg["List-Unsubscribe"] = f"<{unsub}>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    lines = [one_line(public["title"]), "", _para(public["body"]), ""]
    if public.get("asks"):
        lines += ["What we ask:", *(f"  - {a}" for a in public["asks"]), ""]
    if public.get("appeal_to"):
        lines += ["Please send appeals to:", *(f"  - {a}" for a in public["appeal_to"]), ""]
    lines += [
        f"Read online: {public['url']}",
        "",
        "--",
        "You receive this because you subscribed to Vigil alerts.",
        f"Unsubscribe: {unsub}",
    ]
    msg.set_content("\n".join(lines), cte="quoted-printable")
    return msg


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
