"""A real ``vigil worker`` process killed with SIGKILL while sending, to a server that
keeps only the messages it could acknowledge: after a new worker takes over, every
subscriber has the alert (at-least-once), and any copy carries the first one's
Message-ID, so it can be dropped."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest
from sqlalchemy import func, select

from tests.alerts.factories import published_alert
from tests.alerts.receivers import MailSink
from tests.helpers import VIGIL
from vigil.alerts.subscribers import subscribe
from vigil.settings import AlertSettings
from vigil.store.alerts import OutboxRow
from vigil.store.db import Database

N = 300
KILLS = (40, 110, 180)
THREADS = 3


def _start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*VIGIL, "worker", "--email-threads", str(THREADS)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait(cond: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():  # type: ignore[operator]
            return
        time.sleep(0.02)
    raise AssertionError("timed out")


@pytest.mark.slow
def test_sigkill_mid_send_loses_nothing_and_copies_share_the_message_id(
    db: Database, db_url: str, settings: AlertSettings, mail: MailSink
) -> None:
    mail.delay = 0.01  # a server that takes its time, so the kill lands mid-send
    mail.drop_unacknowledged = True
    with db.transaction() as s:
        for i in range(N):
            subscribe(s, f"k{i}@example.org", confirmed=True)
    published_alert(db, settings)
    env = {**os.environ, "VIGIL_DATABASE_URL": db_url, "VIGIL_OUTBOX_LEASE": "2"}

    for kill_at in KILLS:  # workers die, at different points
        proc = _start_worker(env)
        try:
            _wait(lambda k=kill_at: len(mail.messages) >= k, 60)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        assert proc.returncode == -signal.SIGKILL
    assert len(mail.messages) < N, "the workers finished before being killed"

    proc = _start_worker(env)
    try:
        try:
            _wait(lambda: len(mail.messages) >= N, 90)
        except AssertionError:
            with db.read() as s:
                rows = s.execute(
                    select(OutboxRow.status, OutboxRow.attempts, OutboxRow.last_error)
                ).all()
            from collections import Counter

            raise AssertionError(f"{len(mail.messages)} received; outbox {Counter(rows)}") from None

        def all_sent() -> bool:
            with db.read() as s:
                q = select(func.count()).where(OutboxRow.status == "sent")
                return s.scalar(q) == N

        _wait(all_sent, 30)
        time.sleep(0.5)  # anything doubled would arrive now
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    counts = mail.counts()
    assert len(counts) == N, f"{N - len(counts)} subscribers never got the alert"
    # A kill after the server's answer and before the record sends that message again:
    # at most one per sending thread per kill, each copy with the same Message-ID.
    copies = sum(counts.values()) - N
    assert copies <= len(KILLS) * THREADS, counts
    assert all(len(ids) == 1 for ids in mail.message_ids().values())
