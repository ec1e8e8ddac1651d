"""An urgent action's life: drafted from a case, edited, approved by a second person,
published (frozen public text, deliveries queued in the same transaction), followed up.

    alert = create_alert(session, draft, actor="editor")
    edit_alert(session, alert.id, actor="editor", body="...")
    approve_alert(session, alert.id, actor="reviewer")      # not the last editor
    publish_alert(session, alert.id, actor="reviewer", public_url=...)
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from vigil.alerts.draft import AlertDraft
from vigil.alerts.filters import Target, matches
from vigil.alerts.publicize import public_alert
from vigil.alerts.validate import header_text
from vigil.errors import InputError, NotFound, VigilError
from vigil.store.alerts import QUEUED, AlertRow, OutboxRow, SubscriberRow, WebhookRow
from vigil.store.models import utcnow
from vigil.store.publications import is_public, members

log = logging.getLogger(__name__)

DRAFT, APPROVED, PUBLISHED = "draft", "approved", "published"
EDITABLE = ("title", "body", "country", "event_type", "organizations", "asks", "appeal_to")


class WorkflowError(VigilError):
    code = "E530"


@dataclass(frozen=True, slots=True)
class Published:
    alert_id: int
    emails: int
    webhooks: int


def get_alert(session: Session, alert_id: int) -> AlertRow:
    row = session.get(AlertRow, alert_id)
    if row is None:
        raise NotFound(f"no alert {alert_id}", subject=str(alert_id))
    return row


def list_alerts(
    session: Session,
    *,
    status: str | None = None,
    case_id: int | None = None,
    country: str | None = None,
    limit: int = 100,
) -> list[AlertRow]:
    stmt = select(AlertRow).order_by(AlertRow.id.desc()).limit(limit)
    if status:
        stmt = stmt.where(AlertRow.status == status)
    if case_id is not None:
        stmt = stmt.where(AlertRow.case_id == case_id)
    if country:
        stmt = stmt.where(AlertRow.country == country.upper())
    return list(session.scalars(stmt))


def _check_title(title: str) -> str:
    value = header_text(title, "title", max_len=300)
    if not value:
        raise InputError("an alert needs a title")
    return value


def create_alert(
    session: Session, draft: AlertDraft, *, actor: str, parent_id: int | None = None
) -> AlertRow:
    """Store a draft (from ``draft_from_dossier`` or typed by an editor)."""
    if parent_id is not None:
        parent = get_alert(session, parent_id)
        if parent.status != PUBLISHED:
            raise WorkflowError(
                f"alert {parent_id} is not published; follow-ups need a published alert"
            )
    row = AlertRow(
        case_id=draft.case_id,
        mentions=members(session, draft.case_id) if draft.case_id is not None else None,
        parent_id=parent_id,
        status=DRAFT,
        kind="followup" if parent_id is not None else "alert",
        title=_check_title(draft.title),
        body=draft.body,
        country=draft.country,
        event_type=draft.event_type,
        organizations=list(draft.organizations),
        asks=list(draft.asks),
        appeal_to=list(draft.appeal_to),
        withheld=list(draft.withheld),
        created_by=actor,
        edited_by=actor,
    )
    session.add(row)
    session.flush()
    return row


def edit_alert(session: Session, alert_id: int, *, actor: str, **changes: Any) -> AlertRow:
    """Change a draft (an approved alert goes back to draft: it needs approving again)."""
    row = get_alert(session, alert_id)
    if row.status == PUBLISHED:
        raise WorkflowError(f"alert {alert_id} is published; publish a follow-up instead")
    for key, value in changes.items():
        if key == "withheld":
            row.withheld = sorted(set(row.withheld) | {str(v) for v in value})
            continue
        if key not in EDITABLE:
            raise InputError(f"cannot edit {key!r} of an alert")
        if key == "title":
            value = _check_title(str(value))
        setattr(row, key, list(value) if isinstance(value, list | tuple) else value)
    row.status = DRAFT
    row.approved_by = None
    row.edited_by = actor
    row.updated_at = utcnow()
    return row


def approve_alert(session: Session, alert_id: int, *, actor: str) -> AlertRow:
    """A reviewer's approval: someone other than whoever last edited the text."""
    row = get_alert(session, alert_id)
    if row.status != DRAFT:
        raise WorkflowError(f"alert {alert_id} is {row.status}, not a draft")
    if actor == row.edited_by:
        raise WorkflowError(f"alert {alert_id} was last edited by {actor}; another person approves")
    row.status = APPROVED
    row.approved_by = actor
    row.updated_at = utcnow()
    return row


def public_shape(
    session: Session, row: AlertRow, *, published_at: str, public_url: str
) -> dict[str, Any]:
    """What the public will receive of ``row``: the frozen shape at publishing, and the
    preview a reviewer sees before (the same function, so the two cannot differ)."""
    # The frozen shape (webhooks, e-mails) names the case only if the public may see it.
    shown = row.case_id if row.case_id is not None and is_public(session, row.case_id) else None
    return public_alert(
        alert_id=row.id,
        case_id=shown,
        parent_id=row.parent_id,
        kind=row.kind,
        title=row.title,
        body=row.body,
        country=row.country,
        event_type=row.event_type,
        organizations=row.organizations,
        asks=row.asks,
        appeal_to=row.appeal_to,
        withheld=row.withheld,
        published_at=published_at,
        url=f"{public_url}/alerts/{row.id}",
    )


def preview_alert(session: Session, alert_id: int, *, public_url: str) -> dict[str, Any]:
    """The public shape the alert would have if it were published now."""
    row = get_alert(session, alert_id)
    return public_shape(session, row, published_at=utcnow().isoformat(), public_url=public_url)


def publish_alert(session: Session, alert_id: int, *, actor: str, public_url: str) -> Published:
    """Freeze the public text and queue one message per matching subscriber and webhook,
    all in the caller's transaction: published and queued together, or neither."""
    row = get_alert(session, alert_id)
    if row.status != APPROVED:
        raise WorkflowError(f"alert {alert_id} is {row.status}; only approved alerts are published")
    now = utcnow()
    row.status = PUBLISHED
    row.published_at = now
    row.published_by = actor
    row.public = public_shape(session, row, published_at=now.isoformat(), public_url=public_url)
    want = Target(row.country, row.case_id, tuple(row.organizations), row.event_type)
    earlier = _earlier_recipients(session, row)
    subs = session.execute(
        select(
            SubscriberRow.id,
            SubscriberRow.countries,
            SubscriberRow.cases,
            SubscriberRow.organizations,
            SubscriberRow.event_types,
        ).where(SubscriberRow.status == "active")
    ).all()
    email_rows = [
        _outbox("email", row.id, now, subscriber_id=sid)
        for sid, countries, cases, orgs, types in subs
        if sid in earlier or matches(want, countries, cases, orgs, types)
    ]
    hooks = session.execute(
        select(
            WebhookRow.id,
            WebhookRow.countries,
            WebhookRow.cases,
            WebhookRow.organizations,
            WebhookRow.event_types,
        ).where(WebhookRow.active.is_(True))
    ).all()
    hook_rows = [
        _outbox("webhook", row.id, now, webhook_id=wid)
        for wid, countries, cases, orgs, types in hooks
        if matches(want, countries, cases, orgs, types)
    ]
    for chunk in range(0, len(email_rows) + len(hook_rows), 5000):
        batch = (email_rows + hook_rows)[chunk : chunk + 5000]
        session.execute(insert(OutboxRow), batch)
    log.info(
        "alert %s published: %d e-mails, %d webhooks queued",
        row.id,
        len(email_rows),
        len(hook_rows),
    )
    return Published(row.id, len(email_rows), len(hook_rows))


def _earlier_recipients(session: Session, row: AlertRow) -> set[int]:
    """Subscribers who received the alert a follow-up follows (still active ones get it)."""
    if row.parent_id is None:
        return set()
    chain: list[int] = []
    parent: int | None = row.parent_id
    while parent is not None and parent not in chain:
        chain.append(parent)
        parent = session.scalar(select(AlertRow.parent_id).where(AlertRow.id == parent))
    ids = session.scalars(
        select(OutboxRow.subscriber_id).where(
            OutboxRow.alert_id.in_(chain), OutboxRow.channel == "email"
        )
    )
    return {i for i in ids if i is not None}


def _outbox(
    channel: str,
    alert_id: int,
    now: Any,
    *,
    subscriber_id: int | None = None,
    webhook_id: int | None = None,
) -> dict[str, Any]:
    recipient = subscriber_id if channel == "email" else webhook_id
    return {
        "dedupe": f"alert:{alert_id}:{channel}:{recipient}",
        "channel": channel,
        "purpose": "alert",
        "alert_id": alert_id,
        "subscriber_id": subscriber_id,
        "webhook_id": webhook_id,
        "status": QUEUED,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }
