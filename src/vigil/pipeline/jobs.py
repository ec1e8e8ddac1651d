"""Extraction jobs: a report stored now, its facts extracted later by a worker process.

The web stores an upload and queues its extraction in the same transaction
(``queue_extraction``), then answers at once; ``pipeline.jobworker`` claims the oldest job,
extracts and stores as ``vigil ingest`` would, and marks it done. Each job covers one
uploaded report and its attachments. A job's life::

    queued -> running -> done
                      -> queued (it failed and has attempts left; or its worker stopped)
                      -> failed (with the reason)

A running job belongs to the worker holding its ``claim`` until ``locked_until`` (the
lease, renewed while the worker is alive); a killed worker's job is claimed again once the
lease runs out. Every function here works in the caller's transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    and_,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from vigil.pipeline.ingest import AfterStore
from vigil.sources.document import SourceDocument
from vigil.store import dialect
from vigil.store.models import Base, utcnow

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
STATES = (QUEUED, RUNNING, DONE, FAILED)


class ExtractionJob(Base):
    """The extraction of one stored report (and its attachments), waiting or done."""

    __tablename__ = "extraction_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(String(16), default=QUEUED)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    actor: Mapped[str] = mapped_column(String(128))  # the claims are attributed to
    claim: Mapped[str | None] = mapped_column(String(36))
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    error: Mapped[str | None] = mapped_column(Text)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


_JOBS = ExtractionJob.__table__


@dataclass(frozen=True, slots=True)
class JobState:
    """What an editor sees of a report's extraction."""

    report_id: int
    state: str
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "report_id": self.report_id,
            "state": self.state,
            "error": self.error,
            "warnings": self.warnings,
        }


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    report_id: int
    actor: str
    attempts: int  # this one included
    claim: str


# --- queueing -----------------------------------------------------------------------------


def enqueue(session: Session, report_id: int, actor: str) -> bool:
    """Queue the extraction of a stored report; False when it has a job already."""
    return dialect.insert_ignore(
        session.connection(),
        _JOBS,  # type: ignore[arg-type]
        {
            "report_id": report_id,
            "status": QUEUED,
            "attempts": 0,
            "actor": actor,
            "warnings": [],
            "created_at": utcnow(),
        },
    )


def queue_extraction(root: SourceDocument, actor: str) -> AfterStore:
    """An after-store stage for ``Ingestor``: queues the extraction of ``root`` (with its
    attachments) in the transaction that stores it, so that no stored upload is ever left
    without its job. Attachments get no job of their own: they share their input's."""

    def queue_extraction(session: Session, report_id: int, doc: SourceDocument) -> list[str]:
        if doc is root:
            enqueue(session, report_id, actor)
        return []

    return queue_extraction


def states(session: Session, report_ids: list[int]) -> dict[int, JobState]:
    """The extraction state of each of these reports that has a job."""
    if not report_ids:
        return {}
    rows = session.execute(
        select(
            ExtractionJob.report_id,
            ExtractionJob.status,
            ExtractionJob.error,
            ExtractionJob.warnings,
        ).where(ExtractionJob.report_id.in_(report_ids))
    )
    return {
        rid: JobState(rid, status, error if status == FAILED else None, list(warnings or []))
        for rid, status, error, warnings in rows
    }


# --- the worker's side --------------------------------------------------------------------


def _due(now: datetime) -> Any:
    return or_(
        ExtractionJob.status == QUEUED,
        and_(ExtractionJob.status == RUNNING, ExtractionJob.locked_until < now),
    )


def give_up_abandoned(session: Session, max_attempts: int) -> int:
    """Fail the jobs whose worker died (lease run out) on every one of their attempts:
    a report that kills the worker must not kill the next one too."""
    now = utcnow()
    return _changed(
        session,
        update(ExtractionJob)
        .where(
            ExtractionJob.status == RUNNING,
            ExtractionJob.locked_until < now,
            ExtractionJob.attempts >= max_attempts,
        )
        .values(
            status=FAILED,
            claim=None,
            locked_until=None,
            finished_at=now,
            error=f"the extraction worker stopped during each of {max_attempts} attempts",
        )
        .execution_options(synchronize_session=False),
    )


def claim(session: Session, lease: float) -> Claimed | None:
    """Take the oldest due job: a queued one, or a running one whose lease ran out.

    PostgreSQL: the row is picked FOR UPDATE SKIP LOCKED, so concurrent workers take
    different jobs without waiting on each other; SQLite: the write transaction
    (BEGIN IMMEDIATE) serialises claims. Either way the outer WHERE checks the job is
    still due, so a job is never held by two workers at once."""
    now = utcnow()
    token = str(uuid.uuid4())
    pick = (
        select(ExtractionJob.id)
        .where(_due(now))
        .order_by(ExtractionJob.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    row = session.execute(
        update(ExtractionJob)
        .where(ExtractionJob.id == pick, _due(now))
        .values(
            status=RUNNING,
            claim=token,
            locked_until=now + timedelta(seconds=lease),
            attempts=ExtractionJob.attempts + 1,
            started_at=now,
        )
        .returning(
            ExtractionJob.id, ExtractionJob.report_id, ExtractionJob.actor, ExtractionJob.attempts
        )
        .execution_options(synchronize_session=False)
    ).first()
    if row is None:
        return None
    return Claimed(id=row[0], report_id=row[1], actor=row[2], attempts=row[3], claim=token)


def _changed(session: Session, stmt: Any) -> int:
    """Rows an UPDATE changed."""
    return int(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


def _update_ours(session: Session, job: Claimed, **values: Any) -> bool:
    """Change a job still held under ``job``'s claim; False (and nothing changed) when it
    is no longer ours (its lease ran out and another worker took it)."""
    ours = and_(
        ExtractionJob.id == job.id,
        ExtractionJob.claim == job.claim,
        ExtractionJob.status == RUNNING,
    )
    stmt = update(ExtractionJob).where(ours).values(**values)
    return bool(_changed(session, stmt.execution_options(synchronize_session=False)))


def renew(session: Session, job: Claimed, lease: float) -> bool:
    """Extend the lease of a job still being worked on; False when it is no longer ours."""
    return _update_ours(session, job, locked_until=utcnow() + timedelta(seconds=lease))


def finish(session: Session, job: Claimed, warnings: list[str]) -> bool:
    """Mark the job done; False (and nothing changed) when it is no longer ours, in
    which case the caller must roll back what it stored."""
    return _update_ours(
        session,
        job,
        status=DONE,
        claim=None,
        locked_until=None,
        error=None,
        warnings=warnings,
        finished_at=utcnow(),
    )


def fail(session: Session, job: Claimed, error: str, *, retry: bool) -> None:
    """Record a failed attempt: queued again when ``retry``, else failed for good."""
    values: dict[str, Any] = {"claim": None, "locked_until": None, "error": error[:500]}
    if retry:
        values["status"] = QUEUED
    else:
        values.update(status=FAILED, finished_at=utcnow())
    _update_ours(session, job, **values)


def release(session: Session, job: Claimed) -> None:
    """Give a job back untouched (its worker is stopping): queued, the attempt not counted."""
    _update_ours(
        session,
        job,
        status=QUEUED,
        claim=None,
        locked_until=None,
        attempts=ExtractionJob.attempts - 1,
    )


# --- looking at the queue -----------------------------------------------------------------


def counts(session: Session) -> dict[str, int]:
    """{state: number of jobs}, every state present."""
    found: dict[str, int] = {
        status: int(n)
        for status, n in session.execute(
            select(ExtractionJob.status, func.count()).group_by(ExtractionJob.status)
        )
    }
    return {s: found.get(s, 0) for s in STATES}


def list_jobs(
    session: Session, *, status: str | None = None, limit: int = 20
) -> list[ExtractionJob]:
    """The newest jobs (of one state)."""
    stmt = select(ExtractionJob).order_by(ExtractionJob.id.desc()).limit(limit)
    if status is not None:
        stmt = stmt.where(ExtractionJob.status == status)
    return list(session.scalars(stmt))


def requeue_failed(session: Session) -> int:
    """Queue every failed job again, its attempts reset (after an upgrade, say)."""
    return _changed(
        session,
        update(ExtractionJob)
        .where(ExtractionJob.status == FAILED)
        .values(status=QUEUED, attempts=0, finished_at=None)
        .execution_options(synchronize_session=False),
    )
