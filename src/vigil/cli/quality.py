"""``vigil export-gold DIR`` and ``vigil quality``: reviewed reports as gold records, and
how the machine does on them (the CLI twin of the /quality page)."""

from __future__ import annotations

from pathlib import Path

import typer

from vigil.cli.common import out, print_json_line, transaction
from vigil.settings import get_settings


def export_gold(
    folder: Path = typer.Argument(..., help="Where to write NAME.txt and NAME.gold.json."),
    as_json: bool = typer.Option(False, "--json", help="One JSON line per report written."),
) -> None:
    """Write every reviewed report as NAME.txt + NAME.gold.json (the GUIDELINES schema)."""
    from vigil.quality.gold import gold_reports, write_gold

    if folder.exists() and not folder.is_dir():
        raise typer.BadParameter(f"{folder} is not a folder")
    count = 0
    with transaction() as session:
        for gold in gold_reports(session):
            txt, js = write_gold(gold, folder)
            count += 1
            if as_json:
                print_json_line({"report_id": gold.report_id, "text": str(txt), "gold": str(js)})
    if not as_json:
        out.print(f"{count} reviewed reports written to {folder}")


def quality(
    as_json: bool = typer.Option(False, "--json", help="The figures and history as JSON."),
) -> None:
    """Precision, recall and F1 per kind of fact of the stored extraction on the reviewed
    reports, and the figures of earlier runs."""
    from rich.table import Table

    from vigil.quality.measure import current_figures, history

    with transaction() as session:
        now = current_figures(session, actor=get_settings().actor)
        past = history(session)
    if as_json:
        print_json_line(
            {
                "current": now.figures | {"at": now.at, "reports": now.reports},
                "history": [
                    {"at": m.at, "source": m.source, "extractor": m.extractor,
                     "reports": m.reports, "micro": m.figures.get("micro")}
                    for m in past
                ],
            }
        )  # fmt: skip
        return
    table = Table("category", "P", "R", "F1", "tp", "fp", "fn",
                  title=f"Stored extraction on {now.reports} reviewed reports")  # fmt: skip
    for name, s in [*now.figures["categories"].items(), ("micro", now.figures["micro"])]:
        table.add_row(name, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                      str(s["tp"]), str(s["fp"]), str(s["fn"]))  # fmt: skip
    out.print(table)
    for m in past:
        micro = m.figures.get("micro") or {}
        f1 = float(micro.get("f1", 0))
        out.print(f"  {m.at[:16]} {m.source:9} {m.reports:5} reports  micro F1 {f1:.3f}")


def register(app: typer.Typer) -> None:
    app.command("export-gold")(export_gold)
    app.command("quality")(quality)
