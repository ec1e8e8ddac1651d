"""Organisations across reports: names a report gives together are one organisation."""

from __future__ import annotations

from tests.cases.conftest import C, add, event, person
from vigil.cases import (
    get_organization,
    list_decisions,
    list_organizations,
    merge_organizations,
    split_organization,
    update_report_orgs,
)
from vigil.store.db import Database


def org(name: str, *aliases: str, kind: str = "movement") -> C:
    return C("organization", {"name": name, "aliases": list(aliases), "kind": kind})


def affiliation(name: str, organization: str, position: str) -> C:
    return C("affiliation", {"person": name, "organization": organization, "position": position})


def add_with_orgs(db: Database, text: str, claims: list[C]) -> int:
    rid = add(db, text, claims)
    with db.transaction() as s:
        update_report_orgs(s, rid)
    return rid


def test_translations_join_one_organization(db: Database) -> None:
    add_with_orgs(db, "o1", [org("Halyk Maidan", "Popular Front"), org("Alga!", kind="party")])
    add_with_orgs(
        db,
        "o2",
        [
            org("National Front", "Halyk Maidan"),
            *person("Ajzhangul Amirova"),
            affiliation("Ajzhangul Amirova", "National Front", "member of the Central Council"),
            event("arrest", "2012-01-06", "Ajzhangul Amirova"),
        ],
    )
    add_with_orgs(db, "o3", [org("Popular Front"), event("search", "2012-01-06", "Popular Front")])
    with db.read() as s:
        orgs = list_organizations(s)
        names = sorted(o.name for o in orgs)
        assert len(orgs) == 2, names
        front = next(o for o in orgs if "Alga!" not in o.name)
        assert {front.name, *front.aliases} == {"Halyk Maidan", "Popular Front", "National Front"}
        assert len(front.sources) == 3
        page = get_organization(s, front.id)
    [(member, positions)] = page.members
    assert member.name == "Ajzhangul Amirova"
    assert positions == ("member of the Central Council",)
    assert [e.type for e in page.timeline] == ["search"]


def test_reviewer_merges_and_splits_organizations(db: Database) -> None:
    add_with_orgs(db, "x1", [org("Viasna Human Rights Centre", kind="ngo")])
    add_with_orgs(db, "x2", [org("Spring-96", kind="ngo")])
    with db.read() as s:
        ids = [o.id for o in list_organizations(s)]
    assert len(ids) == 2
    with db.transaction() as s:
        survivor = merge_organizations(s, ids[0], ids[1], actor="rev")
    with db.read() as s:
        [only] = list_organizations(s)
        assert only.id == survivor and len(only.sources) == 2
        page = get_organization(s, survivor)
    leaving = [m for m, _, name in page.mentions if name == "Spring-96"]
    with db.transaction() as s:
        new = split_organization(s, survivor, leaving, actor="rev")
    add_with_orgs(db, "x3", [org("Spring-96", kind="ngo")])
    with db.read() as s:
        assert len(list_organizations(s)) == 2
        assert get_organization(s, new).summary.name == "Spring-96"


def test_a_merge_overrules_an_earlier_split_of_organizations(db: Database) -> None:
    """As for persons: merging again undoes the split it contradicts, so an undo of the
    merge does not bring back a stale split, and the decisions list says so."""
    add_with_orgs(db, "y1", [org("Viasna Human Rights Centre", "Spring-96", kind="ngo")])
    add_with_orgs(db, "y2", [org("Spring-96", kind="ngo")])
    with db.read() as s:
        [one] = list_organizations(s)
        leaving = [m for m, _, name in get_organization(s, one.id).mentions if name == "Spring-96"]
    with db.transaction() as s:
        new = split_organization(s, one.id, leaving, actor="rev")
    with db.transaction() as s:
        merge_organizations(s, one.id, new, actor="rev")
    with db.read() as s:
        assert len(list_organizations(s)) == 1
        split, merge = sorted(list_decisions(s), key=lambda d: d.id)[-2:]
    assert split.action == "split-org" and split.undone_by == "rev"
    assert merge.action == "merge-org" and merge.undone_at is None


def test_people_only_named_stay_in_the_organization_directory(db: Database) -> None:
    """A judge has no case (nothing was done to him), but the court's page names him."""
    add_with_orgs(
        db,
        "j1",
        [
            org("Zhanaozen City Court", kind="court"),
            *person("Ajzhangul Amirova"),
            event("charge", "2012-01-07", "Ajzhangul Amirova"),
            *person("Serik Zhumabekov", role="official"),
            affiliation("Serik Zhumabekov", "Zhanaozen City Court", "judge"),
        ],
    )
    with db.read() as s:
        [court] = list_organizations(s)
        page = get_organization(s, court.id)
    assert page.members == ()
    assert page.people == (("Serik Zhumabekov", ("judge",)),)
