"""Migration 0011: a database whose affiliations and relatives name organisations and people
by name keeps working: they point to ids (a name nothing matches becomes an organisation or
a relative of the report), organisation mention ids, keys, links and split decisions follow
the organisation's id in its report, and the organisation keeps its id. Both backends."""

from __future__ import annotations

import hashlib
from typing import Any

from alembic import command
from sqlalchemy import select

from tests.store.test_migration_mention_ids import _up_to_before
from tests.store.test_reports import make_doc
from vigil.store.cases import CaseDecisionRow, OrganizationRow, OrgKeyRow, OrgLinkRow, OrgMentionRow
from vigil.store.claims import fingerprint
from vigil.store.db import Database, _alembic_config
from vigil.store.fold import name_key
from vigil.store.models import ClaimChange, ClaimRow
from vigil.store.progress import ReportProgress, refresh_progress
from vigil.store.reports import add_report

MINE = "0011_org_mention_ids"
MACHINE, NAME = "Oyan Qazaqstan", "Oyan Qazaqstan Movement"


def _old_id(report_id: int, name: str) -> str:
    digest = hashlib.sha1(name_key(name).encode(), usedforsecurity=False).hexdigest()[:12]
    return f"om-{report_id}-{digest}"


# Claims as migration 0009 left them: persons and organisations with ids, affiliations and
# relatives by name; (kind, value, status).
CLAIMS: list[tuple[str, dict[str, Any], str]] = [
    ("person", {"id": "p1", "name": "Aliya Sarsenbayeva", "role": "victim"}, "machine"),
    ("person", {"id": "p2", "name": "Daniyar Sarsenbayev", "role": "relative"}, "machine"),
    ("organization", {"id": "o1", "name": MACHINE, "aliases": [], "kind": "movement"}, "machine"),
    # Named as the machine wrote the movement before a reviewer corrected its name.
    ("affiliation", {"person": "p1", "organization": MACHINE, "position": "member"}, "machine"),
    # A reviewer typed an organisation the report's facts do not have.
    ("affiliation", {"person": "p1", "organization": "Adil Soz", "position": None}, "confirmed"),
    ("relative", {"person": "p1", "relative": "Daniyar Sarsenbayev", "relation": "brother"},
     "machine"),
    ("relative", {"person": "p1", "relative": "Aigerim", "relation": "sister"}, "machine"),
]  # fmt: skip


def _old_database(db: Database) -> tuple[int, int]:
    """A report as the old code left it: the movement renamed by a reviewer, its mention
    (with the id of its new name) in an organisation, and a split about it."""
    with db.transaction() as s:
        rid = add_report(s, make_doc("Aliya Sarsenbayeva of Oyan Qazaqstan."), ingested_by="t")
        rid = rid.report_id
        for kind, value, status in CLAIMS:
            row = ClaimRow(report_id=rid, kind=kind, key="k", fingerprint=fingerprint(kind, value),
                           value=value, spans=[[0, 5]], stage="test.v1", confidence=0.8,
                           extractor="old", status=status, reviewed_by="rex")  # fmt: skip
            s.add(row)
            s.flush()
            after = {"kind": kind, "value": value}
            s.add(ClaimChange(claim_id=row.id, report_id=rid, actor="x", action="extracted",
                              before=None, after=after))  # fmt: skip
            if kind == "organization":
                row.value, row.status = {**value, "name": NAME}, "edited"
        refresh_progress(s, [rid])
        org = OrganizationRow(name=NAME, aliases=[], sources=[rid], merges=[], proposals=[])
        s.add(org)
        s.flush()
        old = _old_id(rid, NAME)
        s.add(OrgMentionRow(id=old, report_id=rid, organization_id=org.id, name=NAME, aliases=[]))
        s.flush()
        s.add(OrgKeyRow(mention_id=old, key="k:oyan qazaqstan movement"))
        decision = CaseDecisionRow(action="split-org", actor="rex",
                                   detail={"organization": org.id, "mentions": [old]})  # fmt: skip
        s.add(decision)
        s.flush()
        s.add(OrgLinkRow(decision_id=decision.id, a=old, b="om-99-elsewhere", link="cannot"))
        return rid, org.id


def _values(db: Database, kind: str) -> list[dict[str, Any]]:
    with db.read() as s:
        stmt = select(ClaimRow.value).where(ClaimRow.kind == kind).order_by(ClaimRow.id)
        return list(s.scalars(stmt))


def test_affiliations_relatives_and_org_mentions_are_migrated_to_ids(db_url: str) -> None:
    db = Database(db_url)
    try:
        _up_to_before(db, MINE)
        rid, org_id = _old_database(db)
        db.migrate()
        assert [(a["organization"], a["position"]) for a in _values(db, "affiliation")] == [
            ("o1", "member"),  # mended through the rename's history
            ("o2", None),
        ]
        assert [r["relative"] for r in _values(db, "relative")] == ["p2", "p3"]
        with db.read() as s:
            added = {
                r.value["id"]: (r.value, r.status)
                for r in s.scalars(select(ClaimRow).where(ClaimRow.extractor == "old"))
                if r.value.get("id") in ("o2", "p3")
            }
            mention = s.scalars(select(OrgMentionRow)).one()
            keys = list(s.scalars(select(OrgKeyRow.mention_id)))
            link = s.scalars(select(OrgLinkRow)).one()
            decision = s.scalars(select(CaseDecisionRow)).one()
            progress = s.get(ReportProgress, rid)
            total = len(list(s.scalars(select(ClaimRow.id).where(ClaimRow.report_id == rid))))
        # Decided as the fact naming them was.
        assert added == {
            "o2": ({"id": "o2", "name": "Adil Soz", "kind": "other"}, "confirmed"),
            "p3": ({"id": "p3", "name": "Aigerim", "role": "relative"}, "machine"),
        }
        assert progress is not None and progress.facts == total == len(CLAIMS) + 2
        new = f"om-{rid}-o1"
        assert (mention.id, mention.organization_id) == (new, org_id)
        assert keys == [new] and link.a == new
        assert decision.detail["mentions"] == [new]
        # And back: names again, the old mention id.
        with db.engine.begin() as conn:
            cfg = _alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0009_mention_ids")
        assert [a["organization"] for a in _values(db, "affiliation")] == [NAME, "Adil Soz"]
        assert [r["relative"] for r in _values(db, "relative")] == [
            "Daniyar Sarsenbayev",
            "Aigerim",
        ]
        with db.read() as s:
            assert s.scalars(select(OrgMentionRow.id)).one() == _old_id(rid, NAME)
            assert s.scalars(select(OrgLinkRow.a)).one() == _old_id(rid, NAME)
    finally:
        db.close()
