"""Login throttling: failure counters per account, per address and per known browser.

Each counter is one ``login_throttle`` row, read and changed under a row lock
(``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's write transactions are serialised
already), so parallel attempts are counted one after another: 40 wrong passwords sent at
once are 5 evaluated and 35 refused, on both backends.

The policy (docs/security.md): an attempt is *reserved* before the password is checked
(counted as a failure) and forgiven when it succeeds. Once a counter reaches its limit,
attempts under it are refused until a delay has passed; the delay doubles with each further
failure (30 s, 1, 2, 4 and then 5 minutes), and failures are forgotten after 15 quiet minutes.
Nobody can lock an owner out of their account: the counter per account does not apply to
a browser that logged in to that account before (its own counter does), and elsewhere the
owner waits seconds to minutes, never a fixed 15 minutes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import DateTime, Integer, String, Table, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from vigil.store import dialect
from vigil.store.models import Base, utcnow

# Failures a counter allows before attempts under it must wait.
LIMITS = {"name": 5, "device": 5, "address": 20}
FIRST_DELAY = 30.0  # seconds, after the limit is reached; doubled per further failure
MAX_DELAY = 300.0
FORGET_AFTER = timedelta(minutes=15)  # failures are forgotten after this long without one


class ThrottleRow(Base):
    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    next_allowed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True, slots=True)
class Key:
    kind: str  # one of LIMITS
    value: str

    @property
    def text(self) -> str:
        return f"{self.kind}:{self.value}"[:200]


def _aware(at: datetime | None) -> datetime | None:
    if at is not None and at.tzinfo is None:  # SQLite returns naive datetimes
        return at.replace(tzinfo=utcnow().tzinfo)
    return at


def _locked(session: Session, keys: Sequence[Key]) -> dict[str, ThrottleRow]:
    """The counters of ``keys``, created if missing, locked for this transaction (in key
    order, so two attempts never wait on each other's locks)."""
    table: Table = ThrottleRow.__table__  # type: ignore[assignment]
    texts = sorted({k.text for k in keys})
    conn = session.connection()
    for text in texts:
        dialect.insert_ignore(conn, table, {"key": text, "failures": 0})
    rows = session.scalars(
        select(ThrottleRow)
        .where(ThrottleRow.key.in_(texts))
        .order_by(ThrottleRow.key)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return {row.key: row for row in rows}


def reserve(session: Session, keys: Sequence[Key]) -> float:
    """Count an attempt under every key, or refuse it: the seconds to wait (0.0: go on,
    and call ``forgive`` if the password was right). A refused attempt changes nothing."""
    now = utcnow()
    rows = _locked(session, keys)
    wait = 0.0
    for row in rows.values():
        last = _aware(row.last_failure_at)
        if last is not None and now - last > FORGET_AFTER:
            row.failures, row.next_allowed_at = 0, None
        until = _aware(row.next_allowed_at)
        if until is not None and until > now:
            wait = max(wait, (until - now).total_seconds())
    if wait:
        return float(math.ceil(wait))
    for key in keys:
        row = rows[key.text]
        row.failures += 1
        row.last_failure_at = now
        over = row.failures - LIMITS[key.kind]
        if over >= 0:
            delay = min(FIRST_DELAY * 2**over, MAX_DELAY)
            row.next_allowed_at = now + timedelta(seconds=delay)
    return 0.0


def forgive(session: Session, keys: Sequence[Key]) -> None:
    """The reserved attempt succeeded: an account's or browser's counter starts afresh;
    an address's keeps its other failures (several people may share one address)."""
    rows = _locked(session, keys)
    for key in keys:
        row = rows[key.text]
        if key.kind == "address":
            row.failures = max(row.failures - 1, 0)
            if row.failures < LIMITS["address"]:
                row.next_allowed_at = None
        else:
            row.failures, row.next_allowed_at = 0, None
