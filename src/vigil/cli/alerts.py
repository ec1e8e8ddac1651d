"""``vigil alert ...``: urgent actions from draft to publication, on the command line."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy.orm import Session

from vigil.alerts import feeds, interventions, workflow
from vigil.cli.common import case_ref, out, print_json_line, transaction
from vigil.errors import ConfigError, InputError
from vigil.operations import alerts as steps
from vigil.settings import get_settings
from vigil.store.alerts import AlertRow

alert_app = typer.Typer(
    help="Urgent actions: draft, review, publish, follow up.", no_args_is_help=True
)


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
    """Draft an urgent action from a case's facts (stored as a draft to edit); a case with
    a published alert gets a follow-up of it, as on the alert desk."""
    with transaction() as session:
        row = steps.draft(session, _dossier(session, case_id), actor=get_settings().actor)
        _show(row, as_json)


def followup(
    alert_id: int = typer.Argument(..., help="The published alert this follows."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Draft a follow-up (charged, sentenced, released) from the case's current facts."""
    with transaction() as session:
        parent = workflow.get_alert(session, alert_id)
        if parent.case_id is None:
            raise InputError(f"alert {alert_id} has no case to follow")
        dossier = _dossier(session, parent.case_id)
        row = steps.draft(session, dossier, actor=get_settings().actor, follows=alert_id)
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
    with transaction() as session:
        _show(steps.edit(session, alert_id, actor=get_settings().actor, **changes), as_json)


def approve(alert_id: int = typer.Argument(...)) -> None:
    """Approve a draft (VIGIL_ACTOR must differ from whoever last edited it)."""
    with transaction() as session:
        row = steps.approve(session, alert_id, actor=get_settings().actor)
        out.print(f"alert {row.id} approved by {escape(row.approved_by or '')}")


def publish(alert_id: int = typer.Argument(...)) -> None:
    """Publish an approved alert: the site and feeds show it, deliveries are queued."""
    settings = get_settings().alerts
    with transaction() as session:
        done = steps.publish(
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
    with transaction() as session:
        _show(workflow.get_alert(session, alert_id), as_json)


def list_(
    status: str = typer.Option(None, "--status", help="draft, approved or published."),
    case_id: int = typer.Option(None, "--case"),
    country: str = typer.Option(None, "--country"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List alerts, newest first."""
    with transaction() as session:
        rows = workflow.list_alerts(session, status=status, case_id=case_id, country=country)
        if as_json:
            for row in rows:
                print_json_line(_alert_json(row))
            return
        table = Table("id", "status", "kind", "case", "country", "title", show_edge=False)
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
    settings = get_settings().alerts
    with transaction() as session:
        data = feeds.atom_feed(
            session, public_url=settings.public_url, country=country, case_id=case_id
        )
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


def intervene(
    case: str = typer.Argument(..., help="Case id (a merged-away id leads to its case)."),
    sender: str = typer.Option(..., "--by", help="Who sent the appeal."),
    authority: str = typer.Option(..., "--to", help="To which authority."),
    sent_on: str = typer.Option(..., "--on", help="Date sent (2024-03-12)."),
    alert_id: int = typer.Option(None, "--alert", help="The urgent action it answered."),
    channel: str = typer.Option(None, "--channel", help="letter, e-mail, meeting, ..."),
    summary: str = typer.Option(None, "--summary"),
) -> None:
    """Record an intervention: an appeal someone sent to an authority."""
    with transaction() as session:
        done = interventions.record_intervention(
            session,
            case_id=case_ref(session, case),
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
    with transaction() as session:
        done = interventions.record_response(
            session, intervention_id, response=text, response_on=response_on, outcome=outcome
        )
        print_json_line(_iv(done))


def interventions_cmd(
    case: str = typer.Argument(..., help="Case id (a merged-away id leads to its case)."),
) -> None:
    """List a case's interventions, oldest first (JSON lines)."""
    with transaction() as session:
        for done in interventions.interventions_for_case(session, case_ref(session, case)):
            print_json_line(_iv(done))


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
    app.add_typer(alert_app, name="alert")
