"""Extraction jobs (both backends): a web upload is stored and its extraction queued; the
worker claims jobs one at a time, does what ``vigil ingest`` does after storing, and
never loses a job to a killed worker or a failing report."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.helpers import VIGIL, extract_queued
from vigil.pipeline import jobs
from vigil.pipeline.extraction import Extracted, ExtractionStage
from vigil.pipeline.ingest import Ingestor, Outcome
from vigil.pipeline.jobworker import ExtractionWorker, documents
from vigil.samples import sample_paths
from vigil.sources import read_bytes
from vigil.sources.document import SourceDocument
from vigil.store.cases import PersonMentionRow
from vigil.store.db import Database
from vigil.store.models import ClaimRow, Extraction, Report

# Long enough that the model is still at work when the test stops the worker.
LONG = "Aigerim Tulegenova was detained in Almaty on 12 March 2021 by the police. " * 600


def upload(db: Database, name: str, data: bytes) -> Outcome:
    """What the upload page does: store, and queue the extraction in that transaction."""
    doc = read_bytes(data, name)
    ingestor = Ingestor(
        db, actor="eve", max_bytes=10**8, after_store=[jobs.queue_extraction(doc, "vigil-web")]
    )
    return ingestor.store(name, doc)


def sample(name: str) -> bytes:
    return next(p for p in sample_paths() if p.name == name).read_bytes()


def job_of(db: Database, report_id: int) -> jobs.ExtractionJob:
    with db.read() as s:
        return s.scalars(
            select(jobs.ExtractionJob).where(jobs.ExtractionJob.report_id == report_id)
        ).one()


def count(db: Database, model: Any, report_id: int) -> int:
    with db.read() as s:
        return int(
            s.scalar(select(func.count()).select_from(model).where(model.report_id == report_id))
            or 0
        )


@pytest.fixture(scope="module")
def stage() -> ExtractionStage:
    made = ExtractionStage(actor="vigil-web", budget=8)
    made.load()
    return made


def test_an_upload_is_stored_with_its_job_queued_and_nothing_extracted(db: Database) -> None:
    outcome = upload(db, "arrest.txt", sample("kz-2024-nurlanova-arrest.txt"))
    assert outcome.status == "stored" and outcome.report_id
    job = job_of(db, outcome.report_id)
    assert (job.status, job.attempts, job.actor) == ("queued", 0, "vigil-web")
    assert count(db, ClaimRow, outcome.report_id) == 0
    assert count(db, Extraction, outcome.report_id) == 0
    with db.read() as s:
        assert jobs.states(s, [outcome.report_id, 999])[outcome.report_id].state == "queued"
    # The same bytes again: a duplicate, and no second job.
    assert upload(db, "again.txt", sample("kz-2024-nurlanova-arrest.txt")).status == "duplicate"
    with db.read() as s:
        assert jobs.counts(s)["queued"] == 1


def test_the_worker_extracts_as_ingest_does_facts_and_cases(
    db: Database, stage: ExtractionStage
) -> None:
    outcome = upload(db, "arrest.txt", sample("kz-2024-nurlanova-arrest.txt"))
    assert outcome.report_id
    stats = ExtractionWorker(db, stage).drain()
    assert (stats.done, stats.failed) == (1, 0)
    job = job_of(db, outcome.report_id)
    assert (job.status, job.attempts, job.claim, job.error) == ("done", 1, None, None)
    assert count(db, ClaimRow, outcome.report_id) > 3
    assert count(db, PersonMentionRow, outcome.report_id) >= 1, "update_cases ran"
    with db.read() as s:
        stored = s.get(Extraction, outcome.report_id)
        claims = s.scalars(select(ClaimRow).where(ClaimRow.report_id == outcome.report_id)).all()
    assert stored is not None
    # The same record the extractor gives for the stored text, as ``vigil ingest`` stores.
    doc = read_bytes(sample("kz-2024-nurlanova-arrest.txt"), "arrest.txt")
    direct = stage.extractor.extract(doc.text, published=doc.published, language=doc.language)
    assert stored.record == {"doc": "arrest.txt", **direct.record}
    assert {c.stage for c in claims} and all(c.extractor.startswith("vigil-") for c in claims)
    # Nothing left to do.
    assert ExtractionWorker(db, stage).drain().done == 0


def test_an_email_and_its_attachment_are_one_job_sharing_one_budget(
    db: Database, stage: ExtractionStage
) -> None:
    outcome = upload(db, "update.eml", sample("kz-2024-nurlanova-update.eml"))
    assert outcome.report_id and outcome.children
    child = outcome.children[0].report_id
    assert child
    with db.read() as s:
        assert jobs.counts(s)["queued"] == 1, "one job for the mail and its attachment"
    tree = documents(db, outcome.report_id)
    assert [rid for rid, _ in tree] == [outcome.report_id, child]
    assert tree[0][1].children == [tree[1][1]], "the attachment shares its mail's budget"
    assert ExtractionWorker(db, stage).drain().done == 1
    assert count(db, Extraction, outcome.report_id) == 1
    assert count(db, Extraction, child) == 1


def test_jobs_are_claimed_once_and_an_expired_lease_lets_another_take_over(
    db: Database,
) -> None:
    first = upload(db, "a.txt", b"Ivan Petrov was detained in Minsk on 2 May 2021.")
    second = upload(db, "b.txt", b"Olga Ivanova was detained in Minsk on 3 May 2021.")
    with db.transaction() as s:
        a = jobs.claim(s, lease=0.3)
    with db.transaction() as s:
        b = jobs.claim(s, lease=60)
    with db.transaction() as s:
        assert jobs.claim(s, lease=60) is None, "both are taken"
    assert a and b and (a.report_id, b.report_id) == (first.report_id, second.report_id)
    time.sleep(0.5)  # a's worker died: its lease runs out
    with db.transaction() as s:
        again = jobs.claim(s, lease=60)
    assert again is not None and again.id == a.id and again.attempts == 2
    with db.transaction() as s:
        assert not jobs.finish(s, a, []), "the dead worker's claim is void"
        assert not jobs.renew(s, a, 60)
        assert jobs.finish(s, again, [])
    # A job whose worker died on each of its attempts fails, with the reason.
    with db.transaction() as s:
        assert jobs.renew(s, b, -1)  # its lease ran out
        assert jobs.give_up_abandoned(s, max_attempts=1) == 1
    with db.read() as s:
        state = jobs.states(s, [second.report_id or 0])[second.report_id or 0]
    assert state.state == "failed" and "stopped during each of 1 attempts" in (state.error or "")


class Breaks(ExtractionStage):
    """The real stage, except that a report saying BOOM breaks it."""

    def extract(self, doc: SourceDocument) -> Extracted:
        if "BOOM" in doc.text:
            raise RuntimeError("BOOM in the report text")
        return super().extract(doc)


def test_a_failing_job_is_retried_then_failed_with_its_reason_and_the_next_runs(
    db: Database, stage: ExtractionStage
) -> None:
    bad = upload(db, "bad.txt", b"BOOM. Ivan Petrov was detained in Minsk on 2 May 2021.")
    good = upload(db, "good.txt", sample("kz-2024-nurlanova-arrest.txt"))
    breaks = Breaks(actor="vigil-web", budget=8)
    breaks._extractor = stage.extractor
    stats = ExtractionWorker(db, breaks, max_attempts=2).drain()
    assert (stats.done, stats.retried, stats.failed) == (1, 1, 1)
    failed = job_of(db, bad.report_id or 0)
    assert (failed.status, failed.attempts) == ("failed", 2)
    assert failed.error and "internal error (RuntimeError)" in failed.error
    assert "BOOM" not in failed.error, "the reason never quotes the report"
    assert count(db, ClaimRow, bad.report_id or 0) == 0
    assert job_of(db, good.report_id or 0).status == "done"
    assert count(db, ClaimRow, good.report_id or 0) > 3
    # `vigil extraction-jobs --retry-failed` queues it again.
    with db.transaction() as s:
        assert jobs.requeue_failed(s) == 1
    assert job_of(db, bad.report_id or 0).status == "queued"


def _wait_for(db: Database, report_id: int, status: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while job_of(db, report_id).status != status:
        assert time.monotonic() < deadline, f"the job never became {status}"
        time.sleep(0.05)


def _worker(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    env = {**env, "VIGIL_EXTRACT_BUDGET_SECONDS": "0"}  # a long extraction, to land in
    return subprocess.Popen(
        [*VIGIL, "extraction-worker", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_a_worker_killed_mid_job_leaves_the_job_to_be_taken_again(
    db_url: str, vigil_env: dict[str, str]
) -> None:
    db = Database(db_url)
    db.migrate()
    try:
        outcome = upload(db, "long.txt", LONG.encode())
        rid = outcome.report_id or 0
        proc = _worker(vigil_env, "--lease", "2")
        try:
            _wait_for(db, rid, "running")
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        job = job_of(db, rid)
        assert (job.status, job.attempts) == ("running", 1), "killed mid-job"
        assert count(db, ClaimRow, rid) == 0
        time.sleep(2.2)  # the lease runs out
        stats = extract_queued(db)
        assert stats.done == 1  # type: ignore[attr-defined]
        job = job_of(db, rid)
        assert (job.status, job.attempts) == ("done", 2)
        assert count(db, ClaimRow, rid) > 0
    finally:
        db.close()


@pytest.mark.slow
def test_sigterm_gives_the_job_under_way_back_at_once(
    db_url: str, vigil_env: dict[str, str]
) -> None:
    db = Database(db_url)
    db.migrate()
    try:
        outcome = upload(db, "long.txt", LONG.encode())
        rid = outcome.report_id or 0
        proc = _worker(vigil_env)
        try:
            _wait_for(db, rid, "running")
            time.sleep(0.3)  # well into the model's work
            asked = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            proc.wait(10)
            took = time.monotonic() - asked
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
        assert took < 3, f"the worker took {took:.1f} s to stop"
        job = job_of(db, rid)
        assert (job.status, job.attempts, job.claim) == ("queued", 0, None)
        assert count(db, ClaimRow, rid) == 0
    finally:
        db.close()


def test_documents_of_a_missing_report_are_none(db: Database) -> None:
    assert documents(db, 4242) == []
    with db.read() as s:
        assert s.get(Report, 4242) is None
