"""``vigil subscribers ...``: e-mail subscribers (double opt-in) and partners' webhooks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer
from rich.markup import escape
from sqlalchemy import select

from vigil.alerts import imports, subscribers
from vigil.alerts.filters import make_filters
from vigil.cli.common import out, print_json_line, transaction
from vigil.errors import InputError
from vigil.settings import get_settings
from vigil.store import alerts as store

subs_app = typer.Typer(help="E-mail subscribers and partners' webhooks.", no_args_is_help=True)


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
    language: str = typer.Option(
        "", "--language", help="Language of their mail (en, ru, ...); default: the site's."
    ),
) -> None:
    """Subscribe an address (a confirmation message is queued unless --confirmed)."""
    filters = make_filters(country or [], case or [], organization or [], event_type or [])
    with transaction() as session:
        done = subscribers.subscribe(
            session,
            email,
            name=name,
            filters=filters,
            source="cli",
            confirmed=confirmed,
            language=language or None,
        )
    out.print(f"subscriber {done.subscriber_id}: {done.status}")


def sub_remove(ref: str = typer.Argument(..., help="Id or address.")) -> None:
    """Unsubscribe someone (their queued messages are cancelled)."""
    with transaction() as session:
        row = subscribers.find_subscriber(session, ref)
        subscribers.remove_subscriber(session, row)
        out.print(f"subscriber {row.id}: unsubscribed")


def sub_list(
    status: str = typer.Option(None, "--status", help="pending, active or unsubscribed."),
    limit: int = typer.Option(100, "--limit", "-n", min=1),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List subscribers with their filters."""
    with transaction() as session:
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
    settings = get_settings().alerts
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError("cannot read the file", subject=str(path)) from exc
    if size > settings.import_max_rows * imports.MAX_BYTES_PER_ROW:
        data = path.open("rb").read(settings.import_max_rows * imports.MAX_BYTES_PER_ROW + 1)
    else:
        data = path.read_bytes()
    rows = imports.parse_csv(data, source=path.name, max_rows=settings.import_max_rows)
    with transaction() as session:
        done = imports.import_subscribers(session, rows, confirmed=confirmed)
    out.print(
        f"{done.added} added, {done.already} already subscribed, "
        f"{done.duplicates_in_file} duplicates in the file, "
        f"{done.confirmations_queued} confirmation messages queued"
    )


def sub_confirm(token: str = typer.Argument(...)) -> None:
    """Confirm a subscription with the token of its confirmation link."""
    with transaction() as session:
        sid = subscribers.confirm_subscription(session, token, settings=get_settings().alerts)
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
    with transaction() as session:
        row, secret = subscribers.add_webhook(
            session,
            url,
            actor=get_settings().actor,
            settings=get_settings().alerts,
            owner=owner,
            filters=filters,
            allow_private=allow_private,
        )
        print_json_line({"id": row.id, "url": row.url, "secret": secret})


def hook_list(as_json: bool = typer.Option(False, "--json")) -> None:
    """List webhooks (secrets are not shown)."""
    with transaction() as session:
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
    with transaction() as session:
        row = session.get(store.WebhookRow, hook_id)
        if row is None:
            raise InputError(f"no webhook {hook_id}")
        row.active = False
    out.print(f"webhook {hook_id}: off")


def register(app: typer.Typer) -> None:
    commands: tuple[tuple[str, Callable[..., None]], ...] = (
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
    app.add_typer(subs_app, name="subscribers")
