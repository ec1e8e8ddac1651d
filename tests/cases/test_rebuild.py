"""The bulk path (``rebuild_cases``) groups mentions into the same cases, with the same
summaries and facets, as folding reports in one by one with ``update_report`` (both
backends)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from tests.cases.conftest import C, add, charge, event, person, relative
from vigil.cases import split_person, update_report
from vigil.cases.rebuild import rebuild_cases
from vigil.store.cases import CaseFacetRow, CaseRow, MentionKeyRow, PersonMentionRow
from vigil.store.claims import list_claims, review_claim
from vigil.store.db import Database

SPELLINGS = [
    ("Ajzhangul Amirova", "Aizhangul Amirova", "A. Amirova"),
    ("Mehman Huseynov", "Mekhman Guseinov", "Mehman Guseynov"),
    ("Nelson Garcia", "Nelson García", "N. Garcia"),
    ("Dang Van Nam", "Dang Duc Nam", "Nam Dang"),  # the third is ambiguous: proposed only
    ("Ihar Bantsar", "Igor Bantsar", "Ihar Banzar"),
    ("Natalia Sokolova", "Natalya Sokolova", "N. Sokolova"),
]
EVENTS = ["arrest", "search", "charge", "detention", "sentence", "release", "threat"]


def corpus() -> list[tuple[str, list[C], str]]:
    """Thirty reports: several spellings of each person, relatives who must stay apart,
    events, charges, in an order where later reports join earlier cases."""
    reports = []
    for i in range(30):
        family = SPELLINGS[i % len(SPELLINGS)]
        name = family[(i // len(SPELLINGS)) % len(family)]
        other = SPELLINGS[(i + 1) % len(SPELLINGS)][0]
        day = f"2020-{1 + i % 12:02d}-{1 + i % 27:02d}"
        claims = [
            *person(name, role="journalist" if i % 2 else "victim"),
            event(EVENTS[i % len(EVENTS)], day, name, country="KZ" if i % 3 else "AZ"),
            charge(name, str(100 + i % 4)),
        ]
        if i % 4 == 0:
            claims += [*person(other), event("search", None, name, other)]
        if i % 5 == 0:
            relative_name = name.split()[-1] + "a" if not name.endswith("a") else "Elmurat Amirov"
            claims += [*person(relative_name), relative(name, relative_name, "brother")]
        reports.append((f"report {i} about {name}", claims, day))
    return reports


def snapshot(db: Database) -> set[tuple[Any, ...]]:
    """Every live case as its members and derived fields (ids left out: they may differ)."""
    with db.read() as s:
        members: dict[int, list[str]] = {}
        for mid, cid in s.execute(select(PersonMentionRow.id, PersonMentionRow.case_id)):
            members.setdefault(cid, []).append(mid)
        facets: dict[int, set[tuple[str, str, str | None]]] = {}
        for f in s.scalars(select(CaseFacetRow)):
            facets.setdefault(f.case_id, set()).add((f.facet, f.value, f.date))
        which = {cid: frozenset(ms) for cid, ms in members.items()}
        found = set()
        for case in s.scalars(select(CaseRow).where(CaseRow.merged_into.is_(None))):
            # Which pair explains a merge, and which member speaks for a proposal, can
            # differ with the order the resolver saw mentions in (equal scores): compared
            # are how many merges, who they join, and which cases are proposed.
            merges = (len(case.merges), frozenset(x for m in case.merges for x in (m["a"], m["b"])))
            proposals = frozenset(which.get(p.get("other_case")) for p in case.proposals)
            found.add(
                (
                    which.get(case.id),
                    case.name,
                    tuple(case.aliases),
                    case.status,
                    case.at_risk,
                    case.country,
                    case.latest_event,
                    case.latest_event_date,
                    tuple(case.charges),
                    tuple(case.sources),
                    frozenset(facets.get(case.id, set())),
                    merges,
                    proposals,
                )
            )
    return found


def forget_cases(db: Database) -> None:
    with db.transaction() as s:
        for table in (CaseFacetRow, MentionKeyRow, PersonMentionRow, CaseRow):
            s.execute(delete(table))


def test_rebuild_from_nothing_makes_the_cases_report_by_report_made(db: Database) -> None:
    for text, claims, day in corpus():
        add(db, text, claims, published=day)
    one_by_one = snapshot(db)
    assert len(one_by_one) >= 8  # the corpus really makes several cases
    assert any(len(case[0]) >= 4 for case in one_by_one)  # and spellings really merged
    forget_cases(db)
    assert snapshot(db) == set()
    with db.transaction() as s:
        result = rebuild_cases(s)
    assert result.reports == 30
    assert snapshot(db) == one_by_one


def test_rebuild_keeps_case_ids_and_obeys_a_split(db: Database) -> None:
    for text, claims, day in corpus():
        add(db, text, claims, published=day)
    with db.read() as s:
        mentions = list(
            s.execute(
                select(PersonMentionRow.id, PersonMentionRow.case_id).order_by(PersonMentionRow.id)
            )
        )
    sizes: dict[int, list[str]] = {}
    for mid, cid in mentions:
        sizes.setdefault(cid, []).append(mid)
    big = max(sizes, key=lambda c: len(sizes[c]))
    with db.transaction() as s:
        split_person(s, big, [sorted(sizes[big])[0]], actor="rev")
    before = snapshot(db)
    with db.read() as s:
        ids_before = dict(s.execute(select(PersonMentionRow.id, PersonMentionRow.case_id)).all())
    with db.transaction() as s:
        rebuild_cases(s)
    assert snapshot(db) == before
    with db.read() as s:
        ids_after = dict(s.execute(select(PersonMentionRow.id, PersonMentionRow.case_id)).all())
    assert ids_after == ids_before


def test_rebuilding_some_reports_equals_updating_them(db: Database) -> None:
    for text, claims, day in corpus()[:12]:
        add(db, text, claims, published=day)
    # A reviewer rejects the person claim of one report: its mention leaves its case.
    with db.read() as s:
        people = list_claims(s, kind="person")
        target = next(c for c in people if c.value["name"] == "Nelson García")
    with db.transaction() as s:
        review_claim(s, target.id, "reject", actor="rev")
        update_report(s, target.report_id)
    expected = snapshot(db)
    with db.transaction() as s:
        review_claim(s, target.id, "confirm", actor="rev")
        update_report(s, target.report_id)
    assert snapshot(db) != expected
    with db.transaction() as s:
        review_claim(s, target.id, "reject", actor="rev")
        result = rebuild_cases(s, [target.report_id])
    assert result.reports == 1
    assert snapshot(db) == expected
