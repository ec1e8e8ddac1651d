"""How far to trust the machine on the organisation's own material.

Two measurements against the gold records of the reviewed reports (``vigil.quality.gold``):

- ``measure_extractor``: extract the reviewed reports again with the present code and score
  it (``vigil eval --reviewed``); the reports are read from the same NAME.txt bytes
  ``vigil export-gold`` writes, so the figures equal ``vigil eval`` of an exported folder.
- ``measure_stored``: score the machine records stored for those reports when they were
  extracted (no model needed: what the quality page shows). ``current_figures`` computes
  them only when claims or extractions changed since the last time (``stamp``), and keeps
  each new set of figures as a run, so the page shows them over time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vigil import __version__
from vigil.extract.evaluate import EvalReport, read_item, score_items, score_records
from vigil.quality.gold import gold_reports
from vigil.store import quality as store
from vigil.store.models import ClaimChange, Extraction

_EMPTY: dict[str, Any] = {
    "persons": [],
    "organizations": [],
    "events": [],
    "charges": [],
    "sentences": [],
}


def measure_extractor(session: Session, extractor: Any) -> EvalReport:
    """Extract every reviewed report again and score it against its gold record."""
    golds = list(gold_reports(session))
    items = [read_item(g.text_file.encode("utf-8"), f"{g.name}.txt") for g in golds]
    return score_items([g.name for g in golds], items, [g.record for g in golds], extractor)


def measure_stored(session: Session) -> EvalReport:
    """Score the stored machine record of every reviewed report against its gold record."""
    golds = list(gold_reports(session))
    ids = [g.report_id for g in golds]
    records: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(Extraction.report_id, Extraction.record).where(
                Extraction.report_id.in_(ids[start : start + 500])
            )
        )
        records.update((int(rid), rec) for rid, rec in rows)
    predicted = [records.get(g.report_id) or _EMPTY for g in golds]
    return score_records([g.name for g in golds], predicted, [g.record for g in golds])


def stamp(session: Session) -> str:
    """Changes when any claim changes (a review, a new run) or any report is extracted."""
    change = session.scalar(select(func.max(ClaimChange.id))) or 0
    latest = session.scalar(select(func.max(Extraction.created_at)))
    count = session.scalar(select(func.count()).select_from(Extraction)) or 0
    return f"{change}:{count}:{latest.isoformat() if latest else '-'}"


def figures(report: EvalReport) -> dict[str, Any]:
    data = report.to_json()
    return {k: data[k] for k in ("documents", "categories", "micro", "worst")}


@dataclass(frozen=True, slots=True)
class Measured:
    at: str
    source: str
    extractor: str
    reports: int
    figures: dict[str, Any]


def _measured(row: store.QualityRun) -> Measured:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC)  # SQLite keeps no zone
    return Measured(at.isoformat(), row.source, row.extractor, row.reports, row.figures)


def record_run(session: Session, report: EvalReport, *, source: str, actor: str) -> Measured:
    row = store.add_run(
        session,
        source=source,
        extractor=__version__,
        reports=len(report.docs),
        stamp=stamp(session),
        figures=figures(report),
        actor=actor,
    )
    return _measured(row)


def current_figures(session: Session, *, actor: str) -> Measured:
    """The stored records' figures now: the last run's if nothing changed since, else
    measured again and kept as a new run (the caller commits)."""
    now = stamp(session)
    kept = store.latest_run(session, "stored", now)
    if kept is not None:
        return _measured(kept)
    report = measure_stored(session)
    if not report.docs:  # nothing to measure: no run (100% of nothing is no figure)
        return Measured("", "stored", __version__, 0, figures(report))
    return record_run(session, report, source="stored", actor=actor)


def history(session: Session, limit: int = 100) -> list[Measured]:
    return [_measured(r) for r in store.runs(session, limit)]
