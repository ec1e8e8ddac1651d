"""Tables of urgent actions: alerts, subscribers, webhooks, the outbox, interventions.

The outbox is the delivery queue: one row per (message, recipient), written in the same
transaction that publishes an alert, so a published alert always has its deliveries queued.
Workers claim rows with a lease and a claim token (``claim_batch``); a row is marked sent
under that token, so two workers can never both own one row. ``case_id`` is a plain
integer (no foreign key): cases are derived read models, see ``vigil.cases``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    bindparam,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Session, mapped_column

from vigil.store import dialect
from vigil.store.models import Base, utcnow

# Outbox states. ``sending``: claimed by a worker until ``locked_until``.
QUEUED, SENDING, SENT, FAILED = "queued", "sending", "sent", "failed"
OUTBOX_STATES = (QUEUED, SENDING, SENT, FAILED)


class AlertRow(Base):
    """One urgent action or follow-up. ``public`` is frozen at publishing: the redacted
    text every channel (mail, webhooks, feeds, site) shows, never re-derived later."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # The case's mention ids when the alert was drafted: the people it is about. A case's
    # feed lists the alert while one case holds them all (``vigil.alerts.feeds``). None or
    # empty: not known (no case, or a case without mentions); the case number is followed.
    mentions: Mapped[list[str] | None] = mapped_column(JSON)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    kind: Mapped[str] = mapped_column(String(16), default="alert")  # alert | followup
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(8), index=True)
    event_type: Mapped[str | None] = mapped_column(String(32))
    organizations: Mapped[list[str]] = mapped_column(JSON, default=list)
    asks: Mapped[list[str]] = mapped_column(JSON, default=list)
    appeal_to: Mapped[list[str]] = mapped_column(JSON, default=list)
    withheld: Mapped[list[str]] = mapped_column(JSON, default=list)  # never published
    public: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(128))
    edited_by: Mapped[str] = mapped_column(String(128))
    approved_by: Mapped[str | None] = mapped_column(String(128))
    published_by: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)


class SubscriberRow(Base):
    """An e-mail subscriber. ``status``: pending (not yet confirmed), active, unsubscribed.
    Empty filter lists mean "everything"."""

    __tablename__ = "alert_subscribers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    cases: Mapped[list[int]] = mapped_column(JSON, default=list)
    organizations: Mapped[list[str]] = mapped_column(JSON, default=list)
    event_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(64), default="form")  # form, import, cli
    # The language of their mail (vigil.i18n); None: the default language.
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    unsubscribed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WebhookRow(Base):
    """A partner's endpoint. ``allow_private`` is set by an admin only (loopback tests,
    partners inside one network); otherwise private addresses are refused."""

    __tablename__ = "alert_webhooks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(Text)
    secret: Mapped[str] = mapped_column(String(128))
    owner: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    allow_private: Mapped[bool] = mapped_column(Boolean, default=False)
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    cases: Mapped[list[int]] = mapped_column(JSON, default=list)
    organizations: Mapped[list[str]] = mapped_column(JSON, default=list)
    event_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OutboxRow(Base):
    """One message to one recipient. ``dedupe`` makes enqueueing idempotent: publishing
    twice, or a retried transaction, never queues a second copy."""

    __tablename__ = "alert_outbox"
    __table_args__ = (UniqueConstraint("dedupe", name="uq_alert_outbox_dedupe"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dedupe: Mapped[str] = mapped_column(String(128))
    channel: Mapped[str] = mapped_column(String(16))  # email | webhook
    purpose: Mapped[str] = mapped_column(String(16))  # alert | confirm
    alert_id: Mapped[int | None] = mapped_column(Integer, index=True)
    subscriber_id: Mapped[int | None] = mapped_column(Integer)
    webhook_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=QUEUED)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    claim: Mapped[str | None] = mapped_column(String(36))
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class InterventionRow(Base):
    """Who sent which appeal to which authority when, what answer came, what followed."""

    __tablename__ = "alert_interventions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(Integer, index=True)
    alert_id: Mapped[int | None] = mapped_column(Integer)
    sender: Mapped[str] = mapped_column(String(200))
    authority: Mapped[str] = mapped_column(String(300))
    channel: Mapped[str | None] = mapped_column(String(64))
    sent_on: Mapped[str] = mapped_column(String(32))  # ISO 8601 date
    summary: Mapped[str | None] = mapped_column(Text)
    response: Mapped[str | None] = mapped_column(Text)
    response_on: Mapped[str | None] = mapped_column(String(32))
    outcome: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# --- outbox ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Claimed:
    """One outbox row a worker now owns (plain values: no session needed to send)."""

    id: int
    channel: str
    purpose: str
    alert_id: int | None
    subscriber_id: int | None
    webhook_id: int | None
    attempts: int
    claim: str


def claim_batch(session: Session, channel: str, limit: int, lease: float) -> list[Claimed]:
    """Take up to ``limit`` due rows of ``channel``: queued ones whose time has come and
    ``sending`` ones whose lease ran out (their worker died). The status re-check in the
    outer WHERE makes concurrent claims on PostgreSQL skip rows another worker just took;
    SQLite serializes writers. Commits are the caller's (``db.transaction()``)."""
    now = utcnow()
    token = str(uuid.uuid4())
    due = or_(
        and_(OutboxRow.status == QUEUED, OutboxRow.next_attempt_at <= now),
        and_(OutboxRow.status == SENDING, OutboxRow.locked_until < now),
    )
    ids = (
        select(OutboxRow.id)
        .where(OutboxRow.channel == channel, due)
        .order_by(OutboxRow.id)
        .limit(limit)
        .scalar_subquery()
    )
    session.execute(
        update(OutboxRow)
        .where(OutboxRow.id.in_(ids), due)
        .values(status=SENDING, claim=token, locked_until=now + timedelta(seconds=lease))
        .execution_options(synchronize_session=False)
    )
    rows = session.execute(
        select(
            OutboxRow.id,
            OutboxRow.channel,
            OutboxRow.purpose,
            OutboxRow.alert_id,
            OutboxRow.subscriber_id,
            OutboxRow.webhook_id,
            OutboxRow.attempts,
        )
        .where(OutboxRow.claim == token, OutboxRow.status == SENDING)
        .order_by(OutboxRow.id)
    ).all()
    return [
        Claimed(
            id=r[0],
            channel=r[1],
            purpose=r[2],
            alert_id=r[3],
            subscriber_id=r[4],
            webhook_id=r[5],
            attempts=r[6],
            claim=token,
        )
        for r in rows
    ]


_outbox: Table = OutboxRow.__table__  # type: ignore[assignment]
_MARK_SENT = (
    update(_outbox)
    .where(
        _outbox.c.id == bindparam("row_id"),
        _outbox.c.claim == bindparam("token"),
        _outbox.c.status == SENDING,
    )
    .values(status=SENT, sent_at=bindparam("now"), locked_until=None, last_error=None)
)


def mark_sent(conn: Connection, row_id: int, claim: str) -> bool:
    """Record a delivery the server accepted, in the caller's transaction
    (``engine.begin()``: Core, no ORM session, as this runs once per message); False when
    the row is no longer ours (lease lost: another worker may send a copy)."""
    dialect.relaxed_commit(conn)
    result = conn.execute(_MARK_SENT, {"row_id": row_id, "token": claim, "now": utcnow()})
    return bool(result.rowcount)


def mark_retry(
    session: Session, row_id: int, claim: str, error: str, *, at: datetime | None
) -> None:
    """Put a row back in the queue for ``at`` (or fail it for good when ``at`` is None)."""
    values: dict[str, Any] = {
        "attempts": OutboxRow.attempts + 1,
        "last_error": error[:500],
        "locked_until": None,
        "sent_at": None,
        "status": FAILED if at is None else QUEUED,
    }
    if at is not None:
        values["next_attempt_at"] = at
    session.execute(
        update(OutboxRow)
        .where(OutboxRow.id == row_id, OutboxRow.claim == claim, OutboxRow.status == SENDING)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def release(session: Session, ids: Sequence[int], claim: str) -> None:
    """Give back claimed rows untouched (a worker stopping between messages)."""
    if ids:
        session.execute(
            update(OutboxRow)
            .where(OutboxRow.id.in_(ids), OutboxRow.claim == claim, OutboxRow.status == SENDING)
            .values(status=QUEUED, locked_until=None)
            .execution_options(synchronize_session=False)
        )


def outbox_counts(session: Session) -> dict[str, dict[str, int]]:
    """{channel: {status: count}}."""
    counts: dict[str, dict[str, int]] = {}
    rows = session.execute(
        select(OutboxRow.channel, OutboxRow.status, func.count()).group_by(
            OutboxRow.channel, OutboxRow.status
        )
    )
    for channel, status, n in rows:
        counts.setdefault(channel, {})[status] = int(n)
    return counts


def list_outbox(
    session: Session, *, status: str | None = None, alert_id: int | None = None, limit: int = 50
) -> list[OutboxRow]:
    stmt = select(OutboxRow).order_by(OutboxRow.id.desc()).limit(limit)
    if status:
        stmt = stmt.where(OutboxRow.status == status)
    if alert_id is not None:
        stmt = stmt.where(OutboxRow.alert_id == alert_id)
    return list(session.scalars(stmt))


def requeue_failed(session: Session, *, alert_id: int | None = None) -> int:
    """Give failed messages another round (after an operator fixed the cause)."""
    stmt = (
        update(OutboxRow)
        .where(OutboxRow.status == FAILED)
        .values(status=QUEUED, next_attempt_at=utcnow(), attempts=0)
        .execution_options(synchronize_session=False)
    )
    if alert_id is not None:
        stmt = stmt.where(OutboxRow.alert_id == alert_id)
    return int(session.execute(stmt).rowcount)  # type: ignore[attr-defined]
