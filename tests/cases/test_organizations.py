"""Organisations across reports: names a report gives together are one organisation."""

from __future__ import annotations

from tests.cases.conftest import C, add, event, person
from vigil.cases import get_organization, list_organizations, update_report_orgs
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
