"""The extraction worker: claims queued extraction jobs and does them, one at a time.

    worker = ExtractionWorker(db, stage)   # stage: an ExtractionStage, model loaded once
    worker.run(stop_event)                 # until stop_event is set (``vigil extraction-worker``)
    stats = worker.drain()                 # in-process: until the queue is empty (tests)

A job is what ``vigil ingest`` does after storing a report: ``ExtractionStage`` then
``update_cases``, on the report and then each of its attachments, with one time budget
(VIGIL_EXTRACT_BUDGET_SECONDS) for them all. The model runs outside any transaction;
what it found is stored, and the job marked done, in one short transaction afterwards, so
a worker never holds the database while it reads. The worker runs in a process of its
own (``vigil serve`` starts one): the model is CPU-bound and would slow every page of a
server it shared an interpreter with.

A failure is the job's, never the worker's: the job is queued again until it has failed
``max_attempts`` times, then marked failed with the reason. ``interrupt()`` (from the
SIGTERM handler) abandons the extraction under way and gives its job back to the queue.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from vigil.errors import VigilError
from vigil.pipeline import jobs
from vigil.pipeline.extraction import Extracted, ExtractionStage, update_cases
from vigil.sources.document import OffsetMap, SourceDocument
from vigil.store.db import Database
from vigil.store.models import Report

log = logging.getLogger(__name__)

# Seconds a worker owns the job it claimed; renewed every third of it while the worker
# lives, so only a dead worker's job is taken over (after at most this long).
LEASE = 60.0
# Attempts before a job fails for good (a worker killed during a job counts one).
MAX_ATTEMPTS = 3


class Stopped(BaseException):
    """Raised in the worker's thread by ``interrupt``. A BaseException, so that no
    ``except Exception`` on the way (the extractor's stage guard) swallows it."""


class LeaseLost(Exception):
    """Another worker took the job over (this one was presumed dead): nothing is stored."""


@dataclass
class Stats:
    done: int = 0
    retried: int = 0
    failed: int = 0
    released: int = 0


class ExtractionWorker:
    def __init__(
        self,
        db: Database,
        stage: ExtractionStage,
        *,
        lease: float = LEASE,
        max_attempts: int = MAX_ATTEMPTS,
        poll: float = 1.0,
    ) -> None:
        self.db = db
        self.stage = stage
        self.lease = lease
        self.max_attempts = max(1, max_attempts)
        self.poll = poll
        self.stats = Stats()
        self._stop = threading.Event()
        self._extracting = False

    # --- running ----------------------------------------------------------------------

    def run(self, stop: threading.Event | None = None, *, until_idle: bool = False) -> Stats:
        """Do jobs until ``stop`` is set (or, ``until_idle``, until none is due)."""
        if stop is not None:
            self._stop = stop
        while not self._stop.is_set():
            try:
                with self.db.transaction() as session:
                    jobs.give_up_abandoned(session, self.max_attempts)
                    job = jobs.claim(session, self.lease)
            except SQLAlchemyError as exc:
                log.warning("extraction queue unavailable (%s); trying again", type(exc).__name__)
                self._stop.wait(self.poll)
                continue
            if job is None:
                if until_idle:
                    break
                self._stop.wait(self.poll)
                continue
            self.run_job(job)
        return self.stats

    def drain(self) -> Stats:
        """Do every job due now, then return."""
        return self.run(until_idle=True)

    def interrupt(self) -> None:
        """Stop (for a signal handler, in the worker's thread): the extraction under way,
        if any, is abandoned at once and its job given back to the queue."""
        self._stop.set()
        if self._extracting:
            raise Stopped

    # --- one job ------------------------------------------------------------------------

    def run_job(self, job: jobs.Claimed) -> str:
        """Do one claimed job; its outcome: done, retried, failed or released."""
        lease = _Lease(self.db, job, self.lease)
        lease.start()
        try:
            outcome = self._attempt(job)
        finally:
            lease.stop()
        setattr(self.stats, outcome, getattr(self.stats, outcome) + 1)
        log.debug("extraction job %s (report %s): %s", job.id, job.report_id, outcome)
        return outcome

    def _attempt(self, job: jobs.Claimed) -> str:
        try:
            try:
                self._extracting = True
                if self._stop.is_set():
                    raise Stopped
                found = self._extract(job)
            finally:
                self._extracting = False
            self._store(job, found)
        except Stopped:
            self._settle(job, lambda s: jobs.release(s, job))
            return "released"
        except LeaseLost:
            return "released"
        except Exception as exc:
            log.debug("extraction job %s failed", job.id, exc_info=True)
            retry = job.attempts < self.max_attempts
            reason = _reason(exc)
            self._settle(job, lambda s: jobs.fail(s, job, reason, retry=retry))
            return "retried" if retry else "failed"
        return "done"

    def _extract(self, job: jobs.Claimed) -> list[tuple[int, SourceDocument, Extracted]]:
        """The model's work on the report and its attachments (no transaction open)."""
        self.stage.actor = job.actor
        docs = documents(self.db, job.report_id)
        return [(rid, doc, self.stage.extract(doc)) for rid, doc in docs]

    def _store(self, job: jobs.Claimed, found: list[tuple[int, SourceDocument, Extracted]]) -> None:
        warnings = [w for _, _, extracted in found for w in extracted.warnings]
        with self.db.transaction() as session:
            # First: the job is still ours (this also locks its row on PostgreSQL).
            if not jobs.finish(session, job, warnings):
                raise LeaseLost
            for report_id, doc, extracted in found:
                self.stage.save(session, report_id, doc, extracted)
                update_cases(session, report_id, doc)

    def _settle(self, job: jobs.Claimed, change: Callable[[Session], None]) -> None:
        try:
            with self.db.transaction() as session:
                change(session)
        except SQLAlchemyError as exc:
            # The lease runs out and the job is taken again: nothing is lost.
            log.warning("extraction job %s not recorded (%s)", job.id, type(exc).__name__)


class _Lease(threading.Thread):
    """Renews a running job's lease every third of it, while the job runs."""

    def __init__(self, db: Database, job: jobs.Claimed, lease: float) -> None:
        super().__init__(name=f"lease-{job.id}", daemon=True)
        self.db, self.job, self.lease = db, job, lease
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.lease / 3):
            try:
                with self.db.transaction() as session:
                    if not jobs.renew(session, self.job, self.lease):
                        return
            except SQLAlchemyError as exc:
                log.warning("lease of job %s not renewed (%s)", self.job.id, type(exc).__name__)

    def stop(self) -> None:
        self._done.set()
        self.join(5)


_COLUMNS = (
    Report.id,
    Report.parent_id,
    Report.filename,
    Report.media_type,
    Report.reader,
    Report.title,
    Report.published,
    Report.url,
    Report.language,
    Report.encoding,
    Report.text,
)


def documents(db: Database, report_id: int) -> list[tuple[int, SourceDocument]]:
    """A stored report and its attachments, in the order ``vigil ingest`` stored (and
    extracted) them, as the documents extraction reads: the stored text, its date,
    language and file name. Empty when the report is gone."""
    with db.read() as session:
        rows = list(session.execute(select(*_COLUMNS).where(Report.id == report_id)))
        level = [r.id for r in rows]
        while level:
            below = session.execute(
                select(*_COLUMNS).where(Report.parent_id.in_(level)).order_by(Report.id)
            ).all()
            rows.extend(below)
            level = [r.id for r in below]
    made = {r.id: _document(r) for r in rows}
    kids: dict[int, list[int]] = {}
    for r in rows[1:]:
        kids.setdefault(r.parent_id, []).append(r.id)
        made[r.parent_id].children.append(made[r.id])
    order: list[tuple[int, SourceDocument]] = []
    todo = [r.id for r in rows[:1]]
    while todo:  # depth first, without recursion (a mail may nest 500 deep)
        rid = todo.pop()
        order.append((rid, made[rid]))
        todo.extend(reversed(kids.get(rid, [])))
    return order


def _document(row: Row[Any]) -> SourceDocument:
    return SourceDocument(
        original=b"",
        filename=row.filename,
        media_type=row.media_type,
        text=row.text or "",
        offsets=OffsetMap(),
        reader=row.reader,
        title=row.title,
        published=row.published,
        url=row.url,
        language=row.language,
        encoding=row.encoding,
    )


def _reason(exc: BaseException) -> str:
    """Why a job failed, fit to show an editor: Vigil's own message, else the kind of
    fault (never the report's text, which an exception's message may quote)."""
    if isinstance(exc, VigilError):
        return str(exc)
    return f"internal error ({type(exc).__name__}); run 'vigil reextract' after upgrading"
