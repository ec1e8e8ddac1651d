"""Claims: extracted facts stored one by one, each with its evidence and review state.

A new extraction run updates the machine's claims of a report and never touches what a
reviewer confirmed, edited or rejected. Every change is written to ``claim_changes``.

Persons and organisations keep their id within the report ("p1", ``vigil.facts.refs``)
from run to run: a new run's mention takes the id of the stored one it matches (the same
fact, else the same name), so the facts a reviewer kept still point to the right person.
A claim's fingerprint is taken of its value with ids read as names, so it does not change
when only the numbering does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from vigil.errors import Conflict, InputError, NotFound, VigilError
from vigil.facts import refs
from vigil.facts.schema import apply_edit, check_new, schema
from vigil.store.fold import name_key
from vigil.store.models import ClaimChange, ClaimRow, Extraction, Report, utcnow
from vigil.store.progress import refresh_progress

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


class StaleClaim(ReviewError, Conflict):
    """The claim changed since the reviewer's form was made (someone else's decision, or a
    new extraction run); nothing was saved. ``current`` is the claim as it is now."""

    code = "E501"

    def __init__(self, row: ClaimRow) -> None:
        who = f" by {row.reviewed_by}" if row.reviewed_by and row.status != "machine" else ""
        super().__init__(
            f"this fact was changed{who} after you opened it (it is now {row.status}); "
            "your change was not saved: look at it again and redo your change if needed",
            subject=str(row.id),
        )
        self.current = row


class ReportChanged(ReviewError, Conflict):
    """Facts of the report changed since the reviewer's page was made (a new extraction
    run, another reviewer): "accept the rest" would accept facts nobody saw."""

    code = "E502"


REVIEWER_STAGE = "reviewer"


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


def _carried_ids(
    existing: list[ClaimRow], incoming: list[tuple[str, dict[str, Any], str]]
) -> dict[str, str]:
    """This run's mention ids -> the ids the report's stored mentions have: the stored
    mention with the same fingerprint, else one of the same kind and name, else a fresh id
    above every id the report ever used. Mentions of this run that are the same fact (the
    same name twice) become one."""
    kinds = schema().mention_kinds
    stored = [r for r in existing if r.kind in kinds and refs.own_id(r.kind, r.value)]
    by_fp = {r.fingerprint: str(r.value["id"]) for r in stored}
    by_name: dict[tuple[str, str], str] = {}
    for r in stored:
        by_name.setdefault((r.kind, name_key(str(r.value.get("name") or ""))), str(r.value["id"]))
    used = {str(r.value["id"]) for r in stored}
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    first_of_fp: dict[str, str] = {}
    twins: dict[str, str] = {}  # a mention of this run -> the earlier one it repeats
    pending: list[tuple[str, str, dict[str, Any]]] = []
    for kind, value, fp in incoming:
        mid = refs.own_id(kind, value)
        if mid is None or mid in mapping or mid in twins:
            continue
        if fp in first_of_fp:
            twins[mid] = first_of_fp[fp]
            continue
        first_of_fp[fp] = mid
        found = by_fp.get(fp)
        if found is not None and found not in taken:
            mapping[mid] = found
            taken.add(found)
        else:
            pending.append((kind, mid, value))
    fresh = []
    for kind, mid, value in pending:
        found = by_name.get((kind, name_key(str(value.get("name") or ""))))
        if found is not None and found not in taken:
            mapping[mid] = found
            taken.add(found)
        else:
            fresh.append((kind, mid))
    for kind, mid in fresh:
        mapping[mid] = refs.next_id(kind, used | taken)
        taken.add(mapping[mid])
    for mid, first in twins.items():
        mapping[mid] = mapping[first]
    return mapping


@dataclass(frozen=True, slots=True)
class _Named:
    """A person or organisation that a claim of the run names without the run giving it
    (``refs.new_mentions``): it rests on that claim's evidence."""

    kind: str
    value: dict[str, Any]
    source: ClaimLike

    @property
    def key(self) -> str:
        return f"{self.source.key}:{self.kind}"

    @property
    def spans(self) -> Sequence[tuple[int, int]]:
        return self.source.spans

    @property
    def stage(self) -> str:
        return self.source.stage

    @property
    def confidence(self) -> float:
        return self.source.confidence


def sync_claims(
    session: Session,
    report_id: int,
    claims: Iterable[ClaimLike],
    *,
    extractor: str,
    actor: str,
) -> SyncStats:
    """Make the machine's claims of ``report_id`` those of this run; leave reviewed ones be.
    Claims that name people by name instead of id (a plugin's, older code's) get ids; an
    organisation or relative named that the run does not give is added (``or_new``)."""
    rows = list(session.scalars(select(ClaimRow).where(ClaimRow.report_id == report_id)))
    existing = {row.fingerprint: row for row in rows}
    given = list(claims)
    values = refs.with_ids([(c.kind, c.value) for c in given])
    named = refs.new_mentions([(c.kind, v) for c, v in zip(given, values, strict=True)])
    if named:  # an affiliation with an organisation the run did not give: it is one
        given += [_Named(kind, value, given[i]) for i, kind, value in named]
        values = refs.with_ids([(c.kind, c.value) for c in given])
    names = refs.names_of((c.kind, v) for c, v in zip(given, values, strict=True))
    fps = [
        fingerprint(c.kind, refs.named(c.kind, v, names))
        for c, v in zip(given, values, strict=True)
    ]
    mapping = _carried_ids(
        rows, [(c.kind, v, fp) for c, v, fp in zip(given, values, fps, strict=True)]
    )
    seen: set[str] = set()
    fresh: list[ClaimRow] = []
    added = updated = unchanged = kept = 0
    for claim, raw, fp in zip(given, values, fps, strict=True):
        if fp in seen:
            continue
        seen.add(fp)
        value = refs.remap(claim.kind, raw, mapping)
        spans = [[int(a), int(b)] for a, b in claim.spans]
        row = existing.get(fp)
        if row is None:
            row = ClaimRow(
                report_id=report_id,
                kind=claim.kind,
                key=claim.key[:128],
                fingerprint=fp,
                value=value,
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
            # The same fact (its fingerprint reads ids as names): the stored value, whose
            # ids the report's other facts share, stays.
            before = _snapshot(row)
            row.spans, row.confidence, row.stage = spans, float(claim.confidence), claim.stage
            row.extractor, row.key, row.updated_at = extractor, claim.key[:128], utcnow()
            row.version += 1
            _record(session, row, actor, "re-extracted", before)
            updated += 1
        else:
            unchanged += 1
    if fresh:
        session.flush()  # one round of inserts gives every new claim its id
        for row in fresh:
            _record(session, row, actor, "extracted", None)
    # A person or organisation this run no longer finds stays while a reviewed fact points
    # to it: the fact would otherwise lose whom it is about.
    held = {
        mid
        for row in rows
        if row.status != "machine"
        for ids in refs.ids_in(row.kind, row.value).values()
        for mid in ids
    }
    held -= set(mapping.values())  # taken over by a mention of this run
    retracted = 0
    for fp, row in existing.items():
        if fp not in seen and row.status == "machine":
            if refs.own_id(row.kind, row.value) in held:
                continue
            _record(session, row, actor, "retracted", _snapshot(row))
            session.delete(row)
            retracted += 1
    refresh_progress(session, [report_id])
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


def review_claim(
    session: Session,
    claim_id: int,
    action: ReviewAction,
    *,
    actor: str,
    value: dict[str, Any] | None = None,
    version: int | None = None,
    refresh: bool = True,
) -> ClaimRow:
    """A reviewer's decision on one claim. ``edit`` needs the new ``value``; ``reopen``
    hands the claim back to the machine (a later run may then update or retract it).
    ``version``, when given, is the claim's version the reviewer saw: a claim changed since
    raises StaleClaim and nothing is saved. ``refresh=False`` leaves the report's progress
    row to the caller (who decides many claims at once)."""
    row = session.get(ClaimRow, claim_id, with_for_update=True)
    if row is None:
        raise NotFound(
            "no such fact: it was withdrawn by a new extraction run or its report was deleted",
            subject=str(claim_id),
        )
    if version is not None and row.version != version:
        raise StaleClaim(row)
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
        edited = apply_edit(row.kind, dict(row.value), value)
        refs.check_known(row.kind, edited, report_mentions(session, row.report_id), value)
        row.value, row.status = edited, "edited"
    elif action == "reopen":
        row.status = "machine"
    else:
        raise ReviewError(f"unknown review action {action!r}", subject=str(claim_id))
    now = utcnow()
    row.reviewed_by = None if action == "reopen" else actor
    row.reviewed_at = None if action == "reopen" else now
    row.updated_at = now
    row.version += 1
    _record(session, row, actor, action, before)
    if refresh:
        refresh_progress(session, [row.report_id])
    return row


def add_claim(
    session: Session,
    report_id: int,
    kind: str,
    value: dict[str, Any],
    spans: Sequence[tuple[int, int]],
    *,
    actor: str,
) -> ClaimRow:
    """A fact the machine missed, added by a reviewer: checked against the fact schema,
    kept with its evidence spans like an extracted one, stage "reviewer", confirmed by
    ``actor``, and written to the history. A span must lie inside the report's text."""
    report = session.get(Report, report_id)
    if report is None:
        raise NotFound("no such report: it was deleted", subject=str(report_id))
    checked = check_new(kind, value)
    known = report_mentions(session, report_id)
    refs.check_known(kind, checked, known, checked)
    if kind in schema().mention_kinds:
        everyone = session.scalars(
            select(ClaimRow.value).where(
                ClaimRow.report_id == report_id, ClaimRow.kind.in_(list(schema().mention_kinds))
            )
        )
        used = {str(v["id"]) for v in everyone if isinstance(v, dict) and v.get("id")}
        checked = {"id": refs.next_id(kind, used), **checked}
    size = session.scalar(select(func.length(Report.text)).where(Report.id == report_id)) or 0
    clean: list[list[int]] = []
    for start, end in spans:
        if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= size:
            raise InputError(
                f"the evidence span {start}:{end} is not inside the report's text (0:{size})",
                subject="span",
            )
        clean.append([start, end])
    if not clean:
        raise InputError("a new fact needs the words it comes from (a span)", subject="span")
    fp = fingerprint(kind, refs.named(kind, checked, report_names(session, report_id)))
    twin = session.scalar(
        select(ClaimRow.id).where(ClaimRow.report_id == report_id, ClaimRow.fingerprint == fp)
    )
    if twin is not None:
        raise InputError(f"this report already has that fact (fact {twin})", subject=str(twin))
    now = utcnow()
    row = ClaimRow(
        report_id=report_id,
        kind=kind,
        key=f"{REVIEWER_STAGE}:{actor}"[:128],
        fingerprint=fp,
        value=checked,
        spans=clean,
        stage=REVIEWER_STAGE,
        confidence=1.0,
        extractor=REVIEWER_STAGE,
        status="confirmed",
        reviewed_by=actor,
        reviewed_at=now,
        created_at=now,
        updated_at=now,
        version=1,
    )
    session.add(row)
    session.flush()
    _record(session, row, actor, "added", None)
    refresh_progress(session, [report_id])
    return row


def report_mentions(session: Session, report_id: int) -> dict[str, str]:
    """The persons and organisations a fact of the report may point to: id -> kind (those a
    reviewer rejected are not among them)."""
    rows = session.execute(
        select(ClaimRow.kind, ClaimRow.value).where(
            ClaimRow.report_id == report_id,
            ClaimRow.kind.in_(list(schema().mention_kinds)),
            ClaimRow.status != "rejected",
        )
    )
    return {mid: kind for kind, value in rows if (mid := refs.own_id(kind, value or {}))}


def report_names(session: Session, report_id: int) -> dict[str, str]:
    """Id -> name of every person and organisation of the report (rejected ones too: a
    fact that points to one is still shown with its name)."""
    rows = session.execute(
        select(ClaimRow.kind, ClaimRow.value)
        .where(ClaimRow.report_id == report_id, ClaimRow.kind.in_(list(schema().mention_kinds)))
        .order_by(ClaimRow.id)
    )
    return refs.names_of((kind, value or {}) for kind, value in rows)


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
