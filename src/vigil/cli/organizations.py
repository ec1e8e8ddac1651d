"""``vigil organizations`` and ``vigil organization``: organisations across reports."""

from __future__ import annotations

import dataclasses

import typer
from rich.markup import escape
from rich.table import Table

from vigil.cases import get_organization, list_organizations
from vigil.cli.common import out, print_json_line, reading, transaction
from vigil.operations import cases as decisions
from vigil.settings import get_settings


def organizations(
    kind: str = typer.Option(None, "--kind", help="party, movement, ngo, media, court, ..."),
    limit: int = typer.Option(200, "--limit", "-n", min=1),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per organization."),
) -> None:
    """Organisations named in reports, each once with all its names."""
    with reading() as session:
        rows = list_organizations(session, kind=kind, limit=limit)
    if as_json:
        for row in rows:
            print_json_line(dataclasses.asdict(row))
        return
    table = Table("id", "name", "also named", "kind", "reports", show_edge=False)
    for r in rows:
        table.add_row(
            str(r.id),
            escape(r.name),
            escape("; ".join(r.aliases)),
            r.kind or "",
            str(len(r.sources)),
        )
    out.print(table)


def organization(
    org_id: int = typer.Argument(..., help="Organization id (see vigil organizations)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """One organisation: its names, its people and their positions (people at risk with
    their cases, then persons only named), what was done to it."""
    with reading() as session:
        page = get_organization(session, org_id)
    if as_json:
        print_json_line(dataclasses.asdict(page))
        return
    s = page.summary
    out.print(f"[bold]{escape(s.name)}[/]  organization {s.id}  {s.kind or ''}")
    if s.aliases:
        out.print(f"also named: {escape(', '.join(s.aliases))}")
    for case, positions in page.members:
        out.print(
            f"  {escape(case.name)} (case {case.id}, {case.status}): {escape('; '.join(positions))}"
        )
    for name, positions in page.people:
        out.print(f"  {escape(name)} (no case): {escape('; '.join(positions))}")
    for ev in page.timeline:
        out.print(f"  {ev.date or 'undated':<10} {ev.type}  [dim]reports {ev.sources}[/]")
    out.print(f"reports: {', '.join(map(str, s.sources))}")


def merge_org(
    a: int = typer.Argument(..., help="An organization id."),
    b: int = typer.Argument(..., help="Another organization id: the same organization."),
) -> None:
    """Record that two organisations are one (attributed, undoable with vigil undo)."""
    with transaction() as session:
        done = decisions.merge(session, a, b, actor=get_settings().actor, kind="organization")
    out.print(f"merged into organization {done.case_id}")


def split_org(
    org_id: int = typer.Argument(..., help="The organization id."),
    mentions: list[str] = typer.Argument(..., help="Mention ids to move out (see --json)."),
) -> None:
    """Move some of an organisation's mentions into a new one; never merged back
    automatically."""
    with transaction() as session:
        done = decisions.split(
            session, org_id, mentions, actor=get_settings().actor, kind="organization"
        )
    out.print(f"split off as organization {done.case_id}")


def register(app: typer.Typer) -> None:
    app.command("organizations")(organizations)
    app.command("organization")(organization)
    app.command("merge-org")(merge_org)
    app.command("split-org")(split_org)
