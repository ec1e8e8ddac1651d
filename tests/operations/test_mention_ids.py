"""Facts point to the persons and organisations they are about by their id within the report,
so a reviewer who corrects a name (through the operations layer, as the web and the CLI do)
keeps the person's aliases, biography, relatives, events, charges and sentences together, and
an organisation its id, its members and the merges and splits decided about it (issue 10)."""

from __future__ import annotations

from functools import cache

from tests.cases.test_organizations import add_with_orgs, org
from tests.store.test_reports import make_doc
from vigil.cases import (
    get_dossier,
    get_organization,
    list_cases,
    list_decisions,
    list_organizations,
    merge_organizations,
    split_organization,
)
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
NEW_MOVEMENT = "Oyan Qazaqstan Movement"


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


def test_a_corrected_relative_stays_the_persons_relative(db: Database) -> None:
    rid = ingest(db)
    case_id = _victims_case(db)
    with db.transaction() as session:
        (brother,) = [
            c for c in list_claims(session, report_id=rid, kind="person")
            if c.value["name"] == "Daniyar Sarsenbayev"
        ]  # fmt: skip
        operations.review(session, brother.id, "edit", actor="rex", value={"name": "D. Sarsenbaev"})
    with db.read() as session:
        dossier = get_dossier(session, case_id)
    assert [(f.value["relative"], f.value["relation"]) for f in dossier.relatives] == [
        ("D. Sarsenbaev", "brother")
    ]


def _claim(db: Database, rid: int, kind: str, name: str) -> int:
    with db.read() as session:
        (found,) = [
            c.id for c in list_claims(session, report_id=rid, kind=kind) if c.value["name"] == name
        ]
    return found


def _rename(db: Database, claim_id: int, name: str) -> None:
    with db.transaction() as session:
        operations.review(session, claim_id, "edit", actor="rex", value={"name": name})


def test_a_corrected_organisation_keeps_its_id_members_and_merges(db: Database) -> None:
    """A reviewer merged the movement with the name another report gives it; correcting
    the name in the first report keeps the organisation, its member and the merge."""
    rid = ingest(db)
    other = add_with_orgs(db, "w1", [org("Northern Lights Collective", kind="movement")])
    with db.read() as session:
        ids = sorted(o.id for o in list_organizations(session))
    with db.transaction() as session:
        survivor = merge_organizations(session, ids[0], ids[1], actor="rex")
    _rename(db, _claim(db, rid, "organization", "Oyan Qazaqstan"), NEW_MOVEMENT)
    with db.read() as session:
        assert [o.id for o in list_organizations(session)] == [survivor]
        page = get_organization(session, survivor)
        decisions = list_decisions(session)
    assert {name for _, _, name in page.mentions} == {NEW_MOVEMENT, "Northern Lights Collective"}
    assert {r for _, r, _ in page.mentions} == {rid, other}
    assert [(m.name, p) for m, p in page.members] == [("Aliya Sarsenbayeva", ("member",))]
    assert [d.undone_at for d in decisions] == [None]


def test_a_corrected_organisation_stays_split(db: Database) -> None:
    """A split keeps the organisation it took a mention from apart after a rename."""
    first = add_with_orgs(db, "s1", [org("Viasna Human Rights Centre", "Spring-96", kind="ngo")])
    add_with_orgs(db, "s2", [org("Spring-96", kind="ngo")])
    with db.read() as session:
        [one] = list_organizations(session)
        leaving = [m for m, r, _ in get_organization(session, one.id).mentions if r != first]
    with db.transaction() as session:
        split_organization(session, one.id, leaving, actor="rex")
    _rename(db, _claim(db, first, "organization", "Viasna Human Rights Centre"), "Viasna")
    with db.read() as session:
        orgs = sorted(o.name for o in list_organizations(session))
        assert get_organization(session, one.id).summary.name == "Viasna"
    assert orgs == ["Spring-96", "Viasna"]
