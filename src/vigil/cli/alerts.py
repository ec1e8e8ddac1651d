"""``vigil alert ...``, ``vigil subscribers ...``, ``vigil outbox`` and ``vigil worker``:
urgent actions from draft to delivery, on the command line."""

from __future__ import annotations

import importlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy.orm import Session

from vigil.alerts import draft as drafting
from vigil.alerts import feeds, imports, interventions, subscribers, workflow
from vigil.alerts.config import get_alert_settings
from vigil.alerts.filters import make_filters
from vigil.alerts.worker import Worker
from vigil.cli.common import database, out, print_json_line
from vigil.errors import ConfigError, InputError
from vigil.settings import get_settings
from vigil.store import alerts as store
from vigil.store.alerts import AlertRow

alert_app = typer.Typer(
    help="Urgent actions: draft, review, publish, follow up.", no_args_is_help=True
)
subs_app = typer.Typer(help="E-mail subscribers and partners' webhooks.", no_args_is_help=True)


@contextmanager
def _tx() -> Iterator[Session]:
    db = database()
    try:
        with db.transaction() as session:
            yield session
    finally:
        db.close()


def _alert_json(row: AlertRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "case_id": row.case_id,
        "follows": row.parent_id,
        "kind": row.kind,
        "status": row.status,
        "title": row.title,
        "body": row.body,
        "country": row.country,
        "event_type": row.event_type,
        "organizations": row.organizations,
        "asks": row.asks,
        "appeal_to": row.appeal_to,
        "withheld": row.withheld,
        "created_by": row.created_by,
        "edited_by": row.edited_by,
        "approved_by": row.approved_by,
        "published_at": row.published_at.isoformat() if row.published_at else None,
        "public": row.public,
    }


def _show(row: AlertRow, as_json: bool) -> None:
    if as_json:
        print_json_line(_alert_json(row))
        return
    out.print(f"[bold]alert {row.id}[/bold] ({row.kind}, {row.status}) case {row.case_id}")
    out.print(escape(row.title))
    out.print(escape(row.body))
    for ask in row.asks:
        out.print(f"  - {escape(ask)}")
    if row.appeal_to:
        out.print("appeals to: " + escape("; ".join(row.appeal_to)))
    if row.withheld:
        out.print("withheld: " + escape("; ".join(row.withheld)))


def _dossier(session: Session, case_id: int) -> Any:
    cases = importlib.import_module("vigil.cases")
    get_dossier = getattr(cases, "get_dossier", None)
    if get_dossier is None:
        raise ConfigError("case dossiers are not available in this version of Vigil")
    return get_dossier(session, case_id)


def draft(
    case_id: int = typer.Argument(..., help="The case's id (see vigil cases)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Draft an urgent action from a case's facts (stored as a draft to edit)."""
    with _tx() as session:
        proposal = drafting.draft_from_dossier(_dossier(session, case_id))
        row = workflow.create_alert(session, proposal, actor=get_settings().actor)
        _show(row, as_json)


def followup(
    alert_id: int = typer.Argument(..., help="The published alert this follows."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Draft a follow-up (charged, sentenced, released) from the case's current facts."""
    with _tx() as session:
        parent = workflow.get_alert(session, alert_id)
        if parent.case_id is None:
            raise InputError(f"alert {alert_id} has no case to follow")
        proposal = drafting.draft_from_dossier(_dossier(session, parent.case_id))
        row = workflow.create_alert(
            session, proposal, actor=get_settings().actor, parent_id=alert_id
        )
        _show(row, as_json)


def _read_text(path: str) -> str:
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    try:
        return data.decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", subject=path) from exc


def edit(
    alert_id: int = typer.Argument(...),
    title: str = typer.Option(None, "--title"),
    body_file: str = typer.Option(None, "--body-file", help="New body from a file or -."),
    ask: list[str] = typer.Option(None, "--ask", help="Replace the asks (repeat)."),
    appeal_to: list[str] = typer.Option(None, "--appeal-to", help="Replace (repeat)."),
    withhold: list[str] = typer.Option(None, "--withhold", help="Never publish this value."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Edit a draft; an approved alert returns to draft and needs approving again."""
    changes: dict[str, Any] = {}
    if title is not None:
        changes["title"] = title
    if body_file is not None:
        changes["body"] = _read_text(body_file)
    if ask:
        changes["asks"] = ask
    if appeal_to:
        changes["appeal_to"] = appeal_to
    if withhold:
        changes["withheld"] = withhold
    with _tx() as session:
        _show(
            workflow.edit_alert(session, alert_id, actor=get_settings().actor, **changes), as_json
        )


def approve(alert_id: int = typer.Argument(...)) -> None:
    """Approve a draft (VIGIL_ACTOR must differ from whoever last edited it)."""
    with _tx() as session:
        row = workflow.approve_alert(session, alert_id, actor=get_settings().actor)
        out.print(f"alert {row.id} approved by {escape(row.approved_by or '')}")


def publish(alert_id: int = typer.Argument(...)) -> None:
    """Publish an approved alert: the site and feeds show it, deliveries are queued."""
    settings = get_alert_settings()
    with _tx() as session:
        done = workflow.publish_alert(
            session, alert_id, actor=get_settings().actor, public_url=settings.public_url
        )
    out.print(
        f"alert {done.alert_id} published: {done.emails} e-mails and {done.webhooks} "
        "webhook posts queued (vigil worker sends them)"
    )


def show(
    alert_id: int = typer.Argument(...), as_json: bool = typer.Option(False, "--json")
) -> None:
    """Show one alert as editors see it (and its public shape once published)."""
    with _tx() as session:
        _show(workflow.get_alert(session, alert_id), as_json)


def list_(
    status: str = typer.Option(None, "--status", help="draft, approved or published."),
    case_id: int = typer.Option(None, "--case"),
    country: str = typer.Option(None, "--country"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List alerts, newest first."""
    with _tx() as session:
        rows = workflow.list_alerts(session, status=status, case_id=case_id, country=country)
        if as_json:
            for row in rows:
                print_json_line(_alert_json(row))
            return
        table = Table(show_edge=False)
        for col in ("id", "status", "kind", "case", "country", "title"):
            table.add_column(col)
        for r in rows:
            table.add_row(
                str(r.id), r.status, r.kind, str(r.case_id or ""), r.country or "", escape(r.title)
            )
        out.print(table)


def feed(
    country: str = typer.Option(None, "--country"),
    case_id: int = typer.Option(None, "--case"),
    output: Path = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
) -> None:
    """Write the Atom feed of published alerts (all, one country, or one case)."""
    settings = get_alert_settings()
    with _tx() as session:
        data = feeds.atom_feed(
            session, public_url=settings.public_url, country=country, case_id=case_id
        )
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


def intervene(
    case_id: int = typer.Argument(...),
    sender: str = typer.Option(..., "--by", help="Who sent the appeal."),
    authority: str = typer.Option(..., "--to", help="To which authority."),
    sent_on: str = typer.Option(..., "--on", help="Date sent (2024-03-12)."),
    alert_id: int = typer.Option(None, "--alert", help="The urgent action it answered."),
    channel: str = typer.Option(None, "--channel", help="letter, e-mail, meeting, ..."),
    summary: str = typer.Option(None, "--summary"),
) -> None:
    """Record an intervention: an appeal someone sent to an authority."""
    with _tx() as session:
        done = interventions.record_intervention(
            session,
            case_id=case_id,
            sender=sender,
            authority=authority,
            sent_on=sent_on,
            actor=get_settings().actor,
            alert_id=alert_id,
            channel=channel,
            summary=summary,
        )
        print_json_line(_iv(done))


def _iv(done: interventions.Intervention) -> dict[str, Any]:
    return {f: getattr(done, f) for f in done.__slots__}


def response(
    intervention_id: int = typer.Argument(...),
    text: str = typer.Option(None, "--response", help="What the authority answered."),
    response_on: str = typer.Option(None, "--on", help="Date of the answer."),
    outcome: str = typer.Option(None, "--outcome", help="What happened after."),
) -> None:
    """Record an authority's answer to an intervention, and what followed."""
    with _tx() as session:
        done = interventions.record_response(
            session, intervention_id, response=text, response_on=response_on, outcome=outcome
        )
        print_json_line(_iv(done))


def interventions_cmd(case_id: int = typer.Argument(...)) -> None:
    """List a case's interventions, oldest first (JSON lines)."""
    with _tx() as session:
        for done in interventions.interventions_for_case(session, case_id):
            print_json_line(_iv(done))


# --- subscribers and webhooks -----------------------------------------------------------

_COUNTRY = typer.Option(None, "--country", help="Only alerts about this country (repeat).")
_CASE = typer.Option(None, "--case", help="Only alerts about this case (repeat).")
_ORG = typer.Option(None, "--organization", help="Only alerts naming it (repeat).")
_TYPE = typer.Option(None, "--event-type", help="arrest, charge, sentence, ... (repeat).")


def sub_add(
    email: str = typer.Argument(...),
    name: str = typer.Option(None, "--name"),
    country: list[str] = _COUNTRY,
    case: list[int] = _CASE,
    organization: list[str] = _ORG,
    event_type: list[str] = _TYPE,
    confirmed: bool = typer.Option(
        False, "--confirmed", help="The person already agreed elsewhere: no opt-in message."
    ),
) -> None:
    """Subscribe an address (a confirmation message is queued unless --confirmed)."""
    filters = make_filters(country or [], case or [], organization or [], event_type or [])
    with _tx() as session:
        done = subscribers.subscribe(
            session, email, name=name, filters=filters, source="cli", confirmed=confirmed
        )
    out.print(f"subscriber {done.subscriber_id}: {done.status}")


def sub_remove(ref: str = typer.Argument(..., help="Id or address.")) -> None:
    """Unsubscribe someone (their queued messages are cancelled)."""
    with _tx() as session:
        row = subscribers.find_subscriber(session, ref)
        subscribers.remove_subscriber(session, row)
        out.print(f"subscriber {row.id}: unsubscribed")


def sub_list(
    status: str = typer.Option(None, "--status", help="pending, active or unsubscribed."),
    limit: int = typer.Option(100, "--limit", "-n", min=1),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List subscribers with their filters."""
    from sqlalchemy import select

    with _tx() as session:
        stmt = select(store.SubscriberRow).order_by(store.SubscriberRow.id).limit(limit)
        if status:
            stmt = stmt.where(store.SubscriberRow.status == status)
        for row in session.scalars(stmt):
            doc = {
                "id": row.id,
                "email": row.email,
                "name": row.name,
                "status": row.status,
                "countries": row.countries,
                "cases": row.cases,
                "organizations": row.organizations,
                "event_types": row.event_types,
                "source": row.source,
            }
            if as_json:
                print_json_line(doc)
            else:
                out.print(escape(f"{row.id}\t{row.status}\t{row.email}\t{row.countries or ''}"))


def sub_import(
    path: Path = typer.Argument(..., help="CSV with a header: email,name,countries,..."),
    confirmed: bool = typer.Option(
        False, "--confirmed", help="Everyone on the list already agreed: no opt-in messages."
    ),
) -> None:
    """Import subscribers from CSV: every line is checked first; one bad line, none stored."""
    settings = get_alert_settings()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError("cannot read the file", subject=str(path)) from exc
    if size > settings.import_max_rows * imports.MAX_BYTES_PER_ROW:
        data = path.open("rb").read(settings.import_max_rows * imports.MAX_BYTES_PER_ROW + 1)
    else:
        data = path.read_bytes()
    rows = imports.parse_csv(data, source=path.name, max_rows=settings.import_max_rows)
    with _tx() as session:
        done = imports.import_subscribers(session, rows, confirmed=confirmed)
    out.print(
        f"{done.added} added, {done.already} already subscribed, "
        f"{done.duplicates_in_file} duplicates in the file, "
        f"{done.confirmations_queued} confirmation messages queued"
    )


def sub_confirm(token: str = typer.Argument(...)) -> None:
    """Confirm a subscription with the token of its confirmation link."""
    with _tx() as session:
        sid = subscribers.confirm_subscription(session, token, settings=get_alert_settings())
    out.print(f"subscriber {sid}: active")


def hook_add(
    url: str = typer.Argument(...),
    owner: str = typer.Option(None, "--owner", help="The partner organisation."),
    allow_private: bool = typer.Option(
        False, "--allow-private", help="Admin only: allow a private or loopback address."
    ),
    country: list[str] = _COUNTRY,
    case: list[int] = _CASE,
    organization: list[str] = _ORG,
    event_type: list[str] = _TYPE,
) -> None:
    """Register a partner's webhook; prints the signing secret once."""
    filters = make_filters(country or [], case or [], organization or [], event_type or [])
    with _tx() as session:
        row, secret = subscribers.add_webhook(
            session,
            url,
            actor=get_settings().actor,
            settings=get_alert_settings(),
            owner=owner,
            filters=filters,
            allow_private=allow_private,
        )
        print_json_line({"id": row.id, "url": row.url, "secret": secret})


def hook_list(as_json: bool = typer.Option(False, "--json")) -> None:
    """List webhooks (secrets are not shown)."""
    from sqlalchemy import select

    with _tx() as session:
        for row in session.scalars(select(store.WebhookRow).order_by(store.WebhookRow.id)):
            doc = {
                "id": row.id,
                "url": row.url,
                "owner": row.owner,
                "active": row.active,
                "allow_private": row.allow_private,
                "countries": row.countries,
            }
            if as_json:
                print_json_line(doc)
            else:
                out.print(escape(f"{row.id}\t{'on' if row.active else 'off'}\t{row.url}"))


def hook_remove(hook_id: int = typer.Argument(...)) -> None:
    """Switch a webhook off (queued posts to it are dropped)."""
    with _tx() as session:
        row = session.get(store.WebhookRow, hook_id)
        if row is None:
            raise InputError(f"no webhook {hook_id}")
        row.active = False
    out.print(f"webhook {hook_id}: off")


# --- delivery ---------------------------------------------------------------------------


def outbox(
    status: str = typer.Option(None, "--status", help="queued, sending, sent or failed."),
    alert_id: int = typer.Option(None, "--alert"),
    limit: int = typer.Option(20, "--limit", "-n", min=0),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Queue failed ones again."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """What is queued, being sent, sent and failed (counts, then the newest messages)."""
    with _tx() as session:
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
        table = Table(show_edge=False)
        for col in ("id", "channel", "alert", "to", "status", "attempts", "error"):
            table.add_column(col)
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
            db, get_alert_settings(), email_threads=email_threads, webhook_threads=webhook_threads
        )
        stats = w.drain() if once else w.run(stop)
    finally:
        db.close()
    out.print(f"{stats.sent} sent, {stats.retried} to retry, {stats.failed} failed")


def register(app: typer.Typer) -> None:
    commands: tuple[tuple[str, Callable[..., None]], ...] = (
        ("draft", draft),
        ("edit", edit),
        ("approve", approve),
        ("publish", publish),
        ("followup", followup),
        ("show", show),
        ("list", list_),
        ("feed", feed),
        ("intervene", intervene),
        ("response", response),
        ("interventions", interventions_cmd),
    )
    for name, fn in commands:
        alert_app.command(name)(fn)
    commands = (
        ("add", sub_add),
        ("remove", sub_remove),
        ("list", sub_list),
        ("import", sub_import),
        ("confirm", sub_confirm),
        ("webhook-add", hook_add),
        ("webhooks", hook_list),
        ("webhook-remove", hook_remove),
    )
    for name, fn in commands:
        subs_app.command(name)(fn)
    app.add_typer(alert_app, name="alert")
    app.add_typer(subs_app, name="subscribers")
    app.command("outbox")(outbox)
    app.command("worker")(worker)
