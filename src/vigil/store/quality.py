"""Figures of each measurement of extraction against the organisation's reviewed reports.

One row per run: when, how (``stored``: the stored machine records of the reviewed reports;
``extractor``: ``vigil eval --reviewed`` extracting them again), which Vigil, on how many
reports, and the figures per category. Rows are never updated, so the page can show the
machine improving (or not) over time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from vigil.store.models import Base, utcnow


class QualityRun(Base):
    __tablename__ = "quality_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    source: Mapped[str] = mapped_column(String(16))  # "stored" or "extractor"
    extractor: Mapped[str] = mapped_column(String(64))
    reports: Mapped[int] = mapped_column(Integer)
    # What the figures were computed from (the claims' and extractions' state), so that a
    # page computes them again only after a review or a new extraction.
    stamp: Mapped[str] = mapped_column(String(128), index=True)
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    actor: Mapped[str] = mapped_column(String(128))


def add_run(
    session: Session,
    *,
    source: str,
    extractor: str,
    reports: int,
    stamp: str,
    figures: dict[str, Any],
    actor: str,
) -> QualityRun:
    row = QualityRun(
        source=source,
        extractor=extractor,
        reports=reports,
        stamp=stamp,
        figures=figures,
        actor=actor,
    )
    session.add(row)
    session.flush()
    return row


def latest_run(session: Session, source: str, stamp: str | None = None) -> QualityRun | None:
    stmt = select(QualityRun).where(QualityRun.source == source)
    if stamp is not None:
        stmt = stmt.where(QualityRun.stamp == stamp)
    return session.scalars(stmt.order_by(QualityRun.id.desc()).limit(1)).first()


def runs(session: Session, limit: int = 100) -> list[QualityRun]:
    """The latest ``limit`` runs, oldest first."""
    stmt = select(QualityRun).order_by(QualityRun.id.desc()).limit(limit)
    return list(reversed(session.scalars(stmt).all()))
