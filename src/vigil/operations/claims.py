"""A reviewer's work on the facts of a report, once for the CLI and the web: decide one
fact, accept the rest of a report, add a fact the machine missed. Each stores the change
(``store.claims``: history, progress), lets the persons and organisations built from the
report follow, and writes its one audit entry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.cases import update_report, update_report_orgs
from vigil.errors import InputError, NotFound
from vigil.facts.schema import schema
from vigil.operations.audit import record
from vigil.store.claims import ReportChanged, ReviewAction, add_claim, review_claim
from vigil.store.models import ClaimRow, Report
from vigil.store.progress import mark_finished


def _follow(session: Session, report_id: int) -> None:
    """The cases and organisations built from the report follow its claims."""
    update_report(session, report_id)
    update_report_orgs(session, report_id)


def review(
    session: Session,
    claim_id: int,
    action: ReviewAction,
    *,
    actor: str,
    value: dict[str, Any] | None = None,
) -> ClaimRow:
    """Confirm, edit (with ``value``), reject or reopen a claim; final for later machine
    runs. Persons and organisations of the report follow at once."""
    row = review_claim(session, claim_id, action, actor=actor, value=value)
    _follow(session, row.report_id)
    record(session, actor, f"claim.{action}", f"claim:{claim_id}")
    return row


def accept_rest(
    session: Session,
    report_id: int,
    *,
    actor: str,
    seen: Mapping[int, int] | None = None,
) -> list[int]:
    """Confirm every fact of the report nobody decided yet, and mark the report reviewed by
    ``actor``. ``seen`` maps fact ids to the versions the reviewer's page showed: if any
    undecided fact is not among them (or changed), nothing is accepted (ReportChanged)."""
    if session.scalar(select(Report.id).where(Report.id == report_id)) is None:
        raise NotFound("no such report: it may have been deleted", subject=str(report_id))
    stmt = select(ClaimRow).where(ClaimRow.report_id == report_id, ClaimRow.status == "machine")
    waiting = list(session.scalars(stmt.order_by(ClaimRow.id)))
    if seen is not None:
        unseen = [r.id for r in waiting if seen.get(r.id) != r.version]
        if unseen:
            raise ReportChanged(
                f"{len(unseen)} fact(s) of this report changed or appeared since you opened "
                "it (a new extraction run?); nothing was accepted: look at them first",
                subject=str(report_id),
            )
    for row in waiting:
        review_claim(session, row.id, "confirm", actor=actor, refresh=False)
    mark_finished(session, report_id, actor)
    _follow(session, report_id)
    record(session, actor, "report.accept_rest", f"report:{report_id}", accepted=len(waiting))
    return [r.id for r in waiting]


def add_fact(
    session: Session,
    report_id: int,
    kind: str,
    value: dict[str, Any],
    spans: Sequence[tuple[int, int]],
    *,
    actor: str,
    quote: str | None = None,
) -> ClaimRow:
    """A fact the machine missed, resting on ``spans`` of the report's text; it points to
    persons and organisations of the report by id ("p1"). ``quote``, when given, is the
    text the reviewer selected: it must still be there."""
    if kind not in schema().kinds:
        raise InputError(f"unknown kind of fact {kind!r}", subject=kind)
    text = session.scalar(select(Report.text).where(Report.id == report_id))
    if text is None:
        raise NotFound("no such report: it may have been deleted", subject=str(report_id))
    if quote is not None and spans:
        start, end = spans[0]
        if 0 <= start < end <= len(text) and " ".join(text[start:end].split()) != " ".join(
            quote.split()
        ):
            raise ReportChanged(
                "the report's text at the selected place is not what you selected; reload it",
                subject=str(report_id),
            )
    row = add_claim(session, report_id, kind, value, spans, actor=actor)
    _follow(session, report_id)
    record(session, actor, "claim.add", f"claim:{row.id}", report=report_id, kind=kind)
    return row
