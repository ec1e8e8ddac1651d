"""Alert delivery benchmark: publish one alert to 10,000 e-mail subscribers and 100
webhooks, and time until the local receivers have every message.

    python bench/bench_alerts.py                        # SQLite, the issue's sizes
    python bench/bench_alerts.py --postgres             # PostgreSQL (VIGIL_TEST_DATABASE_URL)
    python bench/bench_alerts.py --subscribers 1000 --webhooks 10   # quicker

The receivers (aiosmtpd SMTP server advertising PIPELINING, a threaded HTTP server) run in
a separate process, as they would on other machines; the worker runs in this process with
its usual threads. Subscribers are loaded in bulk first (a loading path, not measured).
Target: at most 60 s from publishing to the last message received, and received ==
expected with no duplicates.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.alerts.factories import dossier

from vigil.alerts.draft import draft_from_dossier
from vigil.alerts.worker import Worker
from vigil.alerts.workflow import approve_alert, create_alert, publish_alert
from vigil.settings import get_settings
from vigil.store.alerts import OutboxRow, SubscriberRow, WebhookRow
from vigil.store.db import Database
from vigil.store.models import utcnow

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"


def receivers(ports: mp.Queue, counts: mp.Queue, stop: mp.Event) -> None:  # type: ignore[type-arg]
    from tests.alerts.receivers import HookSink, MailSink

    mail = MailSink(pipelining=True).start()
    hooks = HookSink().start()
    ports.put((mail.port, hooks.port))
    while not stop.wait(0.05):
        with mail.lock, hooks.lock:
            counts.put(
                (len(mail.messages), len({r for r, _ in mail.messages}), len(hooks.requests))
            )
    with mail.lock, hooks.lock:
        unique_hooks = len({(p, b) for p, _, b in hooks.requests})
        counts.put(
            (
                "final",
                len(mail.messages),
                len({r for r, _ in mail.messages}),
                len(hooks.requests),
                unique_hooks,
            )
        )
    mail.stop()
    hooks.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--subscribers", type=int, default=10_000)
    ap.add_argument("--webhooks", type=int, default=100)
    ap.add_argument("--email-threads", type=int, default=4)
    ap.add_argument("--webhook-threads", type=int, default=8)
    ap.add_argument("--postgres", action="store_true")
    args = ap.parse_args()

    ports_q: mp.Queue = mp.Queue()  # type: ignore[type-arg]
    counts_q: mp.Queue = mp.Queue()  # type: ignore[type-arg]
    stop = mp.Event()
    proc = mp.Process(target=receivers, args=(ports_q, counts_q, stop), daemon=True)
    proc.start()
    smtp_port, http_port = ports_q.get(timeout=30)

    tmp = tempfile.mkdtemp(prefix="vigil-bench-alerts-")
    os.environ.update(
        VIGIL_HOME=tmp,
        VIGIL_SMTP_HOST="127.0.0.1",
        VIGIL_SMTP_PORT=str(smtp_port),
        VIGIL_MAIL_FROM="Vigil <alerts@vigil.example>",
        VIGIL_PUBLIC_URL="https://vigil.example",
        VIGIL_SECRET_KEY="bench-secret-key-0123456789-abcdefghij",
    )
    settings = get_settings().alerts
    schema = None
    if args.postgres:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        base = make_url(os.environ.get("VIGIL_TEST_DATABASE_URL", DEFAULT_PG)).set(
            drivername="postgresql+psycopg"
        )
        schema = f"bench_alerts_{uuid.uuid4().hex[:8]}"
        admin = create_engine(base)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    else:
        url = f"sqlite:///{tmp}/bench.db"
    db = Database(url)
    db.migrate()
    try:
        now = utcnow()
        with db.transaction() as s:
            s.execute(
                insert(SubscriberRow),
                [
                    {
                        "email": f"s{i}@example.org",
                        "name": f"Subscriber {i}",
                        "status": "active",
                        "countries": [],
                        "cases": [],
                        "organizations": [],
                        "event_types": [],
                        "source": "bench",
                        "created_at": now,
                        "confirmed_at": now,
                    }
                    for i in range(args.subscribers)
                ],
            )
            s.execute(
                insert(WebhookRow),
                [
                    {
                        "url": f"http://127.0.0.1:{http_port}/partner/{i}",
                        "secret": f"secret-{i}",
                        "active": True,
                        "allow_private": True,
                        "countries": [],
                        "cases": [],
                        "organizations": [],
                        "event_types": [],
                        "created_by": "bench",
                        "created_at": now,
                    }
                    for i in range(args.webhooks)
                ],
            )
            alert = create_alert(s, draft_from_dossier(dossier()), actor="editor")
            approve_alert(s, alert.id, actor="reviewer")

        expected = (args.subscribers, args.webhooks)
        t0 = time.perf_counter()
        with db.transaction() as s:
            queued = publish_alert(s, alert.id, actor="reviewer", public_url=settings.public_url)
        t_publish = time.perf_counter() - t0
        stop_worker = threading.Event()
        worker = Worker(
            db,
            settings,
            email_threads=args.email_threads,
            webhook_threads=args.webhook_threads,
            poll=0.05,
        )
        thread = threading.Thread(target=worker.run, args=(stop_worker,))
        thread.start()
        received = (0, 0, 0)
        deadline = t0 + 300
        while time.perf_counter() < deadline:
            while not counts_q.empty():
                received = counts_q.get()
            if received[0] >= expected[0] and received[2] >= expected[1]:
                break
            time.sleep(0.02)
        t_done = time.perf_counter() - t0
        stop_worker.set()
        thread.join()
        time.sleep(0.5)  # duplicates, if any, would arrive now
        stop.set()
        final = counts_q.get(timeout=30)
        while final[0] != "final":
            final = counts_q.get(timeout=30)
        _, mails, unique_mails, posts, unique_posts = final
        with db.read() as s:
            sent = s.scalar(select(func.count()).where(OutboxRow.status == "sent"))
    finally:
        db.close()
        if schema:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))

    ok = (mails, unique_mails, posts, unique_posts) == (expected[0],) * 2 + (expected[1],) * 2
    backend = "postgresql" if args.postgres else "sqlite"
    print(f"backend                 {backend}")
    print(
        f"queued at publish       {queued.emails} e-mails, {queued.webhooks} webhooks "
        f"({t_publish:.2f} s)"
    )
    print(
        f"received                {mails} e-mails ({unique_mails} recipients), "
        f"{posts} webhook posts ({unique_posts} distinct)"
    )
    print(f"expected                {expected[0]} e-mails, {expected[1]} webhook posts")
    print(f"outbox rows sent        {sent}")
    print(
        f"publish -> all received {t_done:.1f} s  "
        f"({(mails + posts) / t_done:.0f} messages/s; target <= 60 s)"
    )
    print(f"result                  {'PASS' if ok and t_done <= 60 else 'FAIL'}")
    sys.exit(0 if ok and t_done <= 60 else 1)


if __name__ == "__main__":
    main()
