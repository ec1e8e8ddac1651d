"""E-mail subscribers with double opt-in, signed confirmation and unsubscribe links, and
partners' webhooks. The web engineer mounts ``confirm_subscription`` and ``unsubscribe``
behind ``/alerts/confirm/<token>`` and ``/alerts/unsubscribe/<token>``."""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass
from datetime import UTC

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from vigil import i18n
from vigil.alerts.filters import Filters
from vigil.alerts.tokens import CONFIRM, UNSUBSCRIBE, BadToken, read_token, token_issued
from vigil.alerts.validate import check_webhook_url, header_text, normalize_email
from vigil.errors import InputError, NotFound
from vigil.settings import AlertSettings
from vigil.store import dialect
from vigil.store.alerts import OutboxRow, SubscriberRow, WebhookRow
from vigil.store.models import utcnow

log = logging.getLogger(__name__)

PENDING, ACTIVE, UNSUBSCRIBED = "pending", "active", "unsubscribed"


@dataclass(frozen=True, slots=True)
class Subscribed:
    subscriber_id: int
    status: str
    confirmation_queued: bool


def queue_confirmation(session: Session, subscriber_id: int) -> bool:
    """Queue the opt-in message; at most one an hour per subscriber (so a form cannot be
    used to flood someone's mailbox). False when one was queued this hour."""
    hour = int(time.time() // 3600)
    dedupe = f"confirm:{subscriber_id}:{hour}"
    if session.scalar(select(OutboxRow.id).where(OutboxRow.dedupe == dedupe)) is not None:
        return False
    outbox: Table = OutboxRow.__table__  # type: ignore[assignment]
    # A parallel request may queue the same message meanwhile: the dedupe key decides.
    return dialect.insert_ignore(
        session.connection(),
        outbox,
        {
            "dedupe": dedupe,
            "channel": "email",
            "purpose": "confirm",
            "subscriber_id": subscriber_id,
            "status": "queued",
            "attempts": 0,
            "next_attempt_at": utcnow(),
        },
    )


def subscribe(
    session: Session,
    email: str,
    *,
    name: str | None = None,
    filters: Filters | None = None,
    source: str = "form",
    confirmed: bool = False,
    language: str | None = None,
) -> Subscribed:
    """Add or renew a subscription. Unless ``confirmed`` (an admin vouching for earlier
    consent), the subscriber stays pending until they follow the confirmation link.
    ``language``: of their mail (a code of ``vigil.i18n.languages()``; None keeps what
    they had, or the default language)."""
    address = normalize_email(email)
    code = i18n.known(language) if language else None
    if language and code is None:
        raise InputError(f"language must be one of {', '.join(i18n.languages())}", subject=language)
    clean_name = header_text(name, "name") or None if name else None
    filters = filters or Filters()
    # Insert-if-missing, then lock the row: parallel subscribes of one address (a
    # double-click) queue one after another instead of failing on the unique address.
    table: Table = SubscriberRow.__table__  # type: ignore[assignment]
    dialect.insert_ignore(
        session.connection(),
        table,
        {"email": address, "status": PENDING, "source": source, "name": clean_name},
    )
    row = session.scalars(
        select(SubscriberRow)
        .where(SubscriberRow.email == address)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    if row.status == ACTIVE:
        return Subscribed(row.id, ACTIVE, False)
    row.name = clean_name or row.name
    row.language = code or row.language
    for key, value in filters.as_columns().items():
        setattr(row, key, value)
    if confirmed:
        row.status, row.confirmed_at, row.unsubscribed_at = ACTIVE, utcnow(), None
        session.flush()
        return Subscribed(row.id, ACTIVE, False)
    row.status = PENDING
    session.flush()
    return Subscribed(row.id, PENDING, queue_confirmation(session, row.id))


def confirm_subscription(session: Session, token: str, *, settings: AlertSettings) -> int:
    """Activate the subscriber a confirmation link names; returns the subscriber id.
    BadToken for a forged, expired or other-purpose token, and for a link made before the
    subscriber last unsubscribed (an old link never undoes an unsubscription; subscribing
    again sends a new one). Confirming twice is harmless."""
    sid = read_token(settings.secret_key, token, CONFIRM)
    row = session.get(SubscriberRow, sid, with_for_update=True)
    if row is None:
        raise NotFound("this subscription no longer exists")
    left = row.unsubscribed_at
    if left is not None and left.tzinfo is None:  # SQLite returns naive UTC datetimes
        left = left.replace(tzinfo=UTC)
    if left is not None and token_issued(token) < int(left.timestamp()):
        raise BadToken("this link was sent before you unsubscribed; subscribe again")
    if row.status == UNSUBSCRIBED:
        raise BadToken("this subscription was cancelled; subscribe again")
    if row.status != ACTIVE:
        row.status, row.confirmed_at = ACTIVE, utcnow()
    return sid


def unsubscribe(session: Session, token: str, *, settings: AlertSettings) -> int:
    """Stop all mail to the subscriber an unsubscribe link names (queued messages too)."""
    sid = read_token(settings.secret_key, token, UNSUBSCRIBE)
    row = session.get(SubscriberRow, sid)
    if row is None:
        raise NotFound("this subscription no longer exists")
    remove_subscriber(session, row)
    return sid


def remove_subscriber(session: Session, row: SubscriberRow) -> None:
    row.status, row.unsubscribed_at = UNSUBSCRIBED, utcnow()
    session.query(OutboxRow).filter(
        OutboxRow.subscriber_id == row.id, OutboxRow.status == "queued"
    ).update({"status": "failed", "last_error": "unsubscribed"}, synchronize_session=False)


def find_subscriber(session: Session, ref: str) -> SubscriberRow:
    """By id or by address."""
    row = (
        session.get(SubscriberRow, int(ref))
        if ref.isdigit()
        else session.scalar(
            select(SubscriberRow).where(SubscriberRow.email == normalize_email(ref))
        )
    )
    if row is None:
        raise NotFound("no such subscriber", subject=ref if ref.isdigit() else None)
    return row


def add_webhook(
    session: Session,
    url: str,
    *,
    actor: str,
    settings: AlertSettings,
    owner: str | None = None,
    filters: Filters | None = None,
    allow_private: bool = False,
) -> tuple[WebhookRow, str]:
    """Register a partner's endpoint; returns the row and the signing secret (shown once).
    ``allow_private`` is an admin's decision (the CLI is the admin's tool)."""
    check_webhook_url(url, allow_private=allow_private or settings.allow_private_webhooks)
    secret = secrets.token_urlsafe(32)
    row = WebhookRow(
        url=url,
        secret=secret,
        owner=header_text(owner, "owner") if owner else None,
        active=True,
        allow_private=allow_private,
        created_by=actor,
        **(filters or Filters()).as_columns(),
    )
    session.add(row)
    session.flush()
    return row, secret
