"""Every reviewed report is gold: its reviewed claims as a GUIDELINES record.

A report counts as reviewed when each of its claims is decided (confirmed, edited or
rejected). Its gold record is built from its claims: a reviewer's value wins, a rejected
claim is left out, and what the machine claimed and nobody contested in a reviewed report
is accepted as it is. Facts point to people and organisations by their id within the
report, so a name a reviewer corrected is the name everywhere the record uses it (aliases,
victims, charges); gold files name people by name, as GUIDELINES have it.

``gold_files`` gives ``NAME.txt`` (the URL/TITLE/PUBLISHED header, an empty line, the
report's text) and ``NAME.gold.json``, exactly what ``vigil eval DIR`` reads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, undefer

from vigil.facts import refs
from vigil.store.fold import name_key
from vigil.store.models import ClaimRow, Report

DECIDED = ("confirmed", "edited", "rejected")
_SLUG = re.compile(r"[^a-z0-9]+")


def reviewed_report_ids(session: Session) -> list[int]:
    """Reports with at least one claim and none left to the machine, in id order."""
    undecided = func.sum(case((ClaimRow.status == "machine", 1), else_=0))
    stmt = (
        select(ClaimRow.report_id)
        .group_by(ClaimRow.report_id)
        .having(undecided == 0)
        .order_by(ClaimRow.report_id)
    )
    return [int(r) for r in session.scalars(stmt)]


def doc_name(report: Report) -> str:
    """A stable file stem: the report's id, then its file name made safe ("0007-kz-arrest")."""
    stem = _SLUG.sub("-", Path(report.filename or "").stem.lower()).strip("-")[:60]
    return f"{report.id:04d}-{stem}" if stem else f"{report.id:04d}"


def report_text_file(report: Report) -> str:
    """NAME.txt as GUIDELINES have it: URL, TITLE and PUBLISHED lines, an empty line, text."""

    def line(value: str | None) -> str:
        flat = " ".join((value or "").split())
        return flat or "unknown"

    return (
        f"URL: {line(report.url)}\nTITLE: {line(report.title)}\n"
        f"PUBLISHED: {line(report.published)}\n\n{report.text}"
    )


def gold_record(doc: str, language: str | None, rows: Iterable[ClaimRow]) -> dict[str, Any]:
    """The GUIDELINES record of one report from its claims (rejected ones left out), every
    person and organisation named by its name as it is now."""
    kept = sorted((r for r in rows if r.status != "rejected"), key=lambda r: r.id)
    names = refs.names_of((r.kind, r.value) for r in kept)
    persons: dict[str, dict[str, Any]] = {}
    owner: dict[str, dict[str, Any]] = {}  # person id (or folded name, for older data) -> entry
    orgs: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    charges: list[dict[str, Any]] = []
    sentences: list[dict[str, Any]] = []
    for r in kept:
        if r.kind == "person" and r.value.get("name"):
            key = name_key(str(r.value["name"]))
            mid = refs.own_id(r.kind, r.value)
            if key and key not in persons:
                persons[key] = {
                    "name": r.value["name"],
                    "aliases": [],
                    "role": r.value.get("role"),
                    "birth_date": None,
                    "birth_place": None,
                    "affiliations": [],
                    "relatives": [],
                }
                owner[key] = persons[key]
            if mid is not None:
                owner.setdefault(mid, persons[key])

    def whose(r: ClaimRow) -> dict[str, Any] | None:
        who = r.value.get("person")
        found = owner.get(who) if isinstance(who, str) else None
        return found or owner.get(name_key(str(who or "")))

    for r in kept:
        if r.kind == "alias":
            person = whose(r)
            alias = str(r.value.get("alias") or "")
            if person is not None and alias and alias not in person["aliases"]:
                if name_key(alias) != name_key(str(person["name"])):
                    person["aliases"].append(alias)
                owner.setdefault(name_key(alias), person)
    for r in kept:
        person = whose(r) if r.kind != "alias" else None
        value = refs.named(r.kind, r.value, names)
        if r.kind == "birth_date" and person is not None:
            person["birth_date"] = person["birth_date"] or value.get("birth_date")
        elif r.kind == "birth_place" and person is not None:
            person["birth_place"] = person["birth_place"] or value.get("birth_place")
        elif r.kind == "affiliation" and person is not None:
            item = {"organization": value.get("organization")}
            item["position"] = value.get("position")
            person["affiliations"].append(item)
        elif r.kind == "relative" and person is not None:
            person["relatives"].append(
                {"person": value.get("relative"), "relation": value.get("relation")}
            )
        elif r.kind == "organization" and value.get("name"):
            orgs.append(
                {
                    "name": value["name"],
                    "aliases": list(value.get("aliases") or []),
                    "kind": value.get("kind"),
                }
            )
        elif r.kind == "event":
            events.append(value)
        elif r.kind == "charge":
            charges.append(value)
        elif r.kind == "sentence":
            sentences.append(value)
    return {
        "doc": doc,
        "language": language or "en",
        "persons": list(persons.values()),
        "organizations": orgs,
        "events": events,
        "charges": charges,
        "sentences": sentences,
    }


@dataclass(frozen=True, slots=True)
class GoldReport:
    report_id: int
    name: str
    text_file: str  # NAME.txt
    record: dict[str, Any]  # NAME.gold.json


def gold_reports(session: Session, report_ids: Iterable[int] | None = None) -> Iterator[GoldReport]:
    """The gold files of reviewed reports (all of them unless ``report_ids`` are named)."""
    ids = reviewed_report_ids(session) if report_ids is None else sorted(set(report_ids))
    for start in range(0, len(ids), 100):
        chunk = ids[start : start + 100]
        reports = session.scalars(
            select(Report).where(Report.id.in_(chunk)).options(undefer(Report.text))
        ).all()
        claims: dict[int, list[ClaimRow]] = {rid: [] for rid in chunk}
        for row in session.scalars(select(ClaimRow).where(ClaimRow.report_id.in_(chunk))):
            claims[row.report_id].append(row)
        for report in sorted(reports, key=lambda r: r.id):
            rows = claims[report.id]
            name = doc_name(report)
            record = gold_record(name, report.language, rows)
            yield GoldReport(report.id, name, report_text_file(report), record)


def write_gold(gold: GoldReport, folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    txt = folder / f"{gold.name}.txt"
    js = folder / f"{gold.name}.gold.json"
    txt.write_text(gold.text_file, encoding="utf-8")
    js.write_text(json.dumps(gold.record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return txt, js
