"""Delivery through the outbox to a real SMTP server and a real HTTP receiver on
loopback: counts, signatures, unsubscribe links, header injection, outages and retries."""

from __future__ import annotations

import json
import re
import threading
import time

import pytest
from sqlalchemy import select, update

from tests.alerts.factories import published_alert
from tests.alerts.receivers import HookSink, MailSink
from vigil.alerts.messages import verify
from vigil.alerts.subscribers import add_webhook, subscribe, unsubscribe
from vigil.alerts.worker import Worker
from vigil.settings import AlertSettings, get_settings
from vigil.store.alerts import OutboxRow, SubscriberRow, claim_batch, outbox_counts
from vigil.store.db import Database
from vigil.store.models import utcnow


def _subscribers(db: Database, n: int) -> None:
    with db.transaction() as s:
        for i in range(n):
            subscribe(s, f"p{i}@example.org", name=f"Person {i}", confirmed=True)


def _drain_until(db: Database, settings: AlertSettings, done: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        Worker(db, settings, email_threads=2, webhook_threads=2, poll=0.1).drain()
        with db.read() as s:
            if (
                sum(c.get("sent", 0) + c.get("failed", 0) for c in outbox_counts(s).values())
                >= done
            ):
                return
        time.sleep(0.1)
    raise AssertionError("outbox did not drain")


def test_each_subscriber_and_webhook_gets_the_alert_once(
    db: Database, settings: AlertSettings, mail: MailSink, hooks: HookSink
) -> None:
    _subscribers(db, 25)
    with db.transaction() as s:
        _, secret = add_webhook(
            s, hooks.url(), actor="admin", settings=settings, allow_private=True
        )
    aid = published_alert(db, settings)
    stats = Worker(db, settings, email_threads=3, webhook_threads=2).drain()
    assert stats.sent == 26 and stats.failed == 0
    assert mail.counts() == {f"p{i}@example.org": 1 for i in range(25)}
    assert hooks.deliveries() == {f"/hook:{aid}": 1}
    _, headers, body = hooks.requests[0]
    assert verify(secret, body, headers["X-Vigil-Timestamp"], headers["X-Vigil-Signature"])
    assert not verify("wrong", body, headers["X-Vigil-Timestamp"], headers["X-Vigil-Signature"])
    doc = json.loads(body)
    assert doc["event"] == "alert.published" and doc["alert"]["title"].startswith("Kazakhstan")
    assert "Dana Bekova" not in body.decode()
    # A second worker run finds nothing to do.
    assert Worker(db, settings).drain().sent == 0
    assert len(mail.messages) == 25


def test_every_message_carries_a_working_unsubscribe_link(
    db: Database, settings: AlertSettings, mail: MailSink
) -> None:
    _subscribers(db, 2)
    published_alert(db, settings)
    Worker(db, settings).drain()
    msg = next(m for m in mail.parsed() if m["To"].addresses[0].username == "p0")
    link = msg["List-Unsubscribe"].strip("<>")
    assert link.startswith("https://vigil.example/alerts/unsubscribe/")
    assert "@" not in link and "example.org" not in link
    assert link in msg.get_content()
    with db.transaction() as s:
        unsubscribe(s, link.rsplit("/", 1)[1], settings=settings)
    mail.messages.clear()
    published_alert(db, settings, case_id=8)
    Worker(db, settings).drain()
    assert mail.counts() == {"p1@example.org": 1}


def test_a_stored_name_with_line_breaks_cannot_add_headers(
    db: Database, settings: AlertSettings, mail: MailSink
) -> None:
    _subscribers(db, 1)
    with db.transaction() as s:  # as if written by an older version or by hand
        s.execute(update(SubscriberRow).values(name="Eve\r\nBcc: victim@evil.org"))
    published_alert(db, settings)
    Worker(db, settings).drain()
    assert mail.counts() == {"p0@example.org": 1}
    raw = mail.messages[0][1]
    assert b"\nBcc:" not in raw and b"\rBcc:" not in raw
    assert mail.parsed()[0]["Bcc"] is None


def test_smtp_outage_loses_nothing_and_resumes(
    db: Database, alert_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    down = MailSink()  # not started yet: connections are refused
    monkeypatch.setenv("VIGIL_SMTP_PORT", str(down.port))
    monkeypatch.setenv("VIGIL_OUTBOX_RETRY_BASE", "1")
    monkeypatch.setenv("VIGIL_OUTBOX_RETRY_MAX", "1")
    monkeypatch.setenv("VIGIL_OUTBOX_MAX_ATTEMPTS", "1")  # outages do not use attempts up
    settings = get_settings().alerts
    _subscribers(db, 10)
    published_alert(db, settings)
    stats = Worker(db, settings, email_threads=2).drain()
    assert stats.sent == 0 and stats.retried == 10
    with db.read() as s:
        assert outbox_counts(s)["email"] == {"queued": 10}
    down.start()
    try:
        _drain_until(db, settings, 10)
        assert down.counts() == {f"p{i}@example.org": 1 for i in range(10)}
    finally:
        down.stop()


def test_refused_recipient_fails_others_proceed(
    db: Database, settings: AlertSettings, mail: MailSink
) -> None:
    _subscribers(db, 3)
    mail.reject.add("p1@example.org")
    published_alert(db, settings)
    stats = Worker(db, settings).drain()
    assert stats.sent == 2 and stats.failed == 1
    with db.read() as s:
        row = s.scalars(select(OutboxRow).where(OutboxRow.status == "failed")).one()
        assert "550" in (row.last_error or "")


def test_webhook_receiver_down_then_back(
    db: Database,
    alert_env: dict[str, str],
    mail: MailSink,
    hooks: HookSink,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The retry waits longer than a drain on a loaded machine takes (with the suite's 0.2 s
    # a slow drain met the retry already due and counted two), and is made due by hand.
    monkeypatch.setenv("VIGIL_OUTBOX_RETRY_BASE", "60")
    monkeypatch.setenv("VIGIL_OUTBOX_RETRY_MAX", "60")
    settings = get_settings().alerts
    with db.transaction() as s:
        add_webhook(s, hooks.url(), actor="admin", settings=settings, allow_private=True)
    hooks.status = 503
    aid = published_alert(db, settings)
    assert Worker(db, settings).drain().retried == 1
    assert hooks.requests == []
    hooks.status = 200
    with db.transaction() as s:
        s.execute(update(OutboxRow).values(next_attempt_at=utcnow()))
    _drain_until(db, settings, 1)
    assert hooks.deliveries() == {f"/hook:{aid}": 1}
    with db.read() as s:
        row = s.scalars(select(OutboxRow)).one()
        assert row.status == "sent" and row.attempts == 1


def test_webhook_client_errors_are_final(
    db: Database, settings: AlertSettings, hooks: HookSink
) -> None:
    with db.transaction() as s:
        add_webhook(s, hooks.url(), actor="admin", settings=settings, allow_private=True)
    hooks.status = 404
    published_alert(db, settings)
    assert Worker(db, settings).drain().failed == 1


def test_private_webhooks_are_refused_at_send_time_too(
    db: Database, settings: AlertSettings, hooks: HookSink, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Registered while the admin setting allowed it; the setting was then switched off.
    monkeypatch.setenv("VIGIL_ALLOW_PRIVATE_WEBHOOKS", "true")
    with db.transaction() as s:
        add_webhook(s, hooks.url(), actor="admin", settings=get_settings().alerts)
    monkeypatch.setenv("VIGIL_ALLOW_PRIVATE_WEBHOOKS", "false")
    settings = get_settings().alerts
    published_alert(db, settings)
    assert Worker(db, settings).drain().failed == 1
    assert hooks.requests == []
    with db.read() as s:
        assert "private" in (s.scalars(select(OutboxRow)).one().last_error or "")


def test_pipelining_server(
    db: Database, alert_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sink = MailSink(pipelining=True).start()
    try:
        monkeypatch.setenv("VIGIL_SMTP_PORT", str(sink.port))
        settings = get_settings().alerts
        _subscribers(db, 12)
        published_alert(db, settings)
        assert Worker(db, settings, email_threads=2).drain().sent == 12
        assert sink.counts() == {f"p{i}@example.org": 1 for i in range(12)}
        # Dots at line starts survive (dot-stuffing).
        assert all(re.search(rb"\r\n\.\.", m) is None for _, m in sink.messages)
    finally:
        sink.stop()


def test_a_receiver_that_times_out_gets_copies_with_one_delivery_id(
    db: Database, hooks: HookSink, monkeypatch: pytest.MonkeyPatch, alert_env: dict[str, str]
) -> None:
    """At-least-once: a POST whose answer never came is sent again later, with the same
    X-Vigil-Delivery id and body ``delivery``, which receivers de-duplicate on."""
    monkeypatch.setenv("VIGIL_WEBHOOK_TIMEOUT", "0.3")
    settings = get_settings().alerts
    with db.transaction() as s:
        add_webhook(s, hooks.url(), actor="admin", settings=settings, allow_private=True)
    hooks.hang = 1.0  # answers after the sender gave up
    published_alert(db, settings)
    assert Worker(db, settings).drain().retried == 1
    hooks.hang = 0.0
    _drain_until(db, settings, 1)
    with db.read() as s:
        assert s.scalars(select(OutboxRow)).one().status == "sent"
    assert len(hooks.requests) == 2
    ids = {h["X-Vigil-Delivery"] for _, h, _ in hooks.requests}
    bodies = {json.loads(b)["delivery"] for _, _, b in hooks.requests}
    assert len(ids) == 1 and bodies == {int(next(iter(ids)))}


def test_a_stopping_worker_gives_back_the_rows_it_has_not_sent(
    db: Database, settings: AlertSettings, mail: MailSink, hooks: HookSink
) -> None:
    _subscribers(db, 3)
    with db.transaction() as s:
        add_webhook(s, hooks.url(), actor="admin", settings=settings, allow_private=True)
    published_alert(db, settings)
    worker = Worker(db, settings)
    stop = threading.Event()
    stop.set()
    with db.transaction() as s:
        emails = claim_batch(s, "email", 50, 60)
        webhooks = claim_batch(s, "webhook", 50, 60)
    assert len(emails) == 3 and len(webhooks) == 1
    assert worker._emails(None, emails, stop) is True  # type: ignore[arg-type]
    worker._webhooks(None, webhooks, stop)  # type: ignore[arg-type]
    with db.read() as s:
        assert outbox_counts(s) == {"email": {"queued": 3}, "webhook": {"queued": 1}}
    assert mail.counts() == {} and hooks.deliveries() == {}
