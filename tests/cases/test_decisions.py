"""Reviewers' merges and splits follow the same rules for every kind of entity: persons
(cases) and organisations. Each rule is checked for both kinds, on both backends."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import delete, select

from tests.cases.conftest import add, event, person
from tests.cases.test_organizations import add_with_orgs, org
from vigil.cases import (
    DecisionError,
    list_cases,
    list_decisions,
    list_organizations,
    merge_organizations,
    merge_persons,
    split_organization,
    split_person,
    undo_decision,
)
from vigil.store.cases import OrgMentionRow, PersonMentionRow
from vigil.store.db import Database


@dataclass(frozen=True)
class Kind:
    """How a test makes two entities the resolver keeps apart, and decides on them."""

    add_two: Callable[[Database], None]
    ids: Callable[[Database], list[int]]
    mention: type[PersonMentionRow] | type[OrgMentionRow]
    merge: Callable[..., int]
    split: Callable[..., int | None]


def _two_persons(db: Database) -> None:
    add(db, "d1", [*person("Mehman Huseynov"), event("arrest", "2017-01-09", "Mehman Huseynov")])
    add(db, "d2", [*person("Bolot Temirov"), event("threat", "2022-01-01", "Bolot Temirov")])


def _case_ids(db: Database) -> list[int]:
    with db.read() as s:
        return sorted(c.id for c in list_cases(s, limit=1000))


def _two_orgs(db: Database) -> None:
    add_with_orgs(db, "d1", [org("Viasna Human Rights Centre", kind="ngo")])
    add_with_orgs(db, "d2", [org("Spring-96", kind="ngo")])


def _org_ids(db: Database) -> list[int]:
    with db.read() as s:
        return sorted(o.id for o in list_organizations(s, limit=1000))


PERSONS = Kind(_two_persons, _case_ids, PersonMentionRow, merge_persons, split_person)
ORGANIZATIONS = Kind(_two_orgs, _org_ids, OrgMentionRow, merge_organizations, split_organization)


@pytest.fixture(params=["person", "organization"])
def kind(request: pytest.FixtureRequest) -> Kind:
    return PERSONS if request.param == "person" else ORGANIZATIONS


def _mentions(db: Database, kind: Kind, entity: int) -> list[str]:
    table = kind.mention
    group = table.case_id if table is PersonMentionRow else table.organization_id  # type: ignore[union-attr]
    with db.read() as s:
        return list(s.scalars(select(table.id).where(group == entity).order_by(table.report_id)))


def test_a_split_overrules_the_merge_it_contradicts(db: Database, kind: Kind) -> None:
    """Splitting apart what a reviewer merged undoes that merge (it no longer binds), so
    undoing the split later does not bring a merge back that a reviewer took apart."""
    kind.add_two(db)
    a, b = kind.ids(db)
    with db.transaction() as s:
        one = kind.merge(s, a, b, actor="rev")
    assert kind.ids(db) == [one]
    second = _mentions(db, kind, one)[1]
    with db.transaction() as s:
        kind.split(s, one, [second], actor="rev2")
    with db.read() as s:
        merge, split = sorted(list_decisions(s), key=lambda d: d.id)[-2:]
    assert merge.undone_by == "rev2"
    assert split.undone_at is None
    with db.transaction() as s:
        undo_decision(s, split.id, actor="rev3")
    assert len(kind.ids(db)) == 2


def test_a_merge_overrules_the_split_it_contradicts(db: Database, kind: Kind) -> None:
    kind.add_two(db)
    a, b = kind.ids(db)
    with db.transaction() as s:
        one = kind.merge(s, a, b, actor="rev")
    with db.transaction() as s:
        kind.split(s, one, [_mentions(db, kind, one)[1]], actor="rev2")
    a, b = kind.ids(db)
    with db.transaction() as s:
        kind.merge(s, a, b, actor="rev3")
    with db.read() as s:
        merge, split, merge_again = sorted(list_decisions(s), key=lambda d: d.id)[-3:]
    assert merge.undone_by == "rev2"
    assert split.undone_by == "rev3" and merge_again.undone_at is None
    assert len(kind.ids(db)) == 1


def test_no_decision_leaves_an_empty_entity(db: Database, kind: Kind) -> None:
    kind.add_two(db)
    a, b = kind.ids(db)
    [only_a] = _mentions(db, kind, a)
    with db.transaction() as s:
        with pytest.raises(DecisionError):
            kind.merge(s, a, a, actor="rev")
        with pytest.raises(DecisionError):
            kind.split(s, a, [only_a], actor="rev")  # nothing would stay
        with pytest.raises(DecisionError):
            kind.split(s, a, ["no-such-mention"], actor="rev")
    # An entity whose mentions are gone (its report was deleted) is not merged into another.
    with db.transaction() as s:
        s.execute(delete(kind.mention).where(kind.mention.id == only_a))
    with db.transaction() as s:
        with pytest.raises(DecisionError):
            kind.merge(s, a, b, actor="rev")
        with pytest.raises(DecisionError):
            kind.merge(s, b, a, actor="rev")
    with db.read() as s:
        assert list_decisions(s) == []
