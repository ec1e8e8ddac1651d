"""Claims: re-extraction updates the machine's facts and never a reviewer's (both backends)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.store.test_reports import make_doc
from vigil.errors import NotFound
from vigil.store.claims import (
    ReviewError,
    claim_history,
    list_claims,
    review_claim,
    sync_claims,
)
from vigil.store.db import Database
from vigil.store.reports import add_report


@dataclass
class C:
    kind: str
    value: dict[str, Any]
    spans: list[tuple[int, int]] = field(default_factory=lambda: [(0, 5)])
    key: str = "k"
    stage: str = "test.v1"
    confidence: float = 0.8


ARREST = C("event", {"type": "arrest", "date": "2012-01-06", "victims": ["A. Amirova"]})
CHARGE = C("charge", {"person": "A. Amirova", "article": "164"})
PERSON = C("person", {"name": "Ajzhangul Amirova"})


@pytest.fixture
def report_id(db: Database) -> int:
    with db.transaction() as s:
        return add_report(s, make_doc("Ajzhangul Amirova was arrested."), ingested_by="t").report_id


def sync(db: Database, rid: int, claims: list[C], version: str = "v1") -> Any:
    with db.transaction() as s:
        return sync_claims(s, rid, claims, extractor=version, actor="extractor")


def test_first_run_adds_and_rerun_is_stable(db: Database, report_id: int) -> None:
    assert sync(db, report_id, [ARREST, CHARGE, PERSON, PERSON]).added == 3
    stats = sync(db, report_id, [ARREST, CHARGE, PERSON])
    assert (stats.added, stats.unchanged, stats.retracted) == (0, 3, 0)


def test_better_version_updates_machine_claims_only(db: Database, report_id: int) -> None:
    sync(db, report_id, [ARREST, CHARGE, PERSON])
    with db.transaction() as s:
        by_kind = {c.kind: c for c in list_claims(s, report_id=report_id)}
        review_claim(
            s,
            by_kind["charge"].id,
            "edit",
            actor="rev",
            value={"person": "p1", "article": "164"},
        )
        review_claim(s, by_kind["person"].id, "reject", actor="rev")
    # v2 drops the charge and the person, moves the arrest's evidence, adds a search.
    moved = C("event", ARREST.value, spans=[(10, 40)], confidence=0.95)
    search = C("event", {"type": "search", "date": None, "victims": ["A. Amirova"]})
    stats = sync(db, report_id, [moved, search], version="v2")
    assert (stats.added, stats.updated, stats.retracted) == (1, 1, 0)
    with db.read() as s:
        claims = {c.kind + c.value.get("type", ""): c for c in list_claims(s, report_id=report_id)}
    assert claims["eventarrest"].spans == [[10, 40]] and claims["eventarrest"].extractor == "v2"
    assert claims["charge"].status == "edited"
    assert claims["charge"].value["person"] == "p1"  # Ajzhangul Amirova, by her id
    assert claims["person"].status == "rejected", "a rejected fact stays rejected"
    # Even when v3 proposes the rejected and edited facts again, they are not resurrected.
    stats = sync(db, report_id, [moved, search, CHARGE, PERSON], version="v3")
    assert stats.added == 0 and stats.kept_reviewed == 2


def test_machine_claims_absent_from_a_new_run_are_retracted_with_trace(
    db: Database, report_id: int
) -> None:
    sync(db, report_id, [ARREST, CHARGE])
    with db.read() as s:
        charge_id = next(c.id for c in list_claims(s, report_id=report_id) if c.kind == "charge")
    assert sync(db, report_id, [ARREST]).retracted == 1
    with db.read() as s:
        assert [c.kind for c in list_claims(s, report_id=report_id)] == ["event"]
        actions = [(h.actor, h.action) for h in claim_history(s, charge_id)]
    assert actions == [("extractor", "extracted"), ("extractor", "retracted")]


def test_every_review_is_attributed(db: Database, report_id: int) -> None:
    sync(db, report_id, [ARREST])
    with db.transaction() as s:
        cid = list_claims(s, report_id=report_id)[0].id
        review_claim(s, cid, "confirm", actor="alice")
        review_claim(s, cid, "reopen", actor="bob")
    with db.read() as s:
        history = claim_history(s, cid)
        row = list_claims(s, report_id=report_id)[0]
    assert [(h.actor, h.action) for h in history] == [
        ("extractor", "extracted"),
        ("alice", "confirm"),
        ("bob", "reopen"),
    ]
    assert history[1].before is not None and history[1].before["status"] == "machine"
    assert row.status == "machine" and row.reviewed_by is None


def test_bad_reviews(db: Database, report_id: int) -> None:
    sync(db, report_id, [ARREST])
    with db.transaction() as s:
        cid = list_claims(s, report_id=report_id)[0].id
        with pytest.raises(ReviewError):
            review_claim(s, cid, "edit", actor="a", value=None)
        with pytest.raises(NotFound):
            review_claim(s, 987654, "confirm", actor="a")


def test_an_affiliation_or_relative_named_without_its_fact_adds_it(
    db: Database, report_id: int
) -> None:
    """A plugin's run names an organisation and a relative it does not give: the report gets
    them (an organisation of kind other, a person in the role relative) and the facts point
    to them by id, never a name left as free text; a re-run adds nothing."""
    run = [
        PERSON,
        C("affiliation", {"person": "Ajzhangul Amirova", "organization": "Alga!"}, [(3, 9)]),
        C(
            "relative",
            {"person": "Ajzhangul Amirova", "relative": "Ajzhangul Amirova", "relation": "brother"},
        ),
    ]
    assert sync(db, report_id, run).added == 5
    with db.read() as s:
        by_kind = {c.kind: c for c in list_claims(s, report_id=report_id)}
        people = [c.value for c in list_claims(s, report_id=report_id, kind="person")]
    assert by_kind["organization"].value == {"id": "o1", "name": "Alga!", "kind": "other"}
    assert by_kind["organization"].spans == [[3, 9]]  # the words of the fact naming it
    assert by_kind["affiliation"].value["organization"] == "o1"
    # A relative is never the person themselves, even by the same name.
    assert people[1] == {"id": "p2", "name": "Ajzhangul Amirova", "role": "relative"}
    assert by_kind["relative"].value == {"person": "p1", "relative": "p2", "relation": "brother"}
    assert sync(db, report_id, run).added == 0
