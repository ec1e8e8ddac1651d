"""A reviewer's decision on one claim, and what follows: the cases and organisations built
from the claim's report are resolved again."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from vigil.cases import update_report, update_report_orgs
from vigil.operations.audit import record
from vigil.store.claims import ReviewAction, review_claim
from vigil.store.models import ClaimRow


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
    update_report(session, row.report_id)
    update_report_orgs(session, row.report_id)
    record(session, actor, f"claim.{action}", f"claim:{claim_id}")
    return row
