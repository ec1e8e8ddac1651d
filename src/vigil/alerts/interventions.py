"""Interventions: who sent which appeal to which authority when, what answer came, and
what happened after. ``interventions_for_case`` is what a case page shows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.errors import InputError, NotFound
from vigil.store.alerts import InterventionRow
from vigil.store.models import utcnow

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class Intervention:
    id: int
    case_id: int
    alert_id: int | None
    sender: str
    authority: str
    channel: str | None
    sent_on: str
    summary: str | None
    response: str | None
    response_on: str | None
    outcome: str | None
    recorded_by: str


def _date(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    if not _DATE.match(value.strip()):
        raise InputError(f"{what} must be a date like 2024-03-12, not {value[:30]!r}")
    return value.strip()


def _view(row: InterventionRow) -> Intervention:
    return Intervention(
        row.id,
        row.case_id,
        row.alert_id,
        row.sender,
        row.authority,
        row.channel,
        row.sent_on,
        row.summary,
        row.response,
        row.response_on,
        row.outcome,
        row.recorded_by,
    )


def record_intervention(
    session: Session,
    *,
    case_id: int,
    sender: str,
    authority: str,
    sent_on: str,
    actor: str,
    alert_id: int | None = None,
    channel: str | None = None,
    summary: str | None = None,
) -> Intervention:
    if not sender.strip() or not authority.strip():
        raise InputError("an intervention needs a sender and an authority")
    row = InterventionRow(
        case_id=case_id,
        alert_id=alert_id,
        sender=sender.strip()[:200],
        authority=authority.strip()[:300],
        channel=channel,
        sent_on=_date(sent_on, "sent on") or "",
        summary=summary,
        recorded_by=actor,
    )
    session.add(row)
    session.flush()
    return _view(row)


def record_response(
    session: Session,
    intervention_id: int,
    *,
    response: str | None = None,
    response_on: str | None = None,
    outcome: str | None = None,
) -> Intervention:
    """The authority's answer and what happened after (either may come later)."""
    row = session.get(InterventionRow, intervention_id)
    if row is None:
        raise NotFound(f"no intervention {intervention_id}")
    if response is not None:
        row.response = response
    if response_on is not None:
        row.response_on = _date(response_on, "response on")
    if outcome is not None:
        row.outcome = outcome
    row.updated_at = utcnow()
    return _view(row)


def interventions_for_case(session: Session, case_id: int) -> list[Intervention]:
    """Every intervention on a case, oldest first (for the case page)."""
    rows = session.scalars(
        select(InterventionRow)
        .where(InterventionRow.case_id == case_id)
        .order_by(InterventionRow.sent_on, InterventionRow.id)
    )
    return [_view(r) for r in rows]
