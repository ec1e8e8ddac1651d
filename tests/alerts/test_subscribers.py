"""Double opt-in through real mail: subscribe, receive the link, confirm, unsubscribe."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.alerts.factories import published_alert
from tests.alerts.receivers import MailSink
from vigil.alerts.filters import make_filters
from vigil.alerts.subscribers import (
    confirm_subscription,
    find_subscriber,
    subscribe,
    unsubscribe,
)
from vigil.alerts.tokens import BadToken
from vigil.alerts.worker import Worker
from vigil.errors import InputError
from vigil.settings import AlertSettings
from vigil.store.alerts import OutboxRow, SubscriberRow
from vigil.store.db import Database

LINK = re.compile(r"https://vigil\.example/alerts/(confirm|unsubscribe)/(\S+)")


def _links(msg_text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in LINK.finditer(msg_text)}


def test_double_opt_in(db: Database, settings: AlertSettings, mail: MailSink) -> None:
    with db.transaction() as s:
        done = subscribe(s, "ana@example.org", name="Ana", filters=make_filters(["KZ"]))
    assert done.status == "pending" and done.confirmation_queued
    published_alert(db, settings)  # pending subscribers get no alerts
    Worker(db, settings).drain()
    assert mail.counts() == {"ana@example.org": 1}
    msg = mail.parsed()[0]
    assert "Confirm your subscription" in msg["Subject"]
    links = _links(msg.get_content())
    assert set(links) == {"confirm", "unsubscribe"}
    with db.transaction() as s:
        with pytest.raises(BadToken):  # the unsubscribe token cannot confirm
            confirm_subscription(s, links["unsubscribe"], settings=settings)
        assert confirm_subscription(s, links["confirm"], settings=settings) == done.subscriber_id
        confirm_subscription(s, links["confirm"], settings=settings)  # twice is harmless
    mail.messages.clear()
    published_alert(db, settings, case_id=9)
    Worker(db, settings).drain()
    assert mail.counts() == {"ana@example.org": 1}
    alert_links = _links(mail.parsed()[0].get_content())
    with db.transaction() as s:
        unsubscribe(s, alert_links["unsubscribe"], settings=settings)
        assert find_subscriber(s, "ana@example.org").status == "unsubscribed"


def test_confirmations_are_rate_limited(db: Database, settings: AlertSettings) -> None:
    with db.transaction() as s:
        assert subscribe(s, "b@example.org").confirmation_queued
        assert not subscribe(s, "b@example.org").confirmation_queued
        assert subscribe(s, "b@example.org").status == "pending"
    with db.read() as s:
        assert len(s.scalars(select(OutboxRow)).all()) == 1


def test_an_active_subscription_is_not_reset_by_a_form(db: Database) -> None:
    with db.transaction() as s:
        subscribe(s, "c@example.org", confirmed=True)
        again = subscribe(s, "C@example.org")
        assert again.status == "active" and not again.confirmation_queued


def test_bad_input_is_refused(db: Database) -> None:
    with db.transaction() as s:
        with pytest.raises(InputError):
            subscribe(s, "not-an-address")
        with pytest.raises(InputError):
            subscribe(s, "d@example.org", name="D\r\nBcc: x@evil.org")
        with pytest.raises(InputError):
            make_filters(["Kazakhstan"])
    with db.read() as s:
        assert s.scalars(select(SubscriberRow)).all() == []


def test_an_old_confirmation_link_does_not_undo_an_unsubscription(
    db: Database, settings: AlertSettings
) -> None:
    import time

    from vigil.alerts.tokens import CONFIRM, UNSUBSCRIBE, make_token

    key = settings.secret_key
    with db.transaction() as s:
        sid = subscribe(s, "leaver@example.org").subscriber_id
    old = make_token(key, CONFIRM, sid, now=time.time() - 60)  # in the first message
    with db.transaction() as s:
        confirm_subscription(s, old, settings=settings)
        unsubscribe(s, make_token(key, UNSUBSCRIBE, sid), settings=settings)
    with db.transaction() as s, pytest.raises(BadToken):
        confirm_subscription(s, old, settings=settings)
    with db.read() as s:
        assert find_subscriber(s, "leaver@example.org").status == "unsubscribed"
    # Subscribing again: the old link still does nothing, the new one confirms.
    with db.transaction() as s:
        subscribe(s, "leaver@example.org")
    with db.transaction() as s, pytest.raises(BadToken):
        confirm_subscription(s, old, settings=settings)
    with db.transaction() as s:
        confirm_subscription(
            s, make_token(key, CONFIRM, sid, now=time.time() + 1), settings=settings
        )
        assert find_subscriber(s, "leaver@example.org").status == "active"
