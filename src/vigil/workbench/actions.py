"""What a reviewer does on the workbench, for the web and the CLI alike: decide a fact (with
the checks the page needs around the operations layer's review), and read a span.

A decision is ``vigil.operations.claims.review`` (the claim, the cases and organisations
that follow, the audit entry); the workbench adds the checks around it: the fact belongs to
the report, and is still the version the reviewer saw. "Accept the rest" and additions are
operations of their own (``vigil.operations.claims.accept_rest`` and ``add_fact``). Whom a
fact points to is checked where it is stored (``store.claims``: a person or organisation of
the report, by id).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.errors import InputError, NotFound
from vigil.operations import claims as operations
from vigil.store.claims import ReportChanged, ReviewAction, StaleClaim
from vigil.store.models import ClaimRow, Report
from vigil.store.progress import mark_finished

__all__ = ["ACTIONS", "ReportChanged", "decide", "parse_span"]

ACTIONS: tuple[ReviewAction, ...] = ("confirm", "edit", "reject", "reopen")


def _report(session: Session, report_id: int) -> None:
    if session.scalar(select(Report.id).where(Report.id == report_id)) is None:
        raise NotFound("no such report: it may have been deleted", subject=str(report_id))


def decide(
    session: Session,
    report_id: int,
    claim_id: int,
    action: str,
    *,
    actor: str,
    value: dict[str, Any] | None = None,
    version: int | None = None,
) -> ClaimRow:
    """Confirm, edit (``value``: the fields to change), reject or reopen one fact of the
    report. ``version`` is the fact's version the reviewer saw (StaleClaim if it moved)."""
    if action not in ACTIONS:
        raise InputError(f"the action is one of {', '.join(ACTIONS)}", subject=action)
    _report(session, report_id)
    row = session.get(ClaimRow, claim_id, with_for_update=True)  # one decision at a time
    if row is None or row.report_id != report_id:
        raise NotFound(
            "no such fact in this report: a new extraction run may have withdrawn it",
            subject=str(claim_id),
        )
    if version is not None and row.version != version:
        raise StaleClaim(row)
    if action == "edit" and not value:
        raise InputError("an edit changes at least one field", subject=str(claim_id))
    act: ReviewAction = action  # checked against ACTIONS above
    row = operations.review(session, claim_id, act, actor=actor, value=value)
    if action == "reopen":
        mark_finished(session, report_id, None)  # a reopened fact reopens its report
    return row


def parse_span(raw: str) -> tuple[int, int]:
    """``START:END`` (character offsets into the report's text)."""
    start, sep, end = raw.partition(":")
    try:
        if not sep:
            raise ValueError
        return int(start), int(end)
    except ValueError:
        raise InputError("a span is START:END, two whole numbers", subject=raw) from None
