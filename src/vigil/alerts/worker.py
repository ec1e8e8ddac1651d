"""The delivery worker: threads that claim outbox rows, send them, and record the result.

    worker = Worker(db, get_settings().alerts)
    worker.run(stop_event)          # until stop_event is set (``vigil worker``)
    stats = worker.drain()          # in-process: until nothing is due, then return

Each thread owns its SMTP connection (reused for every message) or its webhook
connections; several threads send concurrently. Failures are retried with exponential
backoff; a message fails for good after ``max_attempts`` or on a permanent refusal.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from vigil.alerts.messages import AlertMail, confirmation_email, webhook_body, webhook_headers
from vigil.alerts.smtp import DeliveryError, SmtpSender
from vigil.alerts.validate import normalize_email
from vigil.alerts.webhooks import WebhookSender
from vigil.errors import InputError
from vigil.settings import AlertSettings
from vigil.store.alerts import (
    AlertRow,
    Claimed,
    SubscriberRow,
    WebhookRow,
    claim_batch,
    mark_retry,
    mark_sent,
    release,
)
from vigil.store.db import Database
from vigil.store.models import utcnow

log = logging.getLogger(__name__)


@dataclass
class Stats:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, what: str) -> None:
        with self.lock:
            setattr(self, what, getattr(self, what) + 1)


class Worker:
    def __init__(
        self,
        db: Database,
        settings: AlertSettings,
        *,
        email_threads: int = 4,
        webhook_threads: int = 8,
        batch: int = 50,
        poll: float = 1.0,
    ) -> None:
        self.db = db
        self.settings = settings
        self.threads = {"email": email_threads, "webhook": webhook_threads}
        self.batch = batch
        self.poll = poll
        self.stats = Stats()
        self._alerts: dict[int, dict[str, Any]] = {}
        self._mails: dict[tuple[int, str | None], AlertMail] = {}
        self._alerts_lock = threading.Lock()
        self._sender_addr = parseaddr(settings.mail_from)[1]

    # --- running ----------------------------------------------------------------------

    def run(self, stop: threading.Event, *, until_idle: bool = False) -> Stats:
        threads = [
            threading.Thread(
                target=self._loop, args=(channel, stop, until_idle), name=f"{channel}-{i}"
            )
            for channel, n in self.threads.items()
            for i in range(n)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return self.stats

    def drain(self) -> Stats:
        """Send everything due now; return when nothing is (retries later stay queued)."""
        return self.run(threading.Event(), until_idle=True)

    def _loop(self, channel: str, stop: threading.Event, until_idle: bool) -> None:
        smtp = SmtpSender(self.settings) if channel == "email" else None
        hooks = (
            WebhookSender(
                timeout=self.settings.webhook_timeout,
                allow_private=self.settings.allow_private_webhooks,
            )
            if channel == "webhook"
            else None
        )
        try:
            while not stop.is_set():
                with self.db.transaction() as session:
                    rows = claim_batch(session, channel, self.batch, self.settings.outbox_lease)
                if not rows:
                    if until_idle:
                        return
                    stop.wait(self.poll)
                    continue
                if smtp is not None:
                    if not self._emails(smtp, rows, stop) and until_idle:
                        return  # the server is down: draining ends, the rows wait
                elif hooks is not None:
                    self._webhooks(hooks, rows, stop)
        finally:
            if smtp is not None:
                smtp.close()
            if hooks is not None:
                hooks.close()

    # --- one batch ----------------------------------------------------------------------

    def _public(self, alert_id: int) -> dict[str, Any] | None:
        with self._alerts_lock:
            if alert_id in self._alerts:
                return self._alerts[alert_id]
        with self.db.read() as session:
            public = session.scalar(select(AlertRow.public).where(AlertRow.id == alert_id))
        if public is not None:
            with self._alerts_lock:
                self._alerts[alert_id] = public
        return public

    def _mail(self, alert_id: int, language: str | None) -> AlertMail | None:
        """The alert's mail in one language, rendered once per worker."""
        key = (alert_id, language)
        with self._alerts_lock:
            if key in self._mails:
                return self._mails[key]
        public = self._public(alert_id)
        if public is None:
            return None
        mail = AlertMail(self.settings, public, language)
        with self._alerts_lock:
            self._mails[key] = mail
        return mail

    def _in_turn(self, rows: list[Claimed], stop: threading.Event) -> Iterator[tuple[int, Claimed]]:
        """The rows of a batch in turn, with their place; once ``stop`` is set, the rest
        are given back to the queue untouched."""
        for i, row in enumerate(rows):
            if stop.is_set():
                self._release(rows[i:])
                return
            yield i, row

    def _emails(self, smtp: SmtpSender, rows: list[Claimed], stop: threading.Event) -> bool:
        """Send a batch; False when the server went down (the rest waits for a retry)."""
        ids = [r.subscriber_id for r in rows if r.subscriber_id is not None]
        with self.db.read() as session:
            subs = {
                sid: (email, name, status, language)
                for sid, email, name, status, language in session.execute(
                    select(
                        SubscriberRow.id,
                        SubscriberRow.email,
                        SubscriberRow.name,
                        SubscriberRow.status,
                        SubscriberRow.language,
                    ).where(SubscriberRow.id.in_(ids))
                )
            }
        for i, row in self._in_turn(rows, stop):
            sub = subs.get(row.subscriber_id or -1)
            wanted = "active" if row.purpose == "alert" else "pending"
            if sub is None or sub[2] != wanted:
                self._give_up(row, f"subscriber is no longer {wanted}")
                continue
            email, name, _, language = sub
            try:
                email = normalize_email(email)  # also what goes into RCPT TO
            except InputError as exc:
                self._give_up(row, exc.message)
                continue
            if row.purpose == "confirm":
                data = confirmation_email(
                    self.settings,
                    outbox_id=row.id,
                    subscriber_id=row.subscriber_id or 0,
                    to=email,
                    name=name,
                    language=language,
                ).as_bytes()
            else:
                mail = self._mail(row.alert_id or 0, language)
                if mail is None:
                    self._give_up(row, "alert is not published")
                    continue
                data = mail.render(
                    outbox_id=row.id, subscriber_id=row.subscriber_id or 0, to=email, name=name
                )
            try:
                smtp.send(data, self._sender_addr, email)
            except DeliveryError as exc:
                self._failed(row, exc)
                if exc.connection:
                    # The server is down: the rest of the batch waits with this row.
                    for rest in rows[i + 1 :]:
                        self._failed(rest, exc)
                    stop.wait(min(self.settings.retry_base, 5.0))
                    return False
                continue
            self._sent(row)
        return True

    def _webhooks(self, sender: WebhookSender, rows: list[Claimed], stop: threading.Event) -> None:
        ids = [r.webhook_id for r in rows if r.webhook_id is not None]
        with self.db.read() as session:
            hooks = {
                wid: (url, secret, allow, active)
                for wid, url, secret, allow, active in session.execute(
                    select(
                        WebhookRow.id,
                        WebhookRow.url,
                        WebhookRow.secret,
                        WebhookRow.allow_private,
                        WebhookRow.active,
                    ).where(WebhookRow.id.in_(ids))
                )
            }
        for _, row in self._in_turn(rows, stop):
            hook = hooks.get(row.webhook_id or -1)
            public = self._public(row.alert_id or 0)
            if hook is None or not hook[3] or public is None:
                self._give_up(row, "webhook removed or alert not published")
                continue
            url, secret, allow, _ = hook
            body = webhook_body(public, outbox_id=row.id)
            try:
                sender.post(
                    row.webhook_id or 0,
                    url,
                    allow,
                    body,
                    webhook_headers(secret, body, outbox_id=row.id),
                )
            except DeliveryError as exc:
                self._failed(row, exc)
                continue
            self._sent(row)

    # --- outcomes -------------------------------------------------------------------------

    def backoff(self, attempts: int, *, forever: bool = False) -> datetime | None:
        """When to try again after ``attempts`` failures; None: give up. A server or
        network that is down (``forever``) is no fault of the message: it waits on."""
        if attempts >= self.settings.max_attempts and not forever:
            return None
        delay = min(self.settings.retry_base * 2 ** max(attempts - 1, 0), self.settings.retry_max)
        return utcnow() + timedelta(seconds=delay * random.uniform(0.8, 1.2))  # noqa: S311

    def _sent(self, row: Claimed) -> None:
        """Record a delivery the server or receiver accepted. Should this fail (the
        database away, the lease lost to another worker), the row is sent again later
        under the same message id: at-least-once, never lost."""
        try:
            with self.db.engine.begin() as conn:
                ours = mark_sent(conn, row.id, row.claim)
        except SQLAlchemyError as exc:
            log.warning("outbox %s sent but not recorded (%s): it will be sent again", row.id,
                        type(exc).__name__)  # fmt: skip
            ours = False
        if not ours:
            log.debug("outbox %s: lease lost after sending; a copy may follow", row.id)
        self.stats.add("sent")

    def _failed(self, row: Claimed, exc: DeliveryError) -> None:
        at = self.backoff(row.attempts + 1, forever=exc.connection) if exc.temporary else None
        with self.db.transaction() as session:
            mark_retry(session, row.id, row.claim, str(exc), at=at)
        self.stats.add("retried" if at else "failed")
        log.debug("outbox %s: %s (%s)", row.id, exc, "retry" if at else "failed")

    def _give_up(self, row: Claimed, reason: str) -> None:
        with self.db.transaction() as session:
            mark_retry(session, row.id, row.claim, reason, at=None)
        self.stats.add("failed")

    def _release(self, rows: list[Claimed]) -> None:
        if rows:
            with self.db.transaction() as session:
                release(session, [r.id for r in rows], rows[0].claim)
