"""Test data for the web tests: a case with confidential details, written by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from vigil.cases.model import CaseSummary, Dossier, Evidence, Fact, TimelineEvent
from vigil.errors import NotFound
from vigil.sources import read_bytes
from vigil.store.claims import sync_claims
from vigil.store.db import Database
from vigil.store.reports import add_report

# Values the public must never see (unless a reviewer releases them).
PHONE = "+7 701 555 12 34"
ADDRESS = "ul. Abaya 15, apt. 42"
PASSPORT = "passport No. N12345678"
MEDICAL = "suffers from type 2 diabetes"
RELATIVE = "Dana Sarsenbayeva"
SECRET_CASE_NAME = "Timur Unpublishedov"
CONFIDENTIAL = (PHONE, ADDRESS, "N12345678", "diabetes", RELATIVE, SECRET_CASE_NAME, "apt. 42")

QUOTE_ARREST = (
    f"Police detained Aliya Sarsenbayeva at her flat at {ADDRESS} in Almaty on 12 March 2021."
)
QUOTE_PHONE = f"Her sister {RELATIVE} can be reached on {PHONE}."
QUOTE_MEDICAL = f"Sarsenbayeva {MEDICAL} and was denied insulin; her {PASSPORT} was seized."
QUOTE_CHARGE = "She was charged under article 174 of the Criminal Code (inciting discord)."


def ev(quote: str, claim_id: int = 1, report_id: int = 1, reviewed: bool = True) -> Evidence:
    """Evidence of case 1's facts: reviewed, since case 1 is published (publishing needs
    the facts the public sees reviewed, VIGIL_PUBLISH_REQUIRES_REVIEW)."""
    return Evidence(report_id, claim_id, ((0, 10),), quote, reviewed=reviewed)


def summary(case_id: int, name: str, **kw: Any) -> CaseSummary:
    base: dict[str, Any] = {
        "aliases": (),
        "status": "charged",
        "country": "KZ",
        "latest_event": "charge",
        "latest_event_date": "2021-03-15",
        "charges": ("Criminal Code art. 174",),
        "sources": (1,),
        "updated_at": "2021-03-16T10:00:00+00:00",
    }
    base.update(kw)
    return CaseSummary(id=case_id, name=name, **base)


def published_dossier() -> Dossier:
    return Dossier(
        summary=summary(1, "Aliya Sarsenbayeva", aliases=("Алия Сарсенбаева",)),
        birth_dates=(Fact({"birth_date": "1985-04-02"}, (ev("born on 2 April 1985"),)),),
        affiliations=(
            Fact({"organization": "Adil Soz", "position": "journalist"}, (ev(QUOTE_CHARGE),)),
        ),
        relatives=(Fact({"relative": RELATIVE, "relation": "sister"}, (ev(QUOTE_PHONE, 2),)),),
        roles=(Fact({"role": "victim"}, (ev(QUOTE_MEDICAL, 3),)),),
        charges=(
            Fact(
                {"law": "Criminal Code", "article": "174", "offence": "inciting discord"},
                (ev(QUOTE_CHARGE, 4),),
            ),
        ),
        timeline=(
            TimelineEvent(
                "arrest", "2021-03-12", "10:30", "Almaty", "KZ", ("Aliya Sarsenbayeva",),
                ("police",), (ev(QUOTE_ARREST, 5),),
            ),
            TimelineEvent(
                "search", "2021-03-12", None, ADDRESS, "KZ", ("Aliya Sarsenbayeva",),
                ("police",), (ev(QUOTE_ARREST, 6),),
            ),
            TimelineEvent(
                "charge", "2021-03-15", None, "Almaty", "KZ", ("Aliya Sarsenbayeva",),
                (), (ev(QUOTE_CHARGE, 4),),
            ),
        ),
    )  # fmt: skip


def unpublished_dossier() -> Dossier:
    return Dossier(summary=summary(2, SECRET_CASE_NAME, status="detained", country="BY"))


@dataclass
class FakeCases:
    """A CaseSource over dossiers held in memory."""

    dossiers: dict[int, Dossier] = field(default_factory=dict)

    def list_cases(self, session: Session, **filters: Any) -> list[CaseSummary]:
        found = [d.summary for d in self.dossiers.values()]
        if filters.get("ids") is not None:
            found = [s for s in found if s.id in filters["ids"]]
        for key in ("country", "status"):
            if filters.get(key):
                found = [s for s in found if getattr(s, key) == filters[key]]
        if filters.get("article"):
            found = [s for s in found if filters["article"] in s.charges]
        if filters.get("event_type"):
            found = [s for s in found if s.latest_event == filters["event_type"]]
        if filters.get("organization"):  # as the real facet: on the stored (unredacted) name
            found = [s for s in found if filters["organization"] in self._orgs(s.id)]
        offset = int(filters.get("offset", 0))
        return found[offset : offset + int(filters.get("limit", 50))]

    def _orgs(self, case_id: int) -> set[str]:
        return {str(f.value.get("organization")) for f in self.dossiers[case_id].affiliations}

    def get_dossier(self, session: Session, case_id: int) -> Dossier:
        if case_id not in self.dossiers:
            raise NotFound("no such case", subject=str(case_id))
        return self.dossiers[case_id]

    def locate(self, session: Session, case_id: int) -> int:
        self.get_dossier(session, case_id)
        return case_id

    def mentions(self, session: Session, case_id: int) -> list[dict[str, Any]]:
        return [{"id": f"pm-1-{case_id}", "report_id": 1, "name": "A. Sarsenbayeva"},
                {"id": f"pm-2-{case_id}", "report_id": 2, "name": "Aliya S."}]  # fmt: skip

    def cases_of_reports(self, session: Session, report_ids: list[int]) -> list[int]:
        return [1] if report_ids else []

    def organizations(self, session: Session) -> list[dict[str, Any]]:
        return [{"name": "Adil Soz", "cases": 1}]

    def charges_by_article(self, session: Session) -> list[dict[str, Any]]:
        # The shape of vigil.cases.charges_by_article: both cases charged, one published.
        people = [
            {
                "case_id": 1,
                "name": "Aliya Sarsenbayeva",
                "status": "charged",
                "since": "2021-03-15",
            },
            {"case_id": 2, "name": SECRET_CASE_NAME, "status": "detained", "since": "2022-01-02"},
        ]
        return [{"article": "174", "country": "KZ", "people": people}]


def fake_cases() -> FakeCases:
    return FakeCases({1: published_dossier(), 2: unpublished_dossier()})


@dataclass
class C:
    kind: str
    value: dict[str, Any]
    spans: list[tuple[int, int]]
    key: str = "k"
    stage: str = "test.v1"
    confidence: float = 0.9


def add_report_with_claims(
    db: Database, text: str, claims: list[C], *, filename: str = "report.txt"
) -> int:
    doc = read_bytes(text.encode("utf-8"), filename)
    with db.transaction() as session:
        rid = add_report(session, doc, ingested_by="tester").report_id
        sync_claims(session, rid, claims, extractor="test", actor="tester")
    return rid
