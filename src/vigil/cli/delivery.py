"""``vigil outbox`` and ``vigil worker``: what is queued for delivery, and delivering it."""

from __future__ import annotations

import signal
import threading

import typer
from rich.markup import escape
from rich.table import Table

from vigil.alerts.worker import Worker
from vigil.cli.common import database, out, print_json_line, transaction
from vigil.settings import get_settings
from vigil.store import alerts as store


def outbox(
    status: str = typer.Option(None, "--status", help="queued, sending, sent or failed."),
    alert_id: int = typer.Option(None, "--alert"),
    limit: int = typer.Option(20, "--limit", "-n", min=0),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Queue failed ones again."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """What is queued, being sent, sent and failed (counts, then the newest messages)."""
    with transaction() as session:
        if retry_failed:
            out.print(
                f"{store.requeue_failed(session, alert_id=alert_id)} failed messages queued again"
            )
        counts = store.outbox_counts(session)
        rows = store.list_outbox(session, status=status, alert_id=alert_id, limit=limit)
        docs = [
            {
                "id": r.id,
                "channel": r.channel,
                "purpose": r.purpose,
                "alert_id": r.alert_id,
                "subscriber_id": r.subscriber_id,
                "webhook_id": r.webhook_id,
                "status": r.status,
                "attempts": r.attempts,
                "last_error": r.last_error,
                "next_attempt_at": r.next_attempt_at.isoformat(),
                "sent_at": r.sent_at.isoformat() if r.sent_at else None,
            }
            for r in rows
        ]
    if as_json:
        print_json_line({"counts": counts})
        for doc in docs:
            print_json_line(doc)
        return
    for channel, by_status in sorted(counts.items()):
        parts = ", ".join(f"{by_status.get(s, 0)} {s}" for s in store.OUTBOX_STATES)
        out.print(f"{channel}: {parts}")
    if docs:
        table = Table(
            "id", "channel", "alert", "to", "status", "attempts", "error", show_edge=False
        )
        for d in docs:
            to = (
                f"subscriber {d['subscriber_id']}"
                if d["subscriber_id"]
                else f"webhook {d['webhook_id']}"
            )
            table.add_row(
                str(d["id"]),
                str(d["channel"]),
                str(d["alert_id"] or d["purpose"]),
                to,
                str(d["status"]),
                str(d["attempts"]),
                escape(str(d["last_error"] or ""))[:60],
            )
        out.print(table)


def worker(
    once: bool = typer.Option(False, "--once", help="Send what is due now, then stop."),
    email_threads: int = typer.Option(4, "--email-threads", min=1, max=32),
    webhook_threads: int = typer.Option(8, "--webhook-threads", min=1, max=64),
) -> None:
    """Deliver queued messages until stopped (SIGTERM or Ctrl-C finish the current one)."""
    db = database()
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    try:
        w = Worker(
            db, get_settings().alerts, email_threads=email_threads, webhook_threads=webhook_threads
        )
        stats = w.drain() if once else w.run(stop)
    finally:
        db.close()
    out.print(f"{stats.sent} sent, {stats.retried} to retry, {stats.failed} failed")


def register(app: typer.Typer) -> None:
    app.command("outbox")(outbox)
    app.command("worker")(worker)
