"""Claims: extracted facts stored one by one, each with its evidence and review state.

A new extraction run updates the machine's claims of a report and never touches what a
reviewer confirmed, edited or rejected. Every change is written to ``claim_changes``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from vigil.errors import NotFound, VigilError
from vigil.facts.schema import apply_edit
from vigil.store.models import ClaimChange, ClaimRow, Extraction, utcnow

ReviewAction = Literal["confirm", "edit", "reject", "reopen"]
REVIEWED = ("confirmed", "edited", "rejected")


class ClaimLike(Protocol):
    """What extraction hands to storage (``vigil.extract.Claim`` is one)."""

    @property
    def kind(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def value(self) -> dict[str, Any]: ...
    @property
    def spans(self) -> Sequence[tuple[int, int]]: ...
    @property
    def stage(self) -> str: ...
    @property
    def confidence(self) -> float: ...


class ReviewError(VigilError):
    code = "E500"


def fingerprint(kind: str, value: dict[str, Any]) -> str:
    canonical = json.dumps([kind, value], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(canonical.encode("utf-8"), usedforsecurity=False).hexdigest()


def _snapshot(row: ClaimRow) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "value": row.value,
        "spans": row.spans,
        "status": row.status,
        "confidence": row.confidence,
    }


def _record(session: Session, row: ClaimRow, actor: str, action: str, before: Any) -> None:
    after = None if action == "retracted" else _snapshot(row)
    session.add(
        ClaimChange(
            claim_id=row.id,
            report_id=row.report_id,
            actor=actor,
            action=action,
            before=before,
            after=after,
        )
    )


@dataclass(frozen=True, slots=True)
class SyncStats:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    retracted: int = 0
    kept_reviewed: int = 0


def sync_claims(
    session: Session,
    report_id: int,
    claims: Iterable[ClaimLike],
    *,
    extractor: str,
    actor: str,
) -> SyncStats:
    """Make the machine's claims of ``report_id`` those of this run; leave reviewed ones be."""
    existing = {
        row.fingerprint: row
        for row in session.scalars(select(ClaimRow).where(ClaimRow.report_id == report_id))
    }
    seen: set[str] = set()
    fresh: list[ClaimRow] = []
    added = updated = unchanged = kept = 0
    for claim in claims:
        fp = fingerprint(claim.kind, claim.value)
        if fp in seen:
            continue
        seen.add(fp)
        spans = [[int(a), int(b)] for a, b in claim.spans]
        row = existing.get(fp)
        if row is None:
            row = ClaimRow(
                report_id=report_id,
                kind=claim.kind,
                key=claim.key[:128],
                fingerprint=fp,
                value=claim.value,
                spans=spans,
                stage=claim.stage,
                confidence=float(claim.confidence),
                extractor=extractor,
                status="machine",
            )
            session.add(row)
            fresh.append(row)
            added += 1
        elif row.status != "machine":
            kept += 1
        elif (row.spans, row.confidence, row.stage) != (spans, claim.confidence, claim.stage):
            before = _snapshot(row)
            row.spans, row.confidence, row.stage = spans, float(claim.confidence), claim.stage
            row.extractor, row.key, row.updated_at = extractor, claim.key[:128], utcnow()
            _record(session, row, actor, "re-extracted", before)
            updated += 1
        else:
            unchanged += 1
    if fresh:
        session.flush()  # one round of inserts gives every new claim its id
        for row in fresh:
            _record(session, row, actor, "extracted", None)
    retracted = 0
    for fp, row in existing.items():
        if fp not in seen and row.status == "machine":
            _record(session, row, actor, "retracted", _snapshot(row))
            session.delete(row)
            retracted += 1
    return SyncStats(added, updated, unchanged, retracted, kept)


def save_extraction(
    session: Session,
    report_id: int,
    record: dict[str, Any],
    warnings: list[str],
    *,
    extractor: str,
) -> None:
    session.execute(delete(Extraction).where(Extraction.report_id == report_id))
    session.add(
        Extraction(report_id=report_id, extractor=extractor, record=record, warnings=warnings)
    )


def get_extraction(session: Session, report_id: int) -> Extraction | None:
    return session.get(Extraction, report_id)


def review_claim(
    session: Session,
    claim_id: int,
    action: ReviewAction,
    *,
    actor: str,
    value: dict[str, Any] | None = None,
) -> ClaimRow:
    """A reviewer's decision on one claim. ``edit`` needs the new ``value``; ``reopen``
    hands the claim back to the machine (a later run may then update or retract it)."""
    row = session.get(ClaimRow, claim_id, with_for_update=True)
    if row is None:
        raise NotFound("no such claim", subject=str(claim_id))
    before = _snapshot(row)
    if action == "confirm":
        row.status = "confirmed"
    elif action == "reject":
        row.status = "rejected"
    elif action == "edit":
        if not isinstance(value, dict) or not value:
            raise ReviewError("an edit needs the fields to change", subject=str(claim_id))
        # Only the fields the edit names change, each checked against the fact schema;
        # a FieldError names the field and leaves the claim as it was.
        row.value, row.status = apply_edit(row.kind, dict(row.value), value), "edited"
    elif action == "reopen":
        row.status = "machine"
    else:
        raise ReviewError(f"unknown review action {action!r}", subject=str(claim_id))
    now = utcnow()
    row.reviewed_by = None if action == "reopen" else actor
    row.reviewed_at = None if action == "reopen" else now
    row.updated_at = now
    _record(session, row, actor, action, before)
    return row


def list_claims(
    session: Session,
    *,
    report_id: int | None = None,
    status: str | None = None,
    kind: str | None = None,
    limit: int = 500,
) -> list[ClaimRow]:
    stmt = select(ClaimRow)
    if report_id is not None:
        stmt = stmt.where(ClaimRow.report_id == report_id)
    if status is not None:
        stmt = stmt.where(ClaimRow.status == status)
    if kind is not None:
        stmt = stmt.where(ClaimRow.kind == kind)
    return list(session.scalars(stmt.order_by(ClaimRow.report_id, ClaimRow.id).limit(limit)))


def claim_history(session: Session, claim_id: int) -> list[ClaimChange]:
    stmt = select(ClaimChange).where(ClaimChange.claim_id == claim_id).order_by(ClaimChange.id)
    return list(session.scalars(stmt))
