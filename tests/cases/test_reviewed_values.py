"""Reviewed values win everywhere: the dossier, the status, the timeline, alerts, the public
shape and the pages use the reviewer's value; the machine's is kept in the history."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.cases.conftest import C, add, event, person
from tests.web.conftest import make_app, serve
from vigil.alerts.draft import draft_from_dossier
from vigil.cases import get_dossier, list_cases, update_report
from vigil.redaction import public_dossier
from vigil.store.claims import claim_history, list_claims, review_claim
from vigil.store.db import Database
from vigil.store.publications import publish as publish_case
from vigil.web.casesource import LiveCases

NAME = "Aliya Sarsenbayeva"


def _reviewed_case(db: Database) -> int:
    """Two reports tell one arrest on 11 March; a reviewer corrects one report to the 12th,
    corrects the birth date and rejects a release the machine misread."""
    first = add(db, "report one", [
        *person(NAME, birth_date="1985-04-02"),
        event("arrest", "2021-03-11", NAME, place="Almaty"),
        event("release", "2021-03-20", NAME),
    ])  # fmt: skip
    add(db, "report two", [*person(NAME), event("arrest", "2021-03-11", NAME)])
    with db.transaction() as session:
        for row in list_claims(session, report_id=first):
            if row.kind == "event" and row.value["type"] == "arrest":
                review_claim(session, row.id, "edit", actor="rex", value={"date": "2021-03-12"})
            elif row.kind == "event":
                review_claim(session, row.id, "reject", actor="rex")
            elif row.kind == "birth_date":
                new = {"birth_date": "1985-04-03"}
                review_claim(session, row.id, "edit", actor="rex", value=new)
        update_report(session, first)
    with db.read() as session:
        (case,) = list_cases(session)
    return case.id


def test_the_dossier_timeline_and_status_use_the_reviewers_values(db: Database) -> None:
    case_id = _reviewed_case(db)
    with db.read() as session:
        dossier = get_dossier(session, case_id)
        arrest_claims = [c for c in list_claims(session, kind="event") if c.status == "edited"]
        history = claim_history(session, arrest_claims[0].id)
    (arrest,) = dossier.timeline
    # The reviewer's date is the event's; the other report's machine date is listed as such.
    assert arrest.date == "2021-03-12" and arrest.other_dates == ("2021-03-11",)
    assert [f.value["birth_date"] for f in dossier.birth_dates] == ["1985-04-03"]
    assert dossier.summary.status == "detained"  # the rejected release is gone
    assert dossier.summary.latest_event_date == "2021-03-12"
    # The machine's value is kept in the claim's history.
    assert history[0].after is not None and history[0].after["value"]["date"] == "2021-03-11"
    assert history[-1].before is not None and history[-1].before["value"]["date"] == "2021-03-11"


def test_a_reviewed_date_replaces_the_machines_in_the_same_report(db: Database) -> None:
    """A later run proposing the machine's date again in the reviewed report does not put
    it back above (or beside) the reviewer's date."""
    rid = add(db, "one report", [*person(NAME), event("arrest", "2021-03-11", NAME)])
    with db.transaction() as session:
        row = next(c for c in list_claims(session, report_id=rid) if c.kind == "event")
        review_claim(session, row.id, "edit", actor="rex", value={"date": "2021-03-12"})
        again = event("arrest", "2021-03-11", NAME)
        again.value["evidence"] = "a re-extraction worded differently"
        from vigil.store.claims import sync_claims

        claims = [C("person", {"name": NAME, "role": "victim"}), again]
        sync_claims(session, rid, claims, extractor="test2", actor="extractor")
        update_report(session, rid)
        (case,) = list_cases(session)
        (arrest,) = get_dossier(session, case.id).timeline
    assert arrest.date == "2021-03-12" and arrest.other_dates == ()


def test_alerts_and_the_public_shape_use_the_reviewers_values(db: Database) -> None:
    case_id = _reviewed_case(db)
    with db.read() as session:
        dossier = get_dossier(session, case_id)
    draft = draft_from_dossier(dossier)
    assert "12 March 2021" in draft.body and "11 March 2021" not in draft.body
    assert "released" not in draft.body
    public = public_dossier(dossier)
    assert public["timeline"][0]["date"] == "2021-03-12"
    assert public["status"] == "detained"
    assert public["birth_dates"][0]["value"]["birth_date"] == "1985-04-03"


def test_the_pages_show_the_reviewers_values(db: Database, tmp_path: Path) -> None:
    case_id = _reviewed_case(db)
    with db.transaction() as session:
        publish_case(session, case_id, actor="rex")
    for url in serve(make_app(db, tmp_path, LiveCases())):  # type: ignore[arg-type]
        public = httpx.get(f"{url}/cases/{case_id}", timeout=60).text
        data = httpx.get(f"{url}/api/cases/{case_id}", timeout=60).json()
    assert 'datetime="2021-03-12"' in public and 'datetime="2021-03-11"' not in public
    assert data["case"]["timeline"][0]["date"] == "2021-03-12"
