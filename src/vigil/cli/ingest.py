"""``vigil ingest``: store reports from files, directories and standard input."""

from __future__ import annotations

from collections import Counter

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from vigil.cli.common import database, err, out, print_json_line
from vigil.pipeline.extraction import ExtractionStage, update_cases
from vigil.pipeline.ingest import AfterStore, Ingestor, Outcome
from vigil.pipeline.inputs import Input, expand
from vigil.settings import get_settings


def ingest(
    paths: list[str] = typer.Argument(
        None, help="Files, directories (read recursively) or - for standard input."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object per input."),
    samples: bool = typer.Option(False, "--samples", help="Also ingest the bundled samples."),
    extract: bool = typer.Option(
        True, "--extract/--no-extract", help="Extract facts (claims) from each new report."
    ),
) -> None:
    """Store each report exactly as received, with its text and metadata.

    The same bytes ingested twice are one report. A file that cannot be read is rejected
    with a reason; the rest of the batch goes on. Exit status 1 if any input was rejected.
    """
    settings = get_settings()
    names = list(paths or [])
    if samples:
        from vigil.samples import sample_paths

        names.extend(str(p) for p in sample_paths())
    if not names:
        raise typer.BadParameter("name at least one PATH, - for standard input, or --samples")
    inputs = list(expand(names))
    db = database()
    stages: list[AfterStore] = []
    if extract:
        extraction = ExtractionStage(
            actor=settings.actor,
            model=settings.spacy_model,
            budget=settings.extract_budget_seconds,
        )
        extraction.load()  # a missing model fails here, once, not on every report
        stages = [extraction, update_cases]
    ingestor = Ingestor(
        db, actor=settings.actor, max_bytes=settings.max_report_bytes, after_store=stages
    )
    outcomes: list[Outcome] = []
    try:
        if as_json:
            for outcome in ingestor.ingest(inputs):
                outcomes.append(outcome)
                print_json_line(outcome.to_json())
        else:
            outcomes = _with_progress(ingestor, inputs)
            _summary(outcomes)
    finally:
        db.close()
    if any(o.status == "rejected" for o in outcomes):
        raise typer.Exit(1)


def _with_progress(ingestor: Ingestor, inputs: list[Input]) -> list[Outcome]:
    outcomes: list[Outcome] = []
    columns = (
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True, disable=len(inputs) < 2) as bar:
        task = bar.add_task("ingest", total=len(inputs))
        for outcome in ingestor.ingest(inputs):
            outcomes.append(outcome)
            if outcome.status == "rejected":
                err.print(f"[red]rejected[/] {escape(outcome.error or outcome.source)}")
            bar.advance(task)
    return outcomes


def _flatten(outcomes: list[Outcome]) -> list[Outcome]:
    flat: list[Outcome] = []
    for o in outcomes:
        flat.append(o)
        flat.extend(_flatten(o.children))
    return flat


def _summary(outcomes: list[Outcome]) -> None:
    flat = _flatten(outcomes)
    table = Table(title=None, show_edge=False)
    for col in ("id", "status", "source", "reader", "lang", "title"):
        table.add_column(col)
    for o in flat:
        if o.status == "rejected":
            continue
        table.add_row(
            str(o.report_id or ""),
            o.status,
            escape(o.source),
            o.reader or "",
            o.language or "",
            escape((o.title or "")[:60]),
        )
        for w in o.warnings:
            table.add_row("", "[yellow]warning[/]", "", "", "", escape(w))
    if table.row_count:
        out.print(table)
    counts = Counter(o.status for o in flat)
    out.print(
        f"{counts['stored']} stored, {counts['duplicate']} duplicates, "
        f"{counts['rejected']} rejected"
    )
    for o in flat:
        if o.status == "rejected":
            out.print(f"  rejected: {escape(o.error or o.source)}")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
