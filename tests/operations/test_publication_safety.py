"""Issue 14 (1, 2): publication belongs to the person a reviewer published. A split or a
merge that changes a published case's membership holds it back until a reviewer confirms;
the public never sees evidence that was not part of what the reviewer published."""

from __future__ import annotations

from sqlalchemy import select

from tests.operations.conftest import Web, report
from vigil.store.cases import PersonMentionRow


def mentions_of(web: Web, case_id: int) -> dict[int, str]:
    with web.db.read() as s:
        rows = s.execute(
            select(PersonMentionRow.report_id, PersonMentionRow.id).where(
                PersonMentionRow.case_id == case_id
            )
        ).all()
    return {int(r): str(m) for r, m in rows}


def case_of(web: Web, report_id: int) -> int:
    """The case of the report's person at risk (a relative it names has none)."""
    with web.db.read() as s:
        found = s.scalar(
            select(PersonMentionRow.case_id)
            .where(PersonMentionRow.report_id == report_id, PersonMentionRow.case_id.is_not(None))
            .order_by(PersonMentionRow.id)
        )
    assert found is not None
    return int(found)


def test_a_split_does_not_hand_the_published_id_to_the_person_split_out(web: Web) -> None:
    journalist = report(web.db, "JOURNALIST", "Kairat Bekmukhanov")
    farmer1 = report(web.db, "FARMER0001", "Kairat Bekmukhanov", date="2024-04-01")
    farmer2 = report(web.db, "FARMER0002", "Kairat Bekmukhanov", date="2024-05-01")
    case = case_of(web, journalist)
    assert case_of(web, farmer1) == case_of(web, farmer2) == case, "one case of three"
    assert web.publish(case) == 303
    assert web.public.get(f"/api/cases/{case}").status_code == 200
    members = mentions_of(web, case)
    assert web.persons(action="split", case_id=case, mention=[members[farmer1], members[farmer2]])
    for report_id in (journalist, farmer1):
        answer = web.public.get(f"/api/cases/{case_of(web, report_id)}")
        assert answer.status_code == 404, "held back until a reviewer confirms"
    assert "FARMER" not in web.public.get("/api/cases").text
    held = web.reviewer.get(f"/api/cases/{case}").json()
    assert held["published"]["held"], "reviewers see it is held, and why"
    assert web.publish(case) == 303  # a reviewer confirms: public again
    assert web.public.get(f"/api/cases/{case}").status_code == 200


def test_merging_an_unpublished_case_into_a_published_one_holds_it(web: Web) -> None:
    published = case_of(web, report(web.db, "PUBLISHED1", "Galym Zhanturin"))
    secret = case_of(web, report(web.db, "SECRETEVID", "Aidos Sadykov"))
    assert web.publish(published) == 303
    assert web.persons(action="merge", case_id=published, other=secret) == 303
    for case_id in (published, secret):
        answer = web.public.get(f"/api/cases/{case_id}", follow_redirects=True)
        assert answer.status_code == 404
        assert "SECRETEVID" not in answer.text


def test_merging_a_published_case_into_an_unpublished_one_shows_nothing(web: Web) -> None:
    secret = case_of(web, report(web.db, "SECRETEVID", "Aidos Sadykov"))
    published = case_of(web, report(web.db, "PUBLISHED1", "Galym Zhanturin"))
    assert web.publish(published) == 303
    # The other way round: whichever id survives, the public sees no evidence of either.
    assert web.persons(action="merge", case_id=secret, other=published) == 303
    for case_id in (published, secret):
        answer = web.public.get(f"/api/cases/{case_id}", follow_redirects=True)
        assert answer.status_code == 404
        assert "SECRETEVID" not in answer.text
    assert "SECRETEVID" not in web.public.get("/api/cases").text


def test_a_new_report_folded_into_a_published_case_holds_it(web: Web) -> None:
    case = case_of(web, report(web.db, "PUBLISHED1", "Galym Zhanturin"))
    assert web.publish(case) == 303
    later = report(web.db, "UNREVIEWED", "Galym Zhanturin", date="2024-06-01")
    assert case_of(web, later) == case, "the resolver merged it automatically"
    answer = web.public.get(f"/api/cases/{case}")
    assert answer.status_code == 404 and "UNREVIEWED" not in answer.text
