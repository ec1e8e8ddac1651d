"""Atom feeds (all, per country, per case) and interventions on a case."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.alerts.factories import dossier, published_alert
from vigil.alerts.draft import draft_from_dossier
from vigil.alerts.feeds import atom_feed
from vigil.alerts.interventions import (
    interventions_for_case,
    record_intervention,
    record_response,
)
from vigil.alerts.workflow import approve_alert, create_alert, edit_alert, publish_alert
from vigil.errors import InputError
from vigil.settings import AlertSettings
from vigil.store.db import Database

ATOM = "{http://www.w3.org/2005/Atom}"


def _titles(data: bytes) -> list[str]:
    root = etree.fromstring(data)
    return [e.findtext(f"{ATOM}title") or "" for e in root.iter(f"{ATOM}entry")]


def test_feeds_hold_only_published_redacted_alerts(db: Database, settings: AlertSettings) -> None:
    published_alert(db, settings)
    published_alert(db, settings, case_id=8, name="Ivan Petrov", country="BY")
    with db.transaction() as s:
        row = create_alert(s, draft_from_dossier(dossier(case_id=9)), actor="ed")
        edit_alert(s, row.id, actor="ed", body="Reach her sister on +7 701 555 12 34.")
        approve_alert(s, row.id, actor="rev")
        publish_alert(s, row.id, actor="rev", public_url=settings.public_url)
        create_alert(s, draft_from_dossier(dossier(case_id=10)), actor="ed")  # a draft
    with db.read() as s:
        everything = atom_feed(s, public_url=settings.public_url)
        by_country = atom_feed(s, public_url=settings.public_url, country="by")
        by_case = atom_feed(s, public_url=settings.public_url, case_id=9)
    assert len(_titles(everything)) == 3
    assert _titles(by_country) == ["Belarus: Ivan Petrov detained"]
    assert len(_titles(by_case)) == 1
    assert b"701 555" not in everything and b"[withheld]" in by_case
    assert b"https://vigil.example/alerts/" in everything


def test_interventions_for_a_case(db: Database) -> None:
    with db.transaction() as s:
        later = record_intervention(
            s,
            case_id=7,
            sender="Partner NGO",
            authority="Prosecutor General",
            sent_on="2024-04-02",
            actor="ed",
            channel="letter",
        )
        first = record_intervention(
            s,
            case_id=7,
            sender="Embassy of X",
            authority="Ministry of Justice",
            sent_on="2024-03-20",
            actor="ed",
            alert_id=1,
        )
        record_intervention(
            s, case_id=8, sender="A", authority="B", sent_on="2024-01-01", actor="ed"
        )
        record_response(
            s,
            later.id,
            response="Under review",
            response_on="2024-04-20",
            outcome="Released on bail 2024-05-01",
        )
        with pytest.raises(InputError):
            record_intervention(
                s, case_id=7, sender="A", authority="B", sent_on="last week", actor="ed"
            )
    with db.read() as s:
        shown = interventions_for_case(s, 7)
    assert [i.id for i in shown] == [first.id, later.id]
    assert shown[1].response == "Under review" and shown[1].outcome.startswith("Released")
