"""Cases across reports: merging spellings, keeping relatives apart, one timeline, status,
reviewers' merges and splits (both backends)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.cases.conftest import C, add, charge, event, person, relative
from vigil.cases import (
    DecisionError,
    charges_by_article,
    find_cases,
    get_dossier,
    list_cases,
    list_decisions,
    merge_persons,
    split_person,
    undo_decision,
    update_report,
)
from vigil.errors import NotFound
from vigil.store.cases import PersonMentionRow
from vigil.store.claims import list_claims, review_claim
from vigil.store.db import Database


def by_name(db: Database, name: str) -> int:
    with db.read() as s:
        found = find_cases(s, name)
    assert len(found) == 1, (name, found)
    return found[0].id


def test_spellings_merge_and_the_brother_stays_apart(db: Database) -> None:
    add(
        db,
        "report one",
        [
            *person("Ajzhangul Amirova", "A. Amirova", birth_date="1972-08-18"),
            relative("Ajzhangul Amirova", "Elmurat Amirov", "brother"),
            *person("Elmurat Amirov"),
            event("arrest", "2012-01-06", "Ajzhangul Amirova"),
            event("search", None, "A. Amirova", "Elmurat Amirov"),
        ],
        published="2012-01-06",
    )
    add(
        db,
        "report two",
        [
            *person("Aizhangul Amirova", birth_date="1972-08-18"),
            event("charge", "2012-01-07", "Aizhangul Amirova"),
            charge("Aizhangul Amirova", "164"),
        ],
        published="2012-01-08",
    )
    with db.read() as s:
        cases = list_cases(s)
    names = sorted(c.name for c in cases)
    assert len(cases) == 2, names
    amirova = get_dossier_by(db, "Ajzhangul Amirova")
    assert len(amirova.summary.sources) == 2
    assert "Aizhangul Amirova" in amirova.summary.aliases
    assert amirova.summary.status == "charged"
    assert [e.type for e in amirova.timeline] == ["search", "arrest", "charge"] or [
        e.type for e in amirova.timeline
    ] == ["arrest", "search", "charge"]
    assert amirova.summary.charges == ("Penal Code art. 164",)
    assert [f.value["birth_date"] for f in amirova.birth_dates] == ["1972-08-18"]
    assert amirova.birth_dates[0].sources == list(amirova.summary.sources)
    assert amirova.merges, "an automatic merge is explained"
    brother = get_dossier_by(db, "Elmurat Amirov")
    assert brother.summary.id != amirova.summary.id


def get_dossier_by(db: Database, name: str):  # type: ignore[no-untyped-def]
    with db.read() as s:
        return get_dossier(s, by_name(db, name))


def test_one_event_two_sources_and_disagreeing_dates(db: Database) -> None:
    add(db, "a", [*person("Dana Serikova"), event("arrest", "2024-03-10", "Dana Serikova")])
    add(db, "b", [*person("Dana Serikova"), event("arrest", "2024-03", "Dana Serikova")])
    add(db, "c", [*person("Dana Serikova"), event("arrest", "2024-03-11", "Dana Serikova")])
    add(db, "d", [*person("Dana Serikova"), event("arrest", "2024-09-01", "Dana Serikova")])
    d = get_dossier_by(db, "Dana Serikova")
    arrests = [e for e in d.timeline if e.type == "arrest"]
    assert len(arrests) == 2, "the September arrest is another act"
    first = arrests[0]
    assert first.date == "2024-03-10" and first.other_dates == ("2024-03-11",)
    assert len(first.sources) == 3
    assert any(c.field == "arrest date" for c in d.conflicts)
    assert d.summary.latest_event_date == "2024-09-01"


def test_status_follows_dated_events_and_partial_dates_sort(db: Database) -> None:
    add(
        db,
        "x",
        [
            *person("Ihar Bantsar"),
            event("release", "2011-07-05", "Ihar Bantsar"),
            event("arrest", "2011", "Ihar Bantsar"),
            event("sentence", "2011-07", "Ihar Bantsar"),
        ],
    )
    d = get_dossier_by(db, "Ihar Bantsar")
    assert [e.type for e in d.timeline] == ["arrest", "sentence", "release"]
    assert d.summary.status == "released"


def test_reviewer_edit_shows_in_the_dossier(db: Database) -> None:
    rid = add(db, "e", [*person("Lucia Ramirez"), event("arrest", "2024-03-10", "Lucia Ramirez")])
    with db.transaction() as s:
        claim = next(c for c in list_claims(s, report_id=rid) if c.kind == "event")
        review_claim(s, claim.id, "edit", actor="rev", value={**claim.value, "date": "2024-03-09"})
        update_report(s, rid)
    d = get_dossier_by(db, "Lucia Ramirez")
    assert d.timeline[0].date == "2024-03-09" and d.timeline[0].evidence[0].reviewed


def test_split_is_remembered_and_undo_restores(db: Database) -> None:
    add(db, "r1", [*person("Nelson Garcia"), event("killing", "2016-03-15", "Nelson Garcia")])
    add(db, "r2", [*person("Nelson García"), event("threat", "2015-01-01", "Nelson García")])
    cid = by_name(db, "Nelson Garcia")
    with db.read() as s:
        mentions = s.scalars(
            select(PersonMentionRow.id)
            .where(PersonMentionRow.case_id == cid)
            .order_by(PersonMentionRow.report_id)
        ).all()
    assert len(mentions) == 2
    with db.transaction() as s:
        new = split_person(s, cid, [mentions[1]], actor="rev")
    assert new is not None and new != cid
    # A third report with the same name joins one of them, never both into one again.
    add(db, "r3", [*person("Nelson Garcia"), event("attack", "2016-01-01", "Nelson Garcia")])
    with db.read() as s:
        cases = list_cases(s)
        assert len(cases) == 2
        decisions = list_decisions(s)
    assert decisions[0].action == "split" and decisions[0].actor == "rev"
    with db.transaction() as s:
        undo_decision(s, decisions[0].id, actor="rev2")
    with db.read() as s:
        assert len(list_cases(s)) == 1
        # The old id still leads somewhere.
        assert get_dossier(s, new).summary.id in (cid, new)


def test_merge_two_cases_and_bad_decisions(db: Database) -> None:
    add(db, "m1", [*person("Mehman Huseynov"), event("arrest", "2017-01-09", "Mehman Huseynov")])
    add(
        db, "m2", [*person("Mekhman Guseinov"), event("sentence", "2017-03-03", "Mekhman Guseinov")]
    )
    with db.read() as s:
        ids = [c.id for c in list_cases(s)]
    if len(ids) == 2:  # the resolver may already see them as one; if not, a reviewer says so
        with db.transaction() as s:
            survivor = merge_persons(s, ids[0], ids[1], actor="rev")
        with db.read() as s:
            assert [c.id for c in list_cases(s)] == [survivor]
            d = get_dossier(s, survivor)
            assert d.summary.status == "sentenced"
            assert any("reviewer" in m for m in d.merges)
    with db.transaction() as s:
        only = list_cases(s)[0].id
        with pytest.raises(DecisionError):
            merge_persons(s, only, only, actor="rev")
        with pytest.raises(NotFound):
            get_dossier(s, 999999)


def test_filters_and_charges_by_article(db: Database) -> None:
    add(
        db,
        "f1",
        [
            *person("Natalia Sokolova"),
            event("sentence", "2011-08-08", "Natalia Sokolova"),
            charge("Natalia Sokolova", "164"),
        ],
    )
    add(
        db,
        "f2",
        [
            *person("Vadim Kuramshin"),
            event("arrest", "2011-12-05", "Vadim Kuramshin"),
            charge("Vadim Kuramshin", "164"),
            event("charge", "2011-12-06", "Vadim Kuramshin"),
        ],
    )
    add(
        db,
        "f3",
        [
            *person("Ales Bialiatski", country="BY"),
            event("arrest", "2021-07-14", "Ales Bialiatski", country="BY"),
        ],
    )
    with db.read() as s:
        assert {c.name for c in list_cases(s, country="kz")} == {
            "Natalia Sokolova",
            "Vadim Kuramshin",
        }
        assert [c.name for c in list_cases(s, status="sentenced")] == ["Natalia Sokolova"]
        assert [c.name for c in list_cases(s, event_type="arrest", country="BY")] == [
            "Ales Bialiatski"
        ]
        assert {c.name for c in list_cases(s, article="164")} == {
            "Natalia Sokolova",
            "Vadim Kuramshin",
        }
        groups = charges_by_article(s, country="KZ")
    [group] = groups
    assert group.article == "164" and [p.name for p in group.people] == [
        "Vadim Kuramshin",
        "Natalia Sokolova",
    ]
    assert group.people[0].since == "2011-12-06"


def test_a_case_is_for_a_person_something_was_done_to(db: Database) -> None:
    """A judge, a lawyer, an official, a perpetrator or a relative a report only names has
    no case; the victim of an event, a charge or a sentence has one."""
    add(
        db,
        "o1",
        [
            *person("Bolot Temirov"),
            event("restriction", "2022-11-23", "Bolot Temirov"),
            *person("Ulan Niyazbekov", role="official"),
            *person("Zhyldyz Sultanova", role="lawyer"),
            *person("Kubanychbek Kadyrov", role="perpetrator"),
            *person("Aida Temirova", role="relative"),
            relative("Bolot Temirov", "Aida Temirova", "wife"),
            *person("Gulnara Dzhurabaeva"),  # the report calls her nothing: only named
            *person("Makhabat Tazhibek kyzy"),
            charge("Makhabat Tazhibek kyzy", "330"),
            *person("Azamat Ishenbekov"),
            C("sentence", {"person": "Azamat Ishenbekov", "penalty": "fine"}),
            *person("Kanyshai Mamyrkulova"),
            event("protest", "2022-11-20", "Kanyshai Mamyrkulova"),  # she protested
        ],
    )
    with db.read() as s:
        assert {c.name for c in list_cases(s)} == {
            "Bolot Temirov",
            "Makhabat Tazhibek kyzy",
            "Azamat Ishenbekov",
        }
        mentions = s.execute(select(PersonMentionRow.name, PersonMentionRow.case_id)).all()
    # The others stay persons of the report.
    assert {n for n, c in mentions if c is None} == {
        "Ulan Niyazbekov",
        "Zhyldyz Sultanova",
        "Kubanychbek Kadyrov",
        "Aida Temirova",
        "Gulnara Dzhurabaeva",
        "Kanyshai Mamyrkulova",
    }


def test_a_relative_named_first_gets_a_case_when_a_later_report_is_about_them(
    db: Database,
) -> None:
    add(
        db,
        "r1",
        [
            *person("Ajzhangul Amirova"),
            event("arrest", "2012-01-06", "Ajzhangul Amirova"),
            *person("Elmurat Amirov", role="relative"),
            relative("Ajzhangul Amirova", "Elmurat Amirov", "brother"),
        ],
    )
    with db.read() as s:
        assert [c.name for c in list_cases(s)] == ["Ajzhangul Amirova"]
    add(db, "r2", [*person("Elmurat Amirov"), event("search", "2012-01-09", "Elmurat Amirov")])
    with db.read() as s:
        assert {c.name for c in list_cases(s)} == {"Ajzhangul Amirova", "Elmurat Amirov"}
        brother = get_dossier(s, by_name(db, "Elmurat Amirov"))
    # Both reports' mentions are one case: the one that only named him joined it.
    assert len(brother.summary.sources) == 2
    # A third report only naming him joins his case; it opens none of its own.
    add(db, "r3", [*person("Elmurat Amirov", role="relative")])
    with db.read() as s:
        assert len(list_cases(s)) == 2
        assert len(get_dossier(s, by_name(db, "Elmurat Amirov")).summary.sources) == 3


def test_a_case_whose_victim_is_reviewed_away_is_gone(db: Database) -> None:
    """When a review takes back what was done to a person (the event was someone else's),
    their case goes; an old link to it is not found."""
    rid = add(
        db, "g1", [*person("Nurlan Sadykov"), event("arrest", "2020-05-01", "Nurlan Sadykov")]
    )
    cid = by_name(db, "Nurlan Sadykov")
    with db.transaction() as s:
        [arrest] = [c for c in list_claims(s, report_id=rid) if c.kind == "event"]
        review_claim(s, arrest.id, "reject", actor="rev")
        update_report(s, rid)
    with db.read() as s:
        assert list_cases(s) == []
        with pytest.raises(NotFound):
            get_dossier(s, cid)


def test_unsure_matches_are_proposed_for_review(db: Database) -> None:
    add(
        db, "p1", [*person("Ajzhangul Amirova"), event("arrest", "2012-01-06", "Ajzhangul Amirova")]
    )
    add(db, "p2", [*person("A. Amirova"), event("search", "2012-01-07", "A. Amirova")])
    with db.read() as s:
        cases = {c.name: c.id for c in list_cases(s)}
        assert len(cases) == 2, cases
        d = get_dossier(s, cases["Ajzhangul Amirova"])
    assert [p.other_case for p in d.proposals] == [cases["A. Amirova"]]
    assert d.proposals[0].reasons
