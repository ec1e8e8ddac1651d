"""``vigil extraction-jobs`` and ``vigil extraction-worker``: the extraction queue of web
uploads, and the worker that empties it (``vigil serve`` starts one of its own)."""

from __future__ import annotations

import os
import signal
import sys
import threading

import typer
from rich.markup import escape
from rich.table import Table

from vigil.cli.common import database, out, print_json_line, transaction
from vigil.pipeline import jobs
from vigil.pipeline.jobworker import LEASE, MAX_ATTEMPTS, ExtractionWorker
from vigil.settings import get_settings


def extraction_jobs(
    status: str = typer.Option(None, "--status", help="queued, running, done or failed."),
    limit: int = typer.Option(20, "--limit", "-n", min=0),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Queue failed ones again."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Extraction jobs of uploaded reports: counts per state, then the newest jobs."""
    if status is not None and status not in jobs.STATES:
        raise typer.BadParameter(f"one of {', '.join(jobs.STATES)}", param_hint="--status")
    with transaction() as session:
        if retry_failed:
            out.print(f"{jobs.requeue_failed(session)} failed jobs queued again")
        counts = jobs.counts(session)
        docs = [
            {
                "id": j.id,
                "report_id": j.report_id,
                "status": j.status,
                "attempts": j.attempts,
                "error": j.error,
                "warnings": j.warnings,
                "created_at": j.created_at.isoformat(),
                "finished_at": j.finished_at.isoformat() if j.finished_at else None,
            }
            for j in jobs.list_jobs(session, status=status, limit=limit)
        ]
    if as_json:
        print_json_line({"counts": counts})
        for doc in docs:
            print_json_line(doc)
        return
    out.print(", ".join(f"{n} {state}" for state, n in counts.items()))
    if docs:
        table = Table("id", "report", "status", "attempts", "error", show_edge=False)
        for d in docs:
            table.add_row(
                str(d["id"]),
                str(d["report_id"]),
                str(d["status"]),
                str(d["attempts"]),
                escape(str(d["error"] or ""))[:80],
            )
        out.print(table)


def extraction_worker(
    once: bool = typer.Option(False, "--once", help="Do the jobs queued now, then stop."),
    lease: float = typer.Option(
        LEASE, "--lease", min=1, help="Seconds without a sign of life before a job is retaken."
    ),
    attempts: int = typer.Option(
        MAX_ATTEMPTS, "--attempts", min=1, max=100, help="Attempts before a job fails."
    ),
    nice: int = typer.Option(
        0, "--nice", min=0, max=19, help="Lower the worker's CPU priority by this much."
    ),
    exit_with_parent: bool = typer.Option(False, "--exit-with-parent", hidden=True),
) -> None:
    """Extract the facts of uploaded reports, one at a time, until stopped (SIGTERM or
    Ctrl-C give the job under way back to the queue)."""
    from vigil.pipeline.extraction import ExtractionStage

    if nice:
        os.nice(nice)  # ``vigil serve`` asks for 10: its pages come before extraction
    settings = get_settings()
    stage = ExtractionStage(
        actor=settings.actor, model=settings.spacy_model, budget=settings.extract_budget_seconds
    )
    stage.load()  # a missing model fails here, once, not on every job
    db = database()
    worker = ExtractionWorker(db, stage, lease=lease, max_attempts=attempts)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: worker.interrupt())
    if exit_with_parent:
        _exit_with_parent()
    try:
        stats = worker.drain() if once else worker.run()
    finally:
        db.close()
    out.print(
        f"{stats.done} extracted, {stats.retried} to retry, {stats.failed} failed, "
        f"{stats.released} given back"
    )
    # Nothing is left to do: skip the interpreter's teardown of the language model, which
    # takes seconds (measured 1-4 s) that a stopping server would wait for.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _exit_with_parent() -> None:
    """Stop as on SIGTERM when the process that started this one (``vigil serve``) is
    gone, however it went: a worker never outlives its server."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(1.0)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def register(app: typer.Typer) -> None:
    app.command("extraction-jobs")(extraction_jobs)
    app.command("extraction-worker")(extraction_worker)
