"""The steps of an urgent action: drafted from a case, edited, approved by a second person,
published (deliveries queued in the same transaction)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from vigil.alerts import workflow
from vigil.alerts.draft import draft_from_dossier
from vigil.cases import Dossier
from vigil.operations.audit import record
from vigil.store.alerts import AlertRow


def draft(
    session: Session, dossier: Dossier, *, actor: str, follows: int | None = None
) -> AlertRow:
    """A draft from a case's dossier (``vigil.cases.get_dossier``). An update of a case
    that already has a published alert is a follow-up of the latest (or of ``follows``)."""
    if follows is None:
        earlier = workflow.list_alerts(
            session, status="published", case_id=dossier.summary.id, limit=1
        )
        follows = earlier[0].id if earlier else None
    row = workflow.create_alert(
        session, draft_from_dossier(dossier), actor=actor, parent_id=follows
    )
    record(session, actor, "alert.draft", f"alert:{row.id}", case=dossier.summary.id)
    return row


def edit(session: Session, alert_id: int, *, actor: str, **changes: Any) -> AlertRow:
    row = workflow.edit_alert(session, alert_id, actor=actor, **changes)
    record(session, actor, "alert.edit", f"alert:{alert_id}", fields=sorted(changes))
    return row


def approve(session: Session, alert_id: int, *, actor: str) -> AlertRow:
    row = workflow.approve_alert(session, alert_id, actor=actor)
    record(session, actor, "alert.approve", f"alert:{alert_id}")
    return row


def publish(session: Session, alert_id: int, *, actor: str, public_url: str) -> workflow.Published:
    done = workflow.publish_alert(session, alert_id, actor=actor, public_url=public_url)
    record(session, actor, "alert.publish", f"alert:{alert_id}", emails=done.emails)
    return done
