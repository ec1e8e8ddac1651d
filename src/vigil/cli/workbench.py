"""The review workbench from the command line: ``vigil review-queue`` (the report queue),
``vigil review --report ID [--accept-rest]`` (one report's facts; accept the rest) and
``vigil add-fact`` (a fact the machine missed). The same actions as the web's
(``vigil.workbench.actions``), attributed to ``VIGIL_ACTOR``."""

from __future__ import annotations

import json
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from vigil.cli.common import out, print_json_line, reading, transaction
from vigil.errors import InputError
from vigil.operations import claims as operations
from vigil.settings import get_settings
from vigil.store.claims import list_claims, report_names
from vigil.store.reports import get_report
from vigil.workbench import actions
from vigil.workbench.queue import QueueFilter, report_queue
from vigil.workbench.record import build_record, fact_json, ordered


def show_report(ref: str, *, as_json: bool) -> None:
    """``vigil review --report ID``: the report's facts as the record, with their state."""
    with reading() as session:
        report = get_report(session, ref, with_text=True)
        rows = list_claims(session, report_id=report.id, limit=5000)
        record = build_record(rows, report.text)
        title = report.title or report.filename
    facts = ordered(record)
    if as_json:
        for fact in facts:
            print_json_line(fact)
        return
    out.print(f"report {report.id}: {escape(title)}")
    table = Table("id", "part", "kind", "state", "fact", "evidence", show_edge=False)
    for section in record:
        for group in section["groups"]:
            for fact in group["facts"]:
                part = section["title"] + (f": {group['title']}" if group["title"] else "")
                state = "waiting" if fact["status"] == "machine" else fact["status"]
                said = fact["summary"]
                if fact["kind"] in ("person", "organization") and fact["value"].get("id"):
                    said = f"{fact['value']['id']}: {said}"  # what other facts point to
                table.add_row(
                    str(fact["id"]), escape(part[:30]), fact["kind"], state,
                    escape(said[:70]), escape(fact["evidence"][:50]),
                )  # fmt: skip
    out.print(table)
    waiting = sum(not f["decided"] for f in facts)
    out.print(f"{len(facts)} facts, {waiting} waiting")


def accept_rest(ref: str) -> None:
    """``vigil review --report ID --accept-rest``."""
    actor = get_settings().actor
    with transaction() as session:
        report_id = get_report(session, ref).id
        accepted = operations.accept_rest(session, report_id, actor=actor)
    print_json_line({"report_id": report_id, "accepted": accepted, "state": "reviewed"})


def add_fact(
    report: str = typer.Argument(..., help="The report (id or hash)."),
    kind: str = typer.Option(..., "--kind", "-k", help="person, organization, event, alias ..."),
    span: list[str] = typer.Option(
        ..., "--span", help="START:END, character offsets of the words it rests on (repeatable)."
    ),
    value: str = typer.Option(
        ...,
        "--value",
        help='The fact as JSON: {"type": "arrest", "victims": ["p1"], ...}; persons and '
        "organisations by their id (vigil review --report ID lists them).",
    ),
) -> None:
    """Add a fact the machine missed, resting on words of the report (attributed to
    VIGIL_ACTOR, confirmed, in the claim's history). It points to the report's persons and
    organisations by id ("p1", "o2")."""
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError as exc:
        raise InputError(f"--value is not JSON ({exc.msg})", subject="--value") from exc
    if not isinstance(parsed, dict):
        raise InputError("--value is a JSON object of fields", subject="--value")
    spans = [actions.parse_span(s) for s in span]
    with transaction() as session:
        report_id = get_report(session, report).id
        row = operations.add_fact(
            session, report_id, kind, parsed, spans, actor=get_settings().actor,
        )  # fmt: skip
        text = get_report(session, report_id, with_text=True).text
        print_json_line(fact_json(row, text, report_names(session, report_id)))


def review_queue(
    state: str = typer.Option(None, "--state", help="not_started, in_progress or reviewed."),
    case: int = typer.Option(None, "--case", help="Only reports naming this case's person."),
    country: str = typer.Option(None, "--country", help="Two-letter code (KZ, RU ...)."),
    since: str = typer.Option(None, "--since", help="Published on or after (YYYY[-MM[-DD]])."),
    until: str = typer.Option(None, "--until", help="Published on or before."),
    source: str = typer.Option(None, "--source", help="Web site, or upload:NAME."),
    language: str = typer.Option(None, "--language"),
    sort: str = typer.Option("newest", "--sort", help="newest or urgent."),
    limit: int = typer.Option(50, "--limit", "-n", min=1, max=1000),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per report."),
) -> None:
    """Reports with their review state (not started, in progress, reviewed), filtered."""
    f = QueueFilter(
        state=state, case_id=case, country=country, since=since, until=until, source=source,
        language=language, sort=sort, limit=limit,
    )  # fmt: skip
    with reading() as session:
        found: dict[str, Any] = report_queue(session, f)
    if as_json:
        for item in found["reports"]:
            print_json_line(item)
        return
    columns = ("id", "state", "decided", "urgency", "published", "country", "source", "title")
    table = Table(*columns, show_edge=False)
    for r in found["reports"]:
        table.add_row(
            str(r["id"]), r["state"], f"{r['decided']}/{r['facts']}", str(r["urgency"]),
            r["published"] or "", " ".join(r["countries"]), escape(r["source"]),
            escape((r["title"] or "")[:50]),
        )  # fmt: skip
    out.print(table)
    counts = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in found["counts"].items())
    out.print(f"{found['total']} reports ({counts})")


def register(app: typer.Typer) -> None:
    app.command("review-queue")(review_queue)
    app.command("add-fact")(add_fact)
