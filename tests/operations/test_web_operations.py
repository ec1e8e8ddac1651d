"""The web's merges and splits are the operations the CLI runs: one audit entry each, and a
merged-away id answers with a redirect to the case it went to."""

from __future__ import annotations

from sqlalchemy import select

from tests.operations.conftest import Web, report
from tests.operations.test_publication_safety import case_of, mentions_of
from vigil.store.accounts import AuditEntry


def test_merge_split_and_old_ids_in_the_browser(web: Web) -> None:
    a = case_of(web, report(web.db, "GALYMREPRT", "Galym Zhanturin"))
    b = case_of(web, report(web.db, "AIDOSREPRT", "Aidos Sadykov"))
    answer = web.reviewer.post(
        "/review-persons", data={"csrf": web.csrf(), "action": "merge", "case_id": a, "other": b}
    )
    survivor = int(answer.headers["location"].rsplit("/", 1)[1])
    gone = b if survivor == a else a
    moved = web.reviewer.get(f"/api/cases/{gone}")
    assert moved.status_code == 301 and moved.headers["location"] == f"/api/cases/{survivor}"
    assert web.reviewer.get(f"/cases/{gone}").headers["location"] == f"/cases/{survivor}"
    assert web.public.get(f"/api/cases/{gone}").status_code == 404, "not published"
    assert web.publish(survivor) == 303
    assert web.public.get(f"/api/cases/{gone}").status_code == 301  # published: it says where
    leaving = sorted(mentions_of(web, survivor).values())[:1]
    assert web.persons(action="split", case_id=survivor, mention=leaving) == 303
    assert web.publish(survivor) == 303 and web.publish(survivor) == 303  # a double-click
    with web.db.read() as s:
        trail = list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    assert [(e.actor, e.action) for e in trail if e.actor != "setup"][1:] == [
        ("rex", "person.merge"),
        ("rex", "case.publish"),
        ("resolution", "case.hold"),  # set off by the split, in its transaction
        ("rex", "person.split"),
        ("rex", "case.publish"),
    ]
