"""Internal shapes of cases for reviewers' pages and the logged-in API (unredacted).

The public shapes are in ``vigil.redaction.public``; both have the same keys so that one
template shows either, but they are built by separate functions.
"""

from __future__ import annotations

from typing import Any

from vigil.cases.model import CaseSummary, Dossier, Evidence, Fact, TimelineEvent
from vigil.redaction import policy
from vigil.redaction.public import confidential_values


def case_summary(summary: CaseSummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "name": summary.name,
        "aliases": list(summary.aliases),
        "status": summary.status,
        "country": summary.country,
        "latest_event": summary.latest_event,
        "latest_event_date": summary.latest_event_date,
        "charges": list(summary.charges),
        "updated_at": summary.updated_at,
        "sources": list(summary.sources),
    }


def _evidence(items: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [
        {
            "report_id": e.report_id,
            "claim_id": e.claim_id,
            "spans": [list(s) for s in e.spans],
            "quote": e.quote,
            "reviewed": e.reviewed,
        }
        for e in items
    ]


def _facts(facts: tuple[Fact, ...]) -> list[dict[str, Any]]:
    return [{"value": dict(f.value), "evidence": _evidence(f.evidence)} for f in facts]


def _event(e: TimelineEvent) -> dict[str, Any]:
    return {
        "type": e.type,
        "date": e.date,
        "time": e.time,
        "place": e.place,
        "country": e.country,
        "victims": list(e.victims),
        "perpetrators": list(e.perpetrators),
        "other_dates": list(e.other_dates),
        "evidence": _evidence(e.evidence),
    }


def internal_dossier(dossier: Dossier) -> dict[str, Any]:
    return {
        **case_summary(dossier.summary),
        "birth_dates": _facts(dossier.birth_dates),
        "birth_places": _facts(dossier.birth_places),
        "affiliations": _facts(dossier.affiliations),
        "relatives": _facts(dossier.relatives),
        "roles": _facts(dossier.roles),
        "charge_facts": _facts(dossier.charges),
        "sentences": _facts(dossier.sentences),
        "timeline": [_event(e) for e in dossier.timeline],
        "conflicts": [{"field": c.field, "values": _facts(c.values)} for c in dossier.conflicts],
        "merges": list(dossier.merges),
    }


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def withheld_preview(dossier: Dossier, released: set[str]) -> list[dict[str, Any]]:
    """Every value the public page of this dossier withholds (or would, if not released)."""
    rules = policy()
    seen: dict[str, str] = {}
    for value in confidential_values(dossier):
        seen.setdefault(value, "confidential")
    for text in _strings(internal_dossier(dossier)):
        for start, end, category in rules.spans(text):
            seen.setdefault(text[start:end], category)
    free = {r.casefold() for r in released}
    return [
        {"value": v, "category": c, "released": v.strip().casefold() in free}
        for v, c in sorted(seen.items(), key=lambda kv: (kv[1], kv[0]))
    ]
