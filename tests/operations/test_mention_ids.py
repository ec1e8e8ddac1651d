"""Facts point to the person they are about by the person's id within the report, so a
reviewer who corrects a name (through the operations layer, as the web and the CLI do) keeps
the person's aliases, biography, events, charges and sentences together (issue 10)."""

from __future__ import annotations

from functools import cache

from tests.store.test_reports import make_doc
from vigil.cases import get_dossier, list_cases
from vigil.operations import claims as operations
from vigil.pipeline.extraction import ExtractionStage, update_cases
from vigil.store.claims import list_claims
from vigil.store.db import Database
from vigil.store.reports import add_report

TEXT = (
    "Almaty, 12 March 2024. Police arrested the journalist Aliya Sarsenbayeva, born on "
    "2 April 1985 in Taraz, at her home on 10 March 2024. Sarsenbayeva, a member of the Oyan "
    "Qazaqstan movement, was charged under Article 174 of the Criminal Code of Kazakhstan "
    "with inciting social discord. On 11 March 2024 the court sentenced Aliya Sarsenbayeva "
    "to five years in prison. Her brother Daniyar Sarsenbayev said the case was political."
)
NEW = "Aliya Sarsenbaeva"


@cache
def _stage() -> ExtractionStage:
    return ExtractionStage(actor="extractor")


def ingest(db: Database, text: str = TEXT) -> int:
    """Store, extract and fold a report into cases, as ``vigil ingest`` does."""
    doc = make_doc(text, name="sarsenbayeva.txt")
    doc.published, doc.language = "2024-03-12", "en"
    with db.transaction() as session:
        rid = add_report(session, doc, ingested_by="t").report_id
        _stage()(session, rid, doc)
        update_cases(session, rid, doc)
    return rid


def _victims_case(db: Database) -> int:
    with db.read() as session:
        (case,) = [c for c in list_cases(session) if c.name.startswith("Aliya")]
    return case.id


def test_a_corrected_name_keeps_the_persons_facts(db: Database) -> None:
    rid = ingest(db)
    case_id = _victims_case(db)
    with db.transaction() as session:
        (aliya,) = [
            c for c in list_claims(session, report_id=rid, kind="person")
            if c.value["name"] == "Aliya Sarsenbayeva"
        ]  # fmt: skip
        operations.review(session, aliya.id, "edit", actor="rex", value={"name": NEW})
    with db.read() as session:
        dossier = get_dossier(session, case_id)
    assert dossier.summary.id == case_id  # the case keeps its id (and its URL)
    assert dossier.summary.name == NEW
    assert "Sarsenbayeva" in dossier.summary.aliases
    assert [f.value["birth_date"] for f in dossier.birth_dates] == ["1985-04-02"]
    assert [f.value["birth_place"] for f in dossier.birth_places] == ["Taraz"]
    assert [f.value["organization"] for f in dossier.affiliations] == ["Oyan Qazaqstan"]
    assert [f.value["relation"] for f in dossier.relatives] == ["brother"]
    assert {e.type for e in dossier.timeline} >= {"arrest", "charge", "sentence"}
    assert all(e.victims == (NEW,) for e in dossier.timeline)
    assert [f.value["article"] for f in dossier.charges] == ["174"]
    assert [(f.value["penalty"], f.value["term_months"]) for f in dossier.sentences] == [
        ("imprisonment", 60)
    ]
