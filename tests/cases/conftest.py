"""Helpers to build reports with claims directly, without running extraction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.store.test_reports import make_doc
from vigil.cases import update_report
from vigil.store.claims import sync_claims
from vigil.store.db import Database
from vigil.store.reports import add_report


@dataclass
class C:
    kind: str
    value: dict[str, Any]
    spans: list[tuple[int, int]] = field(default_factory=lambda: [(0, 10)])
    key: str = "k"
    stage: str = "test.v1"
    confidence: float = 0.8


def person(name: str, *aliases: str, role: str = "victim", **facts: Any) -> list[C]:
    claims = [C("person", {"name": name, "role": role})]
    claims += [C("alias", {"person": name, "alias": a}) for a in aliases]
    if "birth_date" in facts:
        claims.append(C("birth_date", {"person": name, "birth_date": facts["birth_date"]}))
    return claims


def relative(name: str, other: str, relation: str) -> C:
    return C("relative", {"person": name, "relative": other, "relation": relation})


def event(kind: str, date: str | None, *victims: str, country: str = "KZ", **extra: Any) -> C:
    value = {
        "type": kind,
        "date": date,
        "time": None,
        "place": extra.get("place"),
        "country": country,
        "victims": list(victims),
        "perpetrators": [],
        "evidence": f"{kind} of {', '.join(victims)}",
    }
    return C("event", value, spans=extra.get("spans", [(0, 10)]))


def charge(name: str, article: str, law: str = "Penal Code", country: str = "KZ") -> C:
    return C(
        "charge",
        {"person": name, "law": law, "article": article, "offence": None, "country": country},
    )


def add(db: Database, text: str, claims: list[C], published: str | None = "2012-01-10") -> int:
    """Store a report with these claims and fold it into cases, as ingest does."""
    doc = make_doc(text, name=f"r{abs(hash(text)) % 10**8}.txt")
    doc.published = published
    with db.transaction() as s:
        rid = add_report(s, doc, ingested_by="t").report_id
        sync_claims(s, rid, claims, extractor="test", actor="extractor")
        update_report(s, rid)
    return rid
