"""``vigil extract PATH... [--json]``: the proposed record of each report."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from vigil.errors import InputError


def _read(path: str) -> tuple[str, str | None, str | None, list[str]]:
    """(text, published, language, warnings) of one input, through Vigil's reader."""
    if path == "-":
        data, name = sys.stdin.buffer.read(), "stdin.txt"
    else:
        p = Path(path)
        if not p.is_file():
            raise InputError("no such file", subject=path)
        data, name = p.read_bytes(), p.name
    from vigil.sources import read_bytes

    doc = read_bytes(data, name)
    return doc.text, doc.published, doc.language, list(doc.warnings)


def _who(name: str, mid: str | None) -> str:
    """A person or organisation with the id facts point to: "Name (p1)"; free text as is."""
    return f"{name} ({mid})" if mid else name


def _whom(names: list[str], ids: list[str | None] | None) -> str:
    return ", ".join(_who(n, m) for n, m in zip(names, ids or [None] * len(names), strict=False))


def _show(source: str, text: str, result: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    rec = result.record
    console.rule(f"[bold]{source}")
    for w in result.warnings:
        console.print(f"[yellow]warning:[/] {w}")
    evidence = {c.key: c.spans for c in result.claims}
    people = Table("id", "person", "aliases", "role", "born", "affiliations", title="Persons")
    for p in rec["persons"]:
        affs = "; ".join(f"{a['position']} ({a['organization']})" for a in p["affiliations"])
        born = " ".join(x for x in (p["birth_date"], p["birth_place"]) if x)
        people.add_row(p["id"], p["name"], ", ".join(p["aliases"]), p["role"], born, affs)
    console.print(people)
    orgs = Table("id", "organization", "aliases", "kind", title="Organizations")
    for o in rec["organizations"]:
        orgs.add_row(o["id"], o["name"], ", ".join(o["aliases"]), o["kind"])
    console.print(orgs)
    for i, ev in enumerate(rec["events"]):
        when = " ".join(x for x in (ev["date"], ev["time"]) if x) or "date unknown"
        where = ", ".join(x for x in (ev["place"], ev["country"]) if x)
        console.print(
            f"[bold cyan]{ev['type']}[/] {when} {where} victims: "
            + (_whom(ev["victims"], ev.get("victim_ids")) or "-")
            + (
                f" by: {_whom(ev['perpetrators'], ev.get('perpetrator_ids'))}"
                if ev["perpetrators"]
                else ""
            )
        )
        spans = evidence.get(f"event:{i}") or []
        if spans:
            console.print(f"   [dim]“{text[spans[0][0] : spans[0][1]]}”[/]", highlight=False)
    for c in rec["charges"]:
        console.print(
            f"[bold magenta]charge[/] {_who(c['person'], c.get('person_id'))}: {c['law'] or '-'} "
            f"art. {c['article'] or '-'} {c['offence'] or ''}"
        )
    for s in rec["sentences"]:
        extra = " ".join(
            str(x) for x in (s.get("term_months"), s.get("amount"), s.get("currency")) if x
        )
        note = s.get("note") or ""
        who = _who(s["person"], s.get("person_id"))
        console.print(f"[bold red]sentence[/] {who}: {s['penalty']} {extra} {note}")


def extract_command(
    paths: list[str] = typer.Argument(..., help="Report files to read ('-' reads stdin)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line, in input order."),
    claims: bool = typer.Option(False, "--claims", help="With --json, include every claim."),
) -> None:
    """Propose the record of each report: persons, organizations, events, charges, sentences."""
    from vigil.extract import Extractor

    inputs = [_read(p) for p in paths]
    extractor = Extractor()
    items = [(text, published, language) for text, published, language, _ in inputs]
    for path, (text, _, _, warns), result in zip(
        paths, inputs, extractor.extract_many(items), strict=True
    ):
        result.warnings[:0] = warns
        if as_json:
            out: dict[str, Any] = {
                "source": path,
                "doc": Path(path).stem,
                **result.record,
                "warnings": result.warnings,
            }
            if claims:
                out["claims"] = [c.to_json() for c in result.claims]
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            _show(path, text, result)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
