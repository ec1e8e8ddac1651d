"""Draft -> edit -> approve (by someone else) -> publish, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.alerts.factories import dossier, published_alert
from vigil.alerts.draft import draft_from_dossier
from vigil.alerts.filters import make_filters
from vigil.alerts.subscribers import add_webhook, remove_subscriber, subscribe
from vigil.alerts.validate import HeaderInjection
from vigil.alerts.workflow import (
    WorkflowError,
    approve_alert,
    create_alert,
    edit_alert,
    get_alert,
    publish_alert,
)
from vigil.errors import InputError
from vigil.settings import AlertSettings
from vigil.store.alerts import OutboxRow, SubscriberRow
from vigil.store.db import Database

URL = "https://vigil.example"


def _queued(db: Database, alert_id: int) -> dict[str, set[int]]:
    with db.read() as s:
        rows = s.execute(
            select(OutboxRow.channel, OutboxRow.subscriber_id, OutboxRow.webhook_id).where(
                OutboxRow.alert_id == alert_id
            )
        ).all()
    return {
        "email": {r[1] for r in rows if r[0] == "email"},
        "webhook": {r[2] for r in rows if r[0] == "webhook"},
    }


def test_review_rules(db: Database) -> None:
    with db.transaction() as s:
        row = create_alert(s, draft_from_dossier(dossier()), actor="ed")
        with pytest.raises(WorkflowError, match="another person"):
            approve_alert(s, row.id, actor="ed")
        with pytest.raises(WorkflowError, match="only approved"):
            publish_alert(s, row.id, actor="rev", public_url=URL)
        approve_alert(s, row.id, actor="rev")
        # An edit after approval sends it back for review.
        edit_alert(s, row.id, actor="rev", body="Changed.")
        assert get_alert(s, row.id).status == "draft"
        with pytest.raises(WorkflowError):
            approve_alert(s, row.id, actor="rev")
        approve_alert(s, row.id, actor="ed")
        publish_alert(s, row.id, actor="ed", public_url=URL)
        with pytest.raises(WorkflowError):
            publish_alert(s, row.id, actor="ed", public_url=URL)
        with pytest.raises(WorkflowError, match="follow-up"):
            edit_alert(s, row.id, actor="ed", title="Late change")


def test_titles_with_line_breaks_are_refused(db: Database) -> None:
    with db.transaction() as s:
        row = create_alert(s, draft_from_dossier(dossier()), actor="ed")
        with pytest.raises(HeaderInjection):
            edit_alert(s, row.id, actor="ed", title="Hi\r\nBcc: all@evil.org")
        with pytest.raises(InputError):
            edit_alert(s, row.id, actor="ed", status="published")


def test_publishing_redacts_and_freezes_the_public_text(
    db: Database, settings: AlertSettings
) -> None:
    with db.transaction() as s:
        row = create_alert(s, draft_from_dossier(dossier()), actor="ed")
        edit_alert(
            s,
            row.id,
            actor="ed",
            body="Her sister Dana Bekova (+7 701 555 12 34, 15 Abay Street, apt. 42) "
            "was questioned. Call Marat Ospanov on tel. 8-701-555-1234.",
            withheld=["Marat Ospanov"],
        )
        approve_alert(s, row.id, actor="rev")
        publish_alert(s, row.id, actor="rev", public_url=URL)
    with db.read() as s:
        public = get_alert(s, row.id).public
    assert public is not None
    body = public["body"]
    for secret in ("Dana Bekova", "701 555", "Abay Street", "42", "Marat Ospanov"):
        assert secret not in body, secret
    assert body.count("[withheld]") >= 4
    assert public["url"] == f"{URL}/alerts/{row.id}"


def test_publishing_queues_matching_subscribers_and_webhooks(
    db: Database, settings: AlertSettings
) -> None:
    with db.transaction() as s:
        everyone = subscribe(s, "all@example.org", confirmed=True).subscriber_id
        kz = subscribe(
            s, "kz@example.org", filters=make_filters(["kz"]), confirmed=True
        ).subscriber_id
        subscribe(s, "by@example.org", filters=make_filters(["BY"]), confirmed=True)
        case = subscribe(s, "case@example.org", filters=make_filters(cases=[7]), confirmed=True)
        org = subscribe(
            s,
            "org@example.org",
            filters=make_filters(organizations=["kazakhstan bureau for human rights"]),
            confirmed=True,
        ).subscriber_id
        subscribe(
            s, "trial@example.org", filters=make_filters(event_types=["trial"]), confirmed=True
        )
        subscribe(s, "pending@example.org")  # never confirmed
        gone = subscribe(s, "gone@example.org", confirmed=True).subscriber_id
        remove_subscriber(s, s.get(SubscriberRow, gone))  # type: ignore[arg-type]
        hook, _ = add_webhook(
            s, "http://127.0.0.1:9/h", actor="admin", settings=settings, allow_private=True
        )
        add_webhook(
            s,
            "http://127.0.0.1:9/by",
            actor="admin",
            settings=settings,
            allow_private=True,
            filters=make_filters(["BY"]),
        )
    aid = published_alert(db, settings)
    queued = _queued(db, aid)
    assert queued["email"] == {everyone, kz, case.subscriber_id, org}
    assert queued["webhook"] == {hook.id}


def test_followups_reach_earlier_recipients_and_only_once(
    db: Database, settings: AlertSettings
) -> None:
    with db.transaction() as s:
        first = subscribe(s, "first@example.org", confirmed=True).subscriber_id
    aid = published_alert(db, settings)
    with db.transaction() as s:
        # Narrows their filter after the first alert: follow-ups of it still reach them.
        sub = s.get(SubscriberRow, first)
        assert sub is not None
        sub.event_types = ["killing"]
        later = subscribe(s, "later@example.org", confirmed=True).subscriber_id
        follow = create_alert(
            s, draft_from_dossier(dossier(status="sentenced")), actor="ed", parent_id=aid
        )
        approve_alert(s, follow.id, actor="rev")
        publish_alert(s, follow.id, actor="rev", public_url=URL)
        assert get_alert(s, follow.id).kind == "followup"
    assert _queued(db, follow.id)["email"] == {first, later}
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxRow)) == 3
        assert (get_alert(s, follow.id).public or {})["follows"] == aid


def test_followup_needs_a_published_alert(db: Database) -> None:
    with db.transaction() as s:
        row = create_alert(s, draft_from_dossier(dossier()), actor="ed")
        with pytest.raises(WorkflowError):
            create_alert(s, draft_from_dossier(dossier()), actor="ed", parent_id=row.id)
