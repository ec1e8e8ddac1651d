"""What a reviewer does on the workbench, each once for the web and the CLI: decide a fact,
accept the rest of a report, add a fact the machine missed.

Each action runs in the caller's transaction, checks the report still exists and the fact
belongs to it, stores the change (``store.claims``: history, progress), lets the cases follow
(``refresh_cases``, as the operations do; tests may pass another ``refresh``) and writes one
audit entry. An error leaves nothing half-saved: the caller's transaction rolls back.

A decision is the operations layer's review (``vigil.operations.claims.review``: the
claim, the cases and organisations that follow, the audit entry); the workbench adds the
checks around it (the fact belongs to the report, the version the reviewer saw, victims
the report names). "Accept the rest" and additions have no operation of their own yet:
they call the store, ``refresh`` and the same audit ``record``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.errors import Conflict, InputError, NotFound
from vigil.facts.schema import FieldError, schema
from vigil.operations import claims as operations
from vigil.operations.audit import record as audit
from vigil.store.claims import ReviewAction, ReviewError, StaleClaim, add_claim, review_claim
from vigil.store.models import ClaimRow, Report
from vigil.store.progress import mark_finished
from vigil.workbench.record import report_names, unknown_names

Refresh = Callable[[Session, int], None]
ACTIONS: tuple[ReviewAction, ...] = ("confirm", "edit", "reject", "reopen")
# Name fields that must name someone the report names (chosen, never typed freely).
_LINKED = {"event": ("victims",), "alias": ("person",)}


class ReportChanged(ReviewError, Conflict):
    """Facts of the report changed since the reviewer's page was made (a new extraction
    run, another reviewer): "accept the rest" would accept facts nobody saw."""

    code = "E502"


def refresh_cases(session: Session, report_id: int) -> None:
    """The cases and organisations built from the report follow its claims."""
    from vigil.cases import update_report, update_report_orgs

    update_report(session, report_id)
    update_report_orgs(session, report_id)


def _report(session: Session, report_id: int) -> None:
    if session.scalar(select(Report.id).where(Report.id == report_id)) is None:
        raise NotFound("no such report: it may have been deleted", subject=str(report_id))


def _claims(session: Session, report_id: int) -> list[ClaimRow]:
    stmt = select(ClaimRow).where(ClaimRow.report_id == report_id).order_by(ClaimRow.id)
    return list(session.scalars(stmt))


def _check_links(
    session: Session, report_id: int, kind: str, value: Mapping[str, Any], old: Mapping[str, Any]
) -> None:
    """Victims (and an alias's person) are persons or organisations this report names."""
    fields = _LINKED.get(kind, ())
    if not any(f in value for f in fields):
        return
    known = report_names(_claims(session, report_id))
    for field in fields:
        if field not in value:
            continue
        new = value[field]
        names = new if isinstance(new, list) else [new]
        before = old.get(field)
        kept = set(before if isinstance(before, list) else [before])
        fresh = [n for n in names if isinstance(n, str) and n.strip() and n not in kept]
        missing = unknown_names(fresh, known)
        if missing:
            raise FieldError(
                kind,
                field,
                f"{', '.join(repr(m) for m in missing)} is not a person or organisation of "
                "this report; add them first (select their name in the text)",
            )


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
    if action == "edit":
        if not value:
            raise InputError("an edit changes at least one field", subject=str(claim_id))
        _check_links(session, report_id, row.kind, value, row.value)
    act: ReviewAction = action  # checked against ACTIONS above
    row = operations.review(session, claim_id, act, actor=actor, value=value)
    if action == "reopen":
        mark_finished(session, report_id, None)  # a reopened fact reopens its report
    return row


def accept_rest(
    session: Session,
    report_id: int,
    *,
    actor: str,
    seen: Mapping[int, int] | None = None,
    refresh: Refresh | None = None,
) -> list[int]:
    """Confirm every fact of the report nobody decided yet, and mark the report reviewed by
    ``actor``. ``seen`` maps fact ids to the versions the reviewer's page showed: if any
    undecided fact is not among them (or changed), nothing is accepted (ReportChanged)."""
    _report(session, report_id)
    waiting = [r for r in _claims(session, report_id) if r.status == "machine"]
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
    (refresh or refresh_cases)(session, report_id)
    audit(session, actor, "report.accept_rest", f"report:{report_id}", accepted=len(waiting))
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
    refresh: Refresh | None = None,
) -> ClaimRow:
    """A fact the machine missed, resting on ``spans`` of the report's text. ``quote``, when
    given, is the text the reviewer selected: it must still be there."""
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
    _check_links(session, report_id, kind, value, {})
    row = add_claim(session, report_id, kind, value, spans, actor=actor)
    (refresh or refresh_cases)(session, report_id)
    audit(session, actor, "claim.add", f"claim:{row.id}", report=report_id, kind=kind)
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
