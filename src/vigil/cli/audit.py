"""``vigil audit``: who changed what and when, from the CLI and the browser alike."""

from __future__ import annotations

import typer
from rich.markup import escape

from vigil.cli.common import out, print_json_line, reading
from vigil.operations.audit import entry_json, trail


def audit(
    limit: int = typer.Option(50, "--limit", "-n", min=1),
    actor: str = typer.Option(None, "--actor", help="Only changes by this actor."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per entry."),
) -> None:
    """The audit trail, newest first: actor, action, subject (ids, never report text)."""
    with reading() as session:
        entries = [entry_json(e) for e in trail(session, limit=limit, actor=actor)]
    for e in entries:
        if as_json:
            print_json_line(e)
            continue
        detail = " ".join(f"{k}={v}" for k, v in e["detail"].items())
        out.print(
            f"{e['at'][:19]}  {escape(e['actor'])}  {e['action']}  {e['subject']}  "
            f"{escape(detail)}".rstrip()
        )


def register(app: typer.Typer) -> None:
    app.command("audit")(audit)
