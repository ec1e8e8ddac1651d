"""The audit entry every operation writes, and the trail ``vigil audit`` and ``/audit`` list.
Details hold ids and short labels, never report text or withheld values."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.store.accounts import AuditEntry, audit, audit_trail

__all__ = ["AuditEntry", "entry_json", "record", "trail"]


def record(session: Session, actor: str, action: str, subject: str, **detail: Any) -> None:
    audit(session, actor, action, subject, **detail)


def trail(session: Session, *, limit: int = 200, actor: str | None = None) -> list[AuditEntry]:
    """The latest entries, newest first (``actor``: only that actor's)."""
    if actor is None:
        return audit_trail(session, limit=limit)
    stmt = select(AuditEntry).where(AuditEntry.actor == actor)
    return list(session.scalars(stmt.order_by(AuditEntry.id.desc()).limit(limit)))


def entry_json(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(),
        "actor": entry.actor,
        "action": entry.action,
        "subject": entry.subject,
        "detail": entry.detail,
    }
