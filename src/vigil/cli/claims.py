"""``vigil claims``, ``vigil review`` and ``vigil reextract``: the facts extracted from
reports, a reviewer's decisions on them, and extraction run again by a newer Vigil."""

from __future__ import annotations

import json

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy import select

from vigil.cli.common import database, out, print_json_line, reading, transaction
from vigil.errors import InputError, NotFound
from vigil.facts import refs
from vigil.pipeline.extraction import ExtractionStage
from vigil.settings import get_settings
from vigil.store.claims import list_claims, report_names
from vigil.store.models import ClaimRow, Report
from vigil.store.reports import get_report
from vigil.workbench import actions


def _claim_json(row: ClaimRow, names: dict[str, str]) -> dict[str, object]:
    """A claim as stored (persons and organisations by id) with the names of those ids."""
    pointed = [i for ids in refs.ids_in(row.kind, row.value).values() for i in ids]
    return {
        "id": row.id,
        "report_id": row.report_id,
        "kind": row.kind,
        "value": row.value,
        "names": {i: names[i] for i in pointed if i in names},
        "spans": row.spans,
        "stage": row.stage,
        "confidence": row.confidence,
        "status": row.status,
        "extractor": row.extractor,
        "reviewed_by": row.reviewed_by,
        "reviewed_at": row.reviewed_at.isoformat() if row.reviewed_at else None,
    }


def claims(
    report: str = typer.Option(None, "--report", "-r", help="Only this report (id or hash)."),
    status: str = typer.Option(None, "--status", help="machine, confirmed, edited, rejected."),
    kind: str = typer.Option(None, "--kind", help="person, organization, event, charge, ..."),
    limit: int = typer.Option(200, "--limit", "-n", min=1),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per claim."),
) -> None:
    """List extracted facts with their evidence and review state."""
    with reading() as session:
        rid = get_report(session, report).id if report else None
        rows = list_claims(session, report_id=rid, status=status, kind=kind, limit=limit)
        names = {rid: report_names(session, rid) for rid in {r.report_id for r in rows}}
        texts: dict[int, str] = {}
        if not as_json:
            for report_id in {r.report_id for r in rows}:
                texts[report_id] = get_report(session, report_id, with_text=True).text
    if as_json:
        for row in rows:
            print_json_line(_claim_json(row, names[row.report_id]))
        return
    table = Table("id", "report", "kind", "status", "value", "evidence", show_edge=False)
    for row in rows:
        text = texts.get(row.report_id, "")
        evidence = " … ".join(text[a:b] for a, b in row.spans[:2])
        shown = refs.named(row.kind, row.value, names[row.report_id])
        value = json.dumps(shown, ensure_ascii=False)
        table.add_row(
            str(row.id),
            str(row.report_id),
            row.kind,
            row.status,
            escape(value[:80]),
            escape(evidence[:100]),
        )
    out.print(table)
    out.print(f"{len(rows)} claims")


def review(
    claim_id: int = typer.Argument(None, help="The claim's id (see vigil claims)."),
    action: str = typer.Argument(None, help="confirm, reject, edit or reopen."),
    value: str = typer.Option(None, "--value", help="With edit: the new value as JSON."),
    report: str = typer.Option(
        None, "--report", "-r", help="Review one report: list its facts with their state."
    ),
    accept_rest: bool = typer.Option(
        False, "--accept-rest", help="With --report: accept every fact still waiting."
    ),
    as_json: bool = typer.Option(False, "--json", help="With --report: one JSON line a fact."),
) -> None:
    """Record a reviewer's decision on one claim, or review a report (--report): list its
    facts, accept the rest (attributed to VIGIL_ACTOR, in the audit trail)."""
    from vigil.cli import workbench

    if report is not None and claim_id is None:
        if accept_rest:
            workbench.accept_rest(report)
        else:
            workbench.show_report(report, as_json=as_json)
        return
    if claim_id is None or action not in ("confirm", "reject", "edit", "reopen"):
        raise typer.BadParameter(
            "give CLAIM_ID and an action (confirm, reject, edit or reopen), or --report ID"
        )
    new_value = None
    if value is not None:
        try:
            new_value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise InputError(f"--value is not JSON ({exc.msg})", subject="--value") from exc
    with transaction() as session:
        row = session.get(ClaimRow, claim_id)
        if row is None:
            raise NotFound("no such claim", subject=str(claim_id))
        if report is not None and get_report(session, report).id != row.report_id:
            raise NotFound("no such claim in that report", subject=str(claim_id))
        # The workbench's action: progress, the cases that follow, the audit entry.
        row = actions.decide(
            session, row.report_id, claim_id, action, actor=get_settings().actor,
            value=new_value,
        )  # fmt: skip
        print_json_line(_claim_json(row, report_names(session, row.report_id)))


def reextract(
    reports: list[str] = typer.Argument(None, help="Report ids or hashes; none with --all."),
    all_reports: bool = typer.Option(False, "--all", help="Every stored report."),
) -> None:
    """Run extraction again on stored reports: machine claims are updated, claims a
    reviewer confirmed, edited or rejected are left as they are."""
    if not reports and not all_reports:
        raise typer.BadParameter("name report ids, or use --all")
    settings = get_settings()
    stage = ExtractionStage(actor=settings.actor, model=settings.spacy_model)
    stage.load()
    db = database()
    try:
        with db.read() as session:
            if all_reports:
                ids = list(session.scalars(select(Report.id).order_by(Report.id)))
            else:
                ids = [get_report(session, ref).id for ref in reports]
        totals = {"added": 0, "updated": 0, "retracted": 0, "kept_reviewed": 0}
        for start in range(0, len(ids), 50):
            with db.transaction() as session:
                for stats in stage.rerun(session, ids[start : start + 50]).values():
                    for key in totals:
                        totals[key] += getattr(stats, key)
    finally:
        db.close()
    out.print(
        f"{len(ids)} reports: {totals['added']} claims added, {totals['updated']} updated, "
        f"{totals['retracted']} retracted, {totals['kept_reviewed']} reviewed claims kept"
    )


def register(app: typer.Typer) -> None:
    app.command("claims")(claims)
    app.command("review")(review)
    app.command("reextract")(reextract)
