"""``vigil reports`` and ``vigil report``: list stored reports, show one, write its original."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from vigil.cli.common import out, print_json_line, reading
from vigil.store.reports import count_reports, get_report, list_reports, original_bytes


def reports(
    limit: int = typer.Option(50, "--limit", "-n", min=1, help="How many, newest first."),
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per report."),
) -> None:
    """List stored reports, newest first."""
    with reading() as session:
        rows = list_reports(session, limit=limit, offset=offset)
        total = count_reports(session)
    if as_json:
        for r in rows:
            print_json_line(
                {
                    "id": r.id,
                    "sha256": r.sha256,
                    "filename": r.filename,
                    "media_type": r.media_type,
                    "size": r.size,
                    "language": r.language,
                    "title": r.title,
                    "published": r.published,
                    "ingested_at": r.ingested_at.isoformat(),
                    "ingested_by": r.ingested_by,
                    "parent_id": r.parent_id,
                    "warnings": r.warnings,
                }
            )
        return
    table = Table("id", "published", "lang", "type", "file", "title", show_edge=False)
    for r in rows:
        table.add_row(
            str(r.id),
            r.published or "",
            r.language or "",
            r.media_type,
            escape(r.filename),
            escape((r.title or "")[:70]),
        )
    out.print(table)
    out.print(f"{len(rows)} of {total} reports")


def report(
    ref: str = typer.Argument(..., help="Report id, or the first 6+ hex digits of its SHA-256."),
    original: bool = typer.Option(
        False, "--original", help="Write the original bytes, unchanged, to standard output."
    ),
    output: Path = typer.Option(None, "--output", "-o", help="With --original: write to a file."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Show one report: metadata and text (or, with --original, its original bytes)."""
    with reading() as session:
        rep = get_report(session, ref, with_text=True)
        if original:
            data = original_bytes(session, rep)
            if output is not None:
                output.write_bytes(data)
            else:
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
            return
    meta = {
        "id": rep.id,
        "sha256": rep.sha256,
        "filename": rep.filename,
        "media_type": rep.media_type,
        "size": rep.size,
        "reader": rep.reader,
        "encoding": rep.encoding,
        "language": rep.language,
        "title": rep.title,
        "published": rep.published,
        "url": rep.url,
        "parent_id": rep.parent_id,
        "ingested_by": rep.ingested_by,
        "ingested_at": rep.ingested_at.isoformat(),
        "warnings": rep.warnings,
    }
    if as_json:
        print_json_line({**meta, "text": rep.text})
        return
    for key, value in meta.items():
        if value not in (None, [], ""):
            out.print(f"[bold]{key}[/]: {escape(str(value))}")
    out.print()
    out.print(escape(rep.text))


def register(app: typer.Typer) -> None:
    app.command("reports")(reports)
    app.command("report")(report)
