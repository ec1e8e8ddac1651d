"""A case's alert feed lists the alerts about its people, not those filed under its number
(issue 14, as publications and releases: ``test_release_follows_evidence.py``).

An alert keeps the mentions its case had when it was drafted. A split that parts them
takes it out of every case's feed: the farmers who keep the number after a split must not
show an alert written while a journalist was folded in with them. A merge brings it along:
the old number's feed answers 301 with the feed of the case its people live in now, as
``/api/cases/{id}`` does.
"""

from __future__ import annotations

from tests.operations.conftest import Web, report
from tests.operations.test_publication_safety import case_of, mentions_of
from tests.operations.test_release_follows_evidence import story
from vigil.alerts.draft import AlertDraft
from vigil.alerts.workflow import approve_alert, create_alert, publish_alert
from vigil.store.cases import CaseRow


def alert(web: Web, case_id: int, title: str) -> None:
    draft = AlertDraft(case_id, title, "Write to the prosecutor.", "KZ", "arrest")
    with web.db.transaction() as s:
        row = create_alert(s, draft, actor="ed")
        approve_alert(s, row.id, actor="rex")
        publish_alert(s, row.id, actor="rex", public_url="http://testserver")


def test_a_split_takes_the_alert_from_the_people_who_keep_the_number(web: Web) -> None:
    journalist = story(web.db, "JOURNALIST", "journalist", "2024-03-01")
    farmer1 = story(web.db, "FARMER0001", "farmer", "2024-04-01")
    farmer2 = story(web.db, "FARMER0002", "farmer", "2024-05-01")
    case = case_of(web, journalist)
    assert case_of(web, farmer1) == case_of(web, farmer2) == case
    assert web.publish(case) == 303
    alert(web, case, "ALERTJOURN detained journalist")
    assert "ALERTJOURN" in web.public.get(f"/cases/{case}/alerts.atom").text

    split = web.persons(action="split", case_id=case, mention=[mentions_of(web, case)[journalist]])
    assert split == 303
    farmers, journalists = case_of(web, farmer1), case_of(web, journalist)
    assert farmers == case != journalists, "the farmers kept the number"
    assert web.publish(farmers) == 303 and web.publish(journalists) == 303

    feed = web.public.get(f"/cases/{farmers}/alerts.atom")
    assert feed.status_code == 200
    assert "ALERTJOURN" not in feed.text, "the farmers' feed shows an alert written with him"
    assert "ALERTJOURN" in web.public.get("/alerts/feed.atom").text, "still published"


def test_a_merge_brings_the_alert_to_the_case_its_person_lives_in(web: Web) -> None:
    older = case_of(web, report(web.db, "PUBLISHED1", "Galym Zhanturin"))
    newer = case_of(web, report(web.db, "PUBLISHED2", "Aidos Sadykov"))
    assert web.publish(newer) == 303
    alert(web, newer, "ALERTAIDOS detained")
    assert web.persons(action="merge", case_id=newer, other=older) == 303
    with web.db.read() as s:
        merged = s.get(CaseRow, newer)
        assert merged is not None and merged.merged_into == older, "the older id lives on"
    assert web.publish(older) == 303

    old = web.public.get(f"/cases/{newer}/alerts.atom")
    assert old.status_code == 301, "the merged id leads to where the case lives now"
    assert old.headers["location"] == f"/cases/{older}/alerts.atom"
    assert web.public.get(f"/api/cases/{newer}").status_code == 301, "as the dossier does"
    feed = web.public.get(f"/cases/{older}/alerts.atom")
    assert feed.status_code == 200 and "ALERTAIDOS" in feed.text
