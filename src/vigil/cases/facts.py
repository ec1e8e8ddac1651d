"""The claims of reports as the cases see them: reviewed values win, rejected ones are gone.

A claim points to the persons and organisations it is about by their id within the report
(``refs``: "p1"); its ``value`` is what a reader sees, each of those ids replaced by the
name the report's person or organisation has now, so a corrected name shows everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.cases.model import Evidence
from vigil.facts import refs as facts_refs
from vigil.facts.schema import schema
from vigil.store.fold import name_key
from vigil.store.models import ClaimRow, Report

__all__ = [
    "CASE_KINDS",
    "StoredClaim",
    "claims_of_reports",
    "evidence",
    "name_key",
    "report_dates",
    "report_texts",
]

CASE_KINDS = (
    "person",
    "alias",
    "birth_date",
    "birth_place",
    "affiliation",
    "relative",
    "event",
    "charge",
    "sentence",
    "organization",
)


@dataclass(frozen=True, slots=True)
class StoredClaim:
    id: int
    report_id: int
    kind: str
    value: dict[str, Any]  # ids of persons and organisations read as their names
    spans: tuple[tuple[int, int], ...]
    reviewed: bool  # confirmed or edited by a reviewer
    confidence: float
    # The persons and organisations of the report it is about, per field ("person": ["p1"]).
    refs: Mapping[str, list[str]] = field(default_factory=dict)
    mention: str | None = None  # a person's or organisation's own id within the report

    def about(self, name: str) -> list[str]:
        return list(self.refs.get(name, ()))


def claims_of_reports(session: Session, report_ids: Iterable[int]) -> dict[int, list[StoredClaim]]:
    """Every claim the cases use, per report, leaving out what reviewers rejected."""
    ids = sorted(set(report_ids))
    found: dict[int, list[StoredClaim]] = defaultdict(list)
    mentions = tuple(schema().mention_kinds)
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(
                ClaimRow.id,
                ClaimRow.report_id,
                ClaimRow.kind,
                ClaimRow.value,
                ClaimRow.spans,
                ClaimRow.status,
                ClaimRow.confidence,
            )
            .where(ClaimRow.report_id.in_(ids[start : start + 500]))
            .where(ClaimRow.kind.in_(CASE_KINDS))
            # A rejected person still lends its name to a fact that points to it.
            .where((ClaimRow.status != "rejected") | ClaimRow.kind.in_(mentions))
            .order_by(ClaimRow.id)
        )
        by_report: dict[int, list[tuple[int, str, dict[str, Any], Any, str, float]]]
        by_report = defaultdict(list)
        for cid, rid, kind, value, spans, status, conf in rows:
            by_report[rid].append((cid, kind, value if isinstance(value, dict) else {}, spans,
                                   status, conf))  # fmt: skip
        for rid, items in by_report.items():
            names = facts_refs.names_of((kind, value) for _, kind, value, _, _, _ in items)
            for cid, kind, value, spans, status, conf in items:
                if status == "rejected":
                    continue
                found[rid].append(
                    StoredClaim(
                        cid,
                        rid,
                        kind,
                        facts_refs.named(kind, value, names),
                        tuple((int(a), int(b)) for a, b in spans),
                        status in ("confirmed", "edited"),
                        float(conf),
                        refs=facts_refs.ids_in(kind, value),
                        mention=facts_refs.own_id(kind, value),
                    )
                )
    return found


def report_dates(session: Session, report_ids: Iterable[int]) -> dict[int, str | None]:
    ids = sorted(set(report_ids))
    found: dict[int, str | None] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(select(Report.id, Report.published).where(Report.id.in_(chunk)))
        found.update((int(i), p) for i, p in rows)
    return found


def report_texts(session: Session, report_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(report_ids))
    found: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(select(Report.id, Report.text).where(Report.id.in_(chunk)))
        found.update((int(i), t) for i, t in rows)
    return found


def evidence(claim: StoredClaim, text: str) -> Evidence:
    """Where the claim is stated: its report, its spans and the quote (from ``text``)."""
    quote = " … ".join(text[a:b] for a, b in claim.spans[:3]) if text else ""
    return Evidence(claim.report_id, claim.id, claim.spans, quote[:600], claim.reviewed)
