"""``vigil eval GOLD_DIR [--json]``: precision, recall and F1 against gold records;
``vigil eval --reviewed``: against the organisation's own reviewed reports."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from vigil.errors import InputError

if TYPE_CHECKING:
    from vigil.extract.evaluate import EvalReport


def eval_command(
    gold_dir: Path = typer.Argument(
        None, help="Folder of NAME.txt reports beside NAME.gold.json (not with --reviewed)."
    ),
    reviewed: bool = typer.Option(
        False,
        "--reviewed",
        help="Score against the reviewed reports in the database (and keep the figures).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as one JSON object."),
    worst: int = typer.Option(5, "--worst", help="How many of the worst documents to list."),
    errors: bool = typer.Option(
        False, "--errors", help="List, per document, each gold fact missed and each spurious one."
    ),
) -> None:
    """Extract every report in GOLD_DIR (or every reviewed report) and score it per
    category and overall."""
    from vigil.extract import Extractor
    from vigil.extract.evaluate import CATEGORIES, MICRO, describe, score

    if reviewed:
        if gold_dir is not None:
            raise typer.BadParameter("give a folder or --reviewed, not both")
        report = _score_reviewed(Extractor())
        where = "reviewed reports"
    else:
        if gold_dir is None:
            raise typer.BadParameter("give a folder of gold records, or --reviewed")
        if not gold_dir.is_dir() or not any(gold_dir.glob("*.gold.json")):
            raise InputError("no *.gold.json files here", subject=str(gold_dir))
        report = score(gold_dir, Extractor())
        where = str(gold_dir)
    if as_json:
        data = report.to_json()
        data["worst"] = [{"doc": d.doc, "f1": round(d.micro.f1, 4)} for d in report.worst(worst)]
        if errors:
            data["errors"] = {
                d.doc: {
                    c: {"missed": m.missed, "spurious": m.spurious}
                    for c, m in d.errors.items()
                    if c in MICRO and (m.missed or m.spurious)
                }
                for d in report.docs
            }
        sys.stdout.write(json.dumps(data) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(
        "category",
        "P",
        "R",
        "F1",
        "tp",
        "fp",
        "fn",
        title=f"{len(report.docs)} documents in {where}",
    )
    for name in CATEGORIES:
        s = report.totals[name]
        table.add_row(
            name,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            str(s.tp),
            str(s.fp),
            str(s.fn),
        )
    m = report.micro
    table.add_row(
        "[bold]micro",
        f"{m.precision:.3f}",
        f"{m.recall:.3f}",
        f"[bold]{m.f1:.3f}",
        str(m.tp),
        str(m.fp),
        str(m.fn),
    )
    console = Console()
    console.print(table)
    console.print("Worst documents (micro F1):")
    for d in report.worst(worst):
        parts = ", ".join(
            f"{c.split('_')[0]} {d.scores[c].f1:.2f}"
            for c in ("persons", "organizations", "events_strict", "charges", "sentences")
        )
        console.print(f"  {d.doc}: {d.micro.f1:.3f} ({parts})")
    if errors:
        for d in report.docs:
            lines = [
                f"    {c}: {sign} {describe(c, item)}"
                for c in MICRO
                for sign, items in (("-", d.errors[c].missed), ("+", d.errors[c].spurious))
                for item in items
            ]
            if lines:
                console.print(f"[bold]{d.doc}[/bold] (- missed, + spurious)", highlight=False)
                for line in lines:
                    console.print(line, highlight=False, markup=False)


def _score_reviewed(extractor: Any) -> EvalReport:
    """Score the reviewed reports and keep the figures as a run (the quality page's history)."""
    from vigil.cli.common import transaction
    from vigil.quality.measure import measure_extractor, record_run
    from vigil.settings import get_settings

    with transaction() as session:
        report = measure_extractor(session, extractor)
        if not report.docs:
            raise InputError("no reviewed reports yet (every claim of a report decided)")
        record_run(session, report, source="extractor", actor=get_settings().actor)
    return report


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
