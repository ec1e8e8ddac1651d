"""Dossiers kept in the database (``case_dossiers``), so a dossier page reads one row.

A dossier is derived from claims (``build_dossier``: several queries and some Python per
case). ``refresh_cases`` builds it whenever the case changes anyway, so it is stored then,
stamped with the case's ``updated_at``; ``get_dossier`` uses the stored copy only while
that stamp equals the case's (every change that alters a dossier refreshes the case and so
moves ``updated_at``) and the shape version below matches, else it builds afresh.
Proposals are not stored: they name other cases, which may have been merged since.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.cases.model import (
    CaseSummary,
    Conflict,
    Dossier,
    Evidence,
    Fact,
    TimelineEvent,
)
from vigil.store.cases import CaseDossierRow

# Bump when the stored shape changes: older rows are then ignored (and rebuilt on refresh).
VERSION = 1


def _evidence(items: tuple[Evidence, ...]) -> list[list[Any]]:
    return [
        [e.report_id, e.claim_id, [list(s) for s in e.spans], e.quote, e.reviewed] for e in items
    ]


def _facts(facts: tuple[Fact, ...]) -> list[dict[str, Any]]:
    return [{"value": f.value, "evidence": _evidence(f.evidence)} for f in facts]


def to_json(d: Dossier) -> dict[str, Any]:
    s = d.summary
    return {
        "v": VERSION,
        "summary": {
            "id": s.id, "name": s.name, "aliases": list(s.aliases), "status": s.status,
            "country": s.country, "latest_event": s.latest_event,
            "latest_event_date": s.latest_event_date, "charges": list(s.charges),
            "sources": list(s.sources),
        },
        "birth_dates": _facts(d.birth_dates),
        "birth_places": _facts(d.birth_places),
        "affiliations": _facts(d.affiliations),
        "relatives": _facts(d.relatives),
        "roles": _facts(d.roles),
        "charges": _facts(d.charges),
        "sentences": _facts(d.sentences),
        "timeline": [
            {
                "type": e.type, "date": e.date, "time": e.time, "place": e.place,
                "country": e.country, "victims": list(e.victims),
                "perpetrators": list(e.perpetrators), "evidence": _evidence(e.evidence),
                "other_dates": list(e.other_dates),
            }
            for e in d.timeline
        ],
        "conflicts": [{"field": c.field, "values": _facts(c.values)} for c in d.conflicts],
        "merges": list(d.merges),
    }  # fmt: skip


def _read_evidence(items: list[list[Any]]) -> tuple[Evidence, ...]:
    return tuple(
        Evidence(int(rid), int(cid), tuple((int(a), int(b)) for a, b in spans), quote, bool(rv))
        for rid, cid, spans, quote, rv in items
    )


def _read_facts(items: list[dict[str, Any]]) -> tuple[Fact, ...]:
    return tuple(Fact(dict(f["value"]), _read_evidence(f["evidence"])) for f in items)


def _read_event(e: dict[str, Any]) -> TimelineEvent:
    return TimelineEvent(
        type=e["type"], date=e["date"], time=e["time"], place=e["place"],
        country=e["country"], victims=tuple(e["victims"]),
        perpetrators=tuple(e["perpetrators"]), evidence=_read_evidence(e["evidence"]),
        other_dates=tuple(e["other_dates"]),
    )  # fmt: skip


def from_json(data: dict[str, Any]) -> Dossier | None:
    """The stored dossier, or None when it was stored in another shape version."""
    if data.get("v") != VERSION:
        return None
    s = data["summary"]
    summary = CaseSummary(
        id=s["id"], name=s["name"], aliases=tuple(s["aliases"]), status=s["status"],
        country=s["country"], latest_event=s["latest_event"],
        latest_event_date=s["latest_event_date"], charges=tuple(s["charges"]),
        sources=tuple(s["sources"]), updated_at="",
    )  # fmt: skip
    return Dossier(
        summary=summary,
        birth_dates=_read_facts(data["birth_dates"]),
        birth_places=_read_facts(data["birth_places"]),
        affiliations=_read_facts(data["affiliations"]),
        relatives=_read_facts(data["relatives"]),
        roles=_read_facts(data["roles"]),
        charges=_read_facts(data["charges"]),
        sentences=_read_facts(data["sentences"]),
        timeline=tuple(_read_event(e) for e in data["timeline"]),
        conflicts=tuple(Conflict(c["field"], _read_facts(c["values"])) for c in data["conflicts"]),
        merges=tuple(data["merges"]),
    )


def load(session: Session, case_id: int, updated_at: datetime | None) -> Dossier | None:
    """The stored dossier of the case if it is as fresh as the case, else None."""
    if updated_at is None:
        return None
    row = session.execute(
        select(CaseDossierRow.updated_at, CaseDossierRow.data).where(
            CaseDossierRow.case_id == case_id
        )
    ).first()
    if row is None or row.updated_at != updated_at:
        return None
    found = from_json(row.data)
    if found is None:
        return None
    # The stamp as read back from the database, as ``build_dossier`` would show it.
    return replace(found, summary=replace(found.summary, updated_at=updated_at.isoformat()))
