"""``vigil cases``, ``case``, ``merge``, ``split``, ``undo``, ``decisions``, ``charges``:
the people at risk across all reports, and reviewers' decisions about who is who."""

from __future__ import annotations

import dataclasses
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy import select

from vigil.cases import (
    Dossier,
    Fact,
    charges_by_article,
    get_dossier,
    list_cases,
    list_decisions,
)
from vigil.cli.common import case_ref, err, out, print_json_line, reading, transaction
from vigil.operations import cases as case_ops
from vigil.settings import get_settings
from vigil.store.cases import PersonMentionRow


def _summary_json(summary: Any) -> dict[str, Any]:
    data = dataclasses.asdict(summary)
    data["aliases"], data["charges"] = list(summary.aliases), list(summary.charges)
    data["sources"] = list(summary.sources)
    return data


def cases(
    country: str = typer.Option(None, "--country", help="ISO country code, e.g. KZ."),
    status: str = typer.Option(None, "--status", help="detained, charged, sentenced, ..."),
    event_type: str = typer.Option(None, "--event", help="Cases with an event of this type."),
    article: str = typer.Option(None, "--article", help="Cases charged under this article."),
    limit: int = typer.Option(100, "--limit", "-n", min=1),
    as_json: bool = typer.Option(False, "--json", help="A JSON array of cases."),
) -> None:
    """People at risk with their status, country, latest event, charges and sources."""
    with reading() as session:
        rows = list_cases(
            session,
            country=country,
            status=status,
            event_type=event_type,
            article=article,
            limit=limit,
        )
    if as_json:
        print_json_line([_summary_json(r) for r in rows])
        return
    table = Table(
        "id", "name", "status", "country", "latest event", "charges", "reports", show_edge=False
    )
    for r in rows:
        latest = f"{r.latest_event or ''} {r.latest_event_date or ''}".strip()
        table.add_row(
            str(r.id),
            escape(r.name),
            r.status,
            r.country or "",
            latest,
            escape("; ".join(r.charges)[:50]),
            str(len(r.sources)),
        )
    out.print(table)
    out.print(f"{len(rows)} cases")


def _fact_line(fact: Fact, fields: tuple[str, ...]) -> str:
    value = ", ".join(str(fact.value.get(f)) for f in fields if fact.value.get(f))
    return f"{escape(value)}  [dim](reports {', '.join(map(str, fact.sources))})[/]"


def case(
    ref: str = typer.Argument(..., help="Case id, or a name or spelling of the person."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """The dossier of one person: names, biography, affiliations, relatives, status,
    charges, sentences, and the timeline of events from all reports with their sources."""
    with reading() as session:
        dossier = get_dossier(session, case_ref(session, ref))
        mentions = session.execute(
            select(PersonMentionRow.id, PersonMentionRow.report_id, PersonMentionRow.name)
            .where(PersonMentionRow.case_id == dossier.summary.id)
            .order_by(PersonMentionRow.report_id)
        ).all()
    if as_json:
        data = dataclasses.asdict(dossier)
        data["mentions"] = [
            {"id": m.id, "report_id": m.report_id, "name": m.name} for m in mentions
        ]
        print_json_line(data)
        return
    _print_dossier(dossier, mentions)


def _print_dossier(d: Dossier, mentions: Any) -> None:
    s = d.summary
    out.print(f"[bold]{escape(s.name)}[/]  case {s.id}  [bold]{s.status}[/]  {s.country or ''}")
    if s.aliases:
        out.print(f"also written: {escape(', '.join(s.aliases))}")
    for title, facts, fields in (
        ("born", d.birth_dates, ("birth_date",)),
        ("birthplace", d.birth_places, ("birth_place",)),
        ("role", d.roles, ("role",)),
        ("affiliations", d.affiliations, ("position", "organization")),
        ("relatives", d.relatives, ("relation", "relative")),
        ("charges", d.charges, ("law", "article", "offence")),
        ("sentences", d.sentences, ("penalty", "term_months", "amount", "currency", "note")),
    ):
        for fact in facts:
            out.print(f"{title}: {_fact_line(fact, fields)}")
    out.print("[bold]timeline[/]")
    for ev in d.timeline:
        where = ", ".join(x for x in (ev.place, ev.country) if x)
        out.print(
            f"  {ev.date or 'undated':<10} {ev.type:<12} {escape(where)}  "
            f"[dim]reports {', '.join(map(str, ev.sources))}[/]"
        )
        for e in ev.evidence[:2]:
            out.print(f"      [dim]“{escape(e.quote[:160])}”[/]")
    for c in d.conflicts:
        values = " / ".join(
            f"{v.value.get('date') or v.value} ({', '.join(map(str, v.sources)) or 'other report'})"
            for v in c.values
        )
        out.print(f"[yellow]reports disagree on {escape(c.field)}[/]: {escape(values)}")
    for why in d.merges:
        out.print(f"[dim]{escape(why)}[/]")
    for p in d.proposals:
        out.print(
            f"[yellow]may be the same person as case {p.other_case}[/] ({p.score:.2f}: "
            f"{escape('; '.join(p.reasons))}); decide with vigil merge {s.id} {p.other_case}"
        )
    out.print("mentions: " + ", ".join(f"{m.id} (report {m.report_id})" for m in mentions))


def merge(
    a: str = typer.Argument(..., help="A case id or name."),
    b: str = typer.Argument(..., help="Another case id or name: the same person."),
) -> None:
    """Record that two cases are one person; Vigil keeps them together from now on."""
    with transaction() as session:
        done = case_ops.merge(
            session, case_ref(session, a), case_ref(session, b),
            actor=get_settings().actor,
        )  # fmt: skip
    out.print(f"merged into case {done.case_id}")


def split(
    ref: str = typer.Argument(..., help="The case id or name."),
    mentions: list[str] = typer.Argument(..., help="Mention ids to move out (see vigil case)."),
) -> None:
    """Move some mentions out of a case into a new one; Vigil never merges them back
    unless a reviewer does."""
    with transaction() as session:
        done = case_ops.split(session, case_ref(session, ref), mentions, actor=get_settings().actor)
    if done.case_id is None:
        out.print("split off; no case of their own (no report says anything was done to them)")
    else:
        out.print(f"split off as case {done.case_id}")


def decisions(
    limit: int = typer.Option(50, "--limit", "-n", min=1),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Reviewers' merges and splits, newest first, with who, when and whether undone."""
    with reading() as session:
        rows = list_decisions(session, limit=limit)
    for d in rows:
        item = {
            "id": d.id,
            "action": d.action,
            "actor": d.actor,
            "at": d.at.isoformat(),
            "detail": d.detail,
            "undone_by": d.undone_by,
            "undone_at": d.undone_at.isoformat() if d.undone_at else None,
        }
        if as_json:
            print_json_line(item)
        else:
            undone = f"  undone by {d.undone_by}" if d.undone_by else ""
            out.print(f"{d.id}  {d.at:%Y-%m-%d %H:%M}  {d.actor}  {d.action} {d.detail}{undone}")


def undo(decision: int = typer.Argument(..., help="Decision id (see vigil decisions).")) -> None:
    """Undo a reviewer's merge or split; the cases are resolved again without it."""
    with transaction() as session:
        case_ops.undo(session, decision, actor=get_settings().actor)
    out.print(f"decision {decision} undone")


def charges(
    country: str = typer.Option(None, "--country", help="ISO country code, e.g. KZ."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Who was charged under each article, and since when."""
    with reading() as session:
        groups = charges_by_article(session, country=country)
    for g in groups:
        if as_json:
            print_json_line(dataclasses.asdict(g))
            continue
        out.print(f"[bold]{escape(g.country or '??')} article {escape(g.article)}[/]")
        for p in g.people:
            out.print(
                f"  {p.since or 'date unknown':<12} {escape(p.name)} (case {p.case_id}, {p.status})"
            )


def rebuild_cases(
    reports: list[int] = typer.Argument(None, help="Report ids; none: every report."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress lines."),
    organizations: bool = typer.Option(
        False, "--organizations", help="Rebuild organisation mentions too (report by report)."
    ),
) -> None:
    """Rebuild person mentions from claims and resolve them into cases in one run (after a
    bulk import, a restore or a resolver upgrade); the same cases as report by report."""
    from vigil.cases import update_report_orgs
    from vigil.cases.rebuild import rebuild_cases as rebuild
    from vigil.store.models import Report

    def progress(stage: str, done: int, total: int) -> None:
        if not quiet and (done == total or done % 10000 == 0):
            err.print(f"{stage}: {done:,} / {total:,}")

    with transaction() as session:
        result = rebuild(session, reports or None, progress=progress)
        touched: set[int] = set()
        if organizations:
            ids = reports or list(session.scalars(select(Report.id).order_by(Report.id)))
            for done, report_id in enumerate(ids, 1):
                touched |= update_report_orgs(session, report_id)
                progress("organisations", done, len(ids))
    orgs = f", {len(touched)} organisations refreshed" if organizations else ""
    out.print(
        f"{result.reports} reports, {result.mentions} person mentions resolved, "
        f"{result.cases} cases refreshed{orgs}"
    )


def register(app: typer.Typer) -> None:
    for fn in (cases, case, merge, split, decisions, undo, charges):
        app.command(fn.__name__)(fn)
    app.command("rebuild-cases")(rebuild_cases)
