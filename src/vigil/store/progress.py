"""How far the review of each report has got, kept in ``report_reviews`` so the report queue
filters, counts and sorts 100,000 reports without reading their claims.

A report is ``reviewed`` when a reviewer finished it (``finished_by``) or when every claim is
decided; ``in_progress`` once any claim is decided or a reviewer added one; else
``not_started``. The row is recomputed from the report's claims after every change to them
(extraction, review, a reviewer's addition), in the same transaction.

``summarise`` is pure (rows in, a dict out), so the migration that creates the table fills
it for existing databases with the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from vigil.store.models import Base, ClaimRow, Report, utcnow

STATES = ("not_started", "in_progress", "reviewed")
DECIDED = frozenset(("confirmed", "edited", "rejected"))
# How urgent a report is: the gravest act among its facts that are not rejected.
URGENCY = {
    "killing": 5,
    "disappearance": 5,
    "torture": 5,
    "attack": 4,
    "arrest": 4,
    "detention": 4,
    "sentence": 3,
    "trial": 3,
    "charge": 3,
    "search": 2,
    "threat": 2,
    "restriction": 2,
}


class ReportProgress(Base):
    """One row per report: its review state and what the queue filters on."""

    __tablename__ = "report_reviews"
    # The queue's two orders, each served by an index (100,000 reports: no sort).
    __table_args__ = (
        Index("ix_report_reviews_newest", "published", "report_id"),
        Index("ix_report_reviews_urgent", "urgency", "waiting", "report_id"),
    )

    report_id: Mapped[int] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(16), index=True)
    facts: Mapped[int] = mapped_column(Integer, default=0)  # claims, rejected included
    waiting: Mapped[int] = mapped_column(Integer, default=0)  # machine claims undecided
    decided: Mapped[int] = mapped_column(Integer, default=0)
    added: Mapped[int] = mapped_column(Integer, default=0)  # facts a reviewer added
    urgency: Mapped[int] = mapped_column(Integer, default=0)
    countries: Mapped[str] = mapped_column(String(120), default="")  # " KZ RU "
    source: Mapped[str] = mapped_column(String(200), default="", index=True)
    language: Mapped[str | None] = mapped_column(String(16), index=True)
    published: Mapped[str] = mapped_column(String(32), default="")
    finished_by: Mapped[str | None] = mapped_column(String(128))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def source_of(url: str | None, ingested_by: str) -> str:
    """Where a report came from: the web site it was published on, else who uploaded it."""
    host = urlsplit(url).hostname if url else None
    if host:
        return host.removeprefix("www.")[:200]
    return f"upload:{ingested_by}"[:200]


def summarise(
    claims: Iterable[tuple[str, str, str, dict[str, Any]]],
    *,
    url: str | None,
    ingested_by: str,
    language: str | None,
    published: str | None,
    finished: bool,
) -> dict[str, Any]:
    """The progress row of a report from its claims as (kind, status, stage, value)."""
    facts = waiting = decided = added = urgency = 0
    countries: set[str] = set()
    for kind, status, stage, value in claims:
        facts += 1
        if status == "machine":
            waiting += 1
        elif status in DECIDED:
            decided += 1
        if stage == "reviewer":
            added += 1
        if status == "rejected" or not isinstance(value, dict):
            continue
        if kind == "event":
            urgency = max(urgency, URGENCY.get(str(value.get("type")), 1))
        country = value.get("country")
        if isinstance(country, str) and len(country) == 2:
            countries.add(country.upper())
    if finished or (facts and not waiting):
        state = "reviewed"
    elif decided or added:
        state = "in_progress"
    else:
        state = "not_started"
    return {
        "state": state,
        "facts": facts,
        "waiting": waiting,
        "decided": decided,
        "added": added,
        "urgency": urgency,
        "countries": (" " + " ".join(sorted(countries)) + " ")[:120] if countries else "",
        "source": source_of(url, ingested_by),
        "language": (language or None) and language[:16],
        # "" when unknown: it sorts last in newest-first order on both engines, so the
        # (published, report_id) index serves that order without NULLS LAST.
        "published": published or "",
    }


def refresh_progress(session: Session, report_ids: Sequence[int]) -> None:
    """Recompute the progress rows of ``report_ids`` from their claims (the caller's
    transaction; reports that no longer exist are skipped)."""
    ids = sorted(set(report_ids))
    if not ids:
        return
    session.flush()
    meta = {
        row[0]: row
        for row in session.execute(
            select(Report.id, Report.url, Report.ingested_by, Report.language, Report.published)
            .where(Report.id.in_(ids))
        )
    }  # fmt: skip
    claims: dict[int, list[tuple[str, str, str, dict[str, Any]]]] = {i: [] for i in ids}
    for rid, kind, status, stage, value in session.execute(
        select(ClaimRow.report_id, ClaimRow.kind, ClaimRow.status, ClaimRow.stage, ClaimRow.value)
        .where(ClaimRow.report_id.in_(ids))
    ):  # fmt: skip
        claims[rid].append((kind, status, stage, value))
    existing = {
        p.report_id: p
        for p in session.scalars(select(ReportProgress).where(ReportProgress.report_id.in_(ids)))
    }
    now = utcnow()
    for rid in ids:
        if rid not in meta:
            continue
        _, url, by, language, published = meta[rid]
        row = existing.get(rid)
        fields = summarise(
            claims[rid],
            url=url,
            ingested_by=by,
            language=language,
            published=published,
            finished=bool(row and row.finished_by),
        )
        if row is None:
            session.add(ReportProgress(report_id=rid, updated_at=now, **fields))
        else:
            for name, value in fields.items():
                setattr(row, name, value)
            row.updated_at = now


def mark_finished(session: Session, report_id: int, actor: str | None) -> ReportProgress:
    """Record that ``actor`` finished reviewing the report (None: reopen it)."""
    refresh_progress(session, [report_id])
    session.flush()
    row = session.get(ReportProgress, report_id)
    assert row is not None  # refresh_progress made it (the caller checked the report exists)
    row.finished_by = actor
    row.finished_at = utcnow() if actor else None
    refresh_progress(session, [report_id])
    return row


def get_progress(session: Session, report_id: int) -> ReportProgress | None:
    return session.get(ReportProgress, report_id)
