"""Issue 14: a release belongs to the evidence it was made for, not to a case number.

Three reports name "Kairat Bekmukhanov": a journalist in one, a farmer in two, wrongly
folded into one case. A reviewer publishes the case and releases two withheld values: the
journalist's diabetes (he spoke of it in public; the farmer's reports name the same
illness) and the journalist's lawyer's phone. A split then sends the farmers to the old
case number. The farmer's diabetes must not follow the number to the public; the lawyer's
phone, stated only in the journalist's report, follows the journalist.
"""

from __future__ import annotations

from sqlalchemy import select

from tests.cases.conftest import add, event, person
from tests.operations.conftest import Web
from tests.operations.test_publication_safety import case_of, mentions_of
from vigil.operations import publishing
from vigil.store.accounts import AuditEntry
from vigil.store.db import Database
from vigil.store.publications import released_values

NAME = "Kairat Bekmukhanov"
ILLNESS = "diabetes"
LAWYER = "+7 701 999 00 11"


def story(db: Database, marker: str, who: str, date: str, extra: str = "") -> int:
    text = f"{marker} {NAME}, a {who}, was arrested on {date}. He has {ILLNESS}.{extra}"
    spans = [(0, len(text))]  # the arrest's quote is the whole text
    return add(db, text, [*person(NAME), event("arrest", date, NAME, spans=spans)])


def release(web: Web, case_id: int, value: str) -> None:
    answer = web.reviewer.post(
        f"/cases/{case_id}/release", data={"csrf": web.csrf(), "value": value, "confirm": "yes"}
    )
    assert answer.status_code == 303


def test_a_release_does_not_follow_the_case_number_to_another_person(web: Web) -> None:
    journalist = story(web.db, "JOURNALIST", "journalist", "2024-03-01", f" Lawyer: {LAWYER}.")
    farmer1 = story(web.db, "FARMER0001", "farmer", "2024-04-01")
    farmer2 = story(web.db, "FARMER0002", "farmer", "2024-05-01")
    case = case_of(web, journalist)
    assert case_of(web, farmer1) == case_of(web, farmer2) == case, "one case of three"
    assert web.publish(case) == 303
    release(web, case, ILLNESS)
    release(web, case, LAWYER)
    shown = web.public.get(f"/api/cases/{case}").text
    assert ILLNESS in shown and LAWYER in shown

    members = mentions_of(web, case)
    # The journalist's mention is taken out: the farmers stay under the published number.
    split = web.persons(action="split", case_id=case, mention=[members[journalist]])
    assert split == 303
    farmers, journalists = case_of(web, farmer1), case_of(web, journalist)
    assert farmers == case != journalists, "the farmers kept the number"

    # A reviewer confirms the farmers' case: the journalist's releases stay his.
    assert web.publish(farmers) == 303
    farmer_page = web.public.get(f"/api/cases/{farmers}").text
    assert "FARMER0001" in farmer_page
    assert ILLNESS not in farmer_page, "the journalist's release reached the farmer's data"
    with web.db.read() as s:
        assert released_values(s, farmers) == set()
        # Its evidence left the case with the journalist: the diabetes release was made
        # for all three reports, so it is dropped, and the log says so.
        dropped = s.scalars(select(AuditEntry).where(AuditEntry.action == "case.unrelease"))
        assert [e.subject for e in dropped] == [f"case:{case}"]
        assert released_values(s, journalists) == {LAWYER}

    assert web.publish(journalists) == 303
    journalist_page = web.public.get(f"/api/cases/{journalists}").text
    assert LAWYER in journalist_page, "the lawyer's phone was released for the journalist"
    assert ILLNESS not in journalist_page, "released for three reports, not for his alone"


def test_a_release_made_for_the_whole_case_is_kept_while_the_case_keeps_its_people(
    web: Web,
) -> None:
    first = story(web.db, "JOURNALIST", "journalist", "2024-03-01")
    case = case_of(web, first)
    assert web.publish(case) == 303
    release(web, case, ILLNESS)
    # A new report of someone else changes nothing about this case's people.
    add(web.db, "OTHERSTORY Galym Zhanturin was arrested.", [*person("Galym Zhanturin")])
    with web.db.transaction() as s:
        publishing.publish(s, case, actor="rex")
    assert ILLNESS in web.public.get(f"/api/cases/{case}").text
