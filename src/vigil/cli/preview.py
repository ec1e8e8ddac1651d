"""``vigil preview CASE``: what the public would see of a case, before publishing it (the
CLI twin of /cases/ID/preview): the public shape, the facts still to review, the values
withheld."""

from __future__ import annotations

from typing import Any

import typer

from vigil.cli.common import out, print_json_line, transaction
from vigil.settings import get_settings


def preview(
    case_id: int = typer.Argument(..., help="The case's id (see vigil cases)."),
    as_json: bool = typer.Option(False, "--json", help="Everything as one JSON object."),
) -> None:
    """Show the case exactly as the public page would, what still needs review before it
    may be published, and every withheld value."""
    from vigil.cases import get_dossier
    from vigil.cases.publishable import unreviewed_facts
    from vigil.redaction import public_dossier
    from vigil.store.publications import is_public as is_published
    from vigil.store.publications import released_values
    from vigil.web.shapes import withheld_preview

    with transaction() as session:
        dossier = get_dossier(session, case_id)
        live = dossier.summary.id
        released = released_values(session, live)
        data: dict[str, Any] = {
            "case": public_dossier(dossier, released),
            "published": is_published(session, live),
            "requires_review": get_settings().publish_requires_review,
            "pending_review": unreviewed_facts(dossier),
            "withheld": withheld_preview(dossier, released),
        }
    if as_json:
        print_json_line(data)
        return
    case = data["case"]
    out.print(f"[bold]{case['name']}[/bold] ({case['status']}), as the public would see it")
    for event in case["timeline"]:
        mark = "" if event["reviewed"] else "  (not yet reviewed)"
        out.print(
            f"  {event['date'] or 'date unknown'} {event['type']} {event['place'] or ''}{mark}"
        )
    if data["pending_review"]:
        out.print(f"Still to review before publishing ({len(data['pending_review'])}):")
        for line in data["pending_review"]:
            out.print(f"  - {line}", markup=False)
    else:
        out.print("Every fact the public would see is reviewed.")
    for w in data["withheld"]:
        state = "released" if w["released"] else "withheld"
        out.print(f"  {state:8} {w['category']:12} {w['value']}", markup=False)


def register(app: typer.Typer) -> None:
    app.command("preview")(preview)
