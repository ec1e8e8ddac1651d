"""``vigil eval GOLD_DIR [--json]``: precision, recall and F1 against gold records."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from vigil.errors import InputError


def eval_command(
    gold_dir: Path = typer.Argument(..., help="Folder of NAME.txt reports beside NAME.gold.json."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as one JSON object."),
    worst: int = typer.Option(5, "--worst", help="How many of the worst documents to list."),
) -> None:
    """Extract every report in GOLD_DIR and score it per category and overall."""
    from vigil.extract import Extractor
    from vigil.extract.evaluate import CATEGORIES, score

    if not gold_dir.is_dir() or not any(gold_dir.glob("*.gold.json")):
        raise InputError("no *.gold.json files here", subject=str(gold_dir))
    report = score(gold_dir, Extractor())
    if as_json:
        data = report.to_json()
        data["worst"] = [{"doc": d.doc, "f1": round(d.micro.f1, 4)} for d in report.worst(worst)]
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
        title=f"{len(report.docs)} documents in {gold_dir}",
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


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
