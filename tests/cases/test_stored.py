"""Stored dossiers (``vigil.cases.stored``): the copy a page reads equals the dossier built
from claims, and a stale or foreign-shaped copy is never used (both backends)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select, update

from tests.cases.conftest import add
from tests.cases.test_rebuild import corpus
from vigil.cases import Dossier, get_dossier, stored
from vigil.cases.dossier import _proposals, build_dossier
from vigil.store.cases import CaseDossierRow, CaseRow
from vigil.store.db import Database
from vigil.store.models import utcnow


def built(db: Database, case_id: int) -> Dossier:
    with db.read() as s:
        case = s.get(CaseRow, case_id)
        assert case is not None
        return replace(build_dossier(s, case), proposals=_proposals(s, case))


def test_every_stored_dossier_equals_the_built_one(db: Database) -> None:
    for text, claims, day in corpus():
        add(db, text, claims, published=day)
    with db.read() as s:
        ids = list(s.scalars(select(CaseRow.id).where(CaseRow.merged_into.is_(None))))
        assert s.scalar(select(CaseDossierRow.case_id).limit(1)) is not None
    assert len(ids) >= 8
    with_proposals = 0
    for cid in ids:
        with db.read() as s:
            case = s.get(CaseRow, cid)
            assert case is not None
            kept = stored.load(s, cid, case.updated_at)
        assert kept is not None, cid
        expected = built(db, cid)
        assert replace(kept, proposals=expected.proposals) == expected
        with db.read() as s:
            assert get_dossier(s, cid) == expected
        with_proposals += bool(expected.proposals)
    assert with_proposals  # proposals (read live, not stored) were really compared


def test_a_stale_or_old_shaped_copy_is_not_used(db: Database) -> None:
    rid = add(db, "one", corpus()[0][1])
    with db.read() as s:
        cid = s.scalars(select(CaseRow.id)).first()
        case = s.get(CaseRow, cid)
        assert cid is not None and case is not None
        assert stored.load(s, cid, case.updated_at) is not None
    # Something moved the case without storing its dossier: the stored copy is stale.
    with db.transaction() as s:
        s.execute(update(CaseRow).where(CaseRow.id == cid).values(updated_at=utcnow()))
    with db.read() as s:
        case = s.get(CaseRow, cid)
        assert case is not None
        assert stored.load(s, cid, case.updated_at) is None
        assert get_dossier(s, cid).summary.sources == (rid,)  # built from claims instead
    with db.transaction() as s:
        row = s.get(CaseDossierRow, cid)
        assert row is not None
        case = s.get(CaseRow, cid)
        assert case is not None
        row.updated_at = case.updated_at
        row.data = {**row.data, "v": stored.VERSION + 1}
    with db.read() as s:
        case = s.get(CaseRow, cid)
        assert case is not None
        assert stored.load(s, cid, case.updated_at) is None


def test_the_stored_copy_is_the_only_cache(db: Database) -> None:
    """Derived case data was cached three ways (a per-process cache, case_dossiers, summary
    columns); a page now reads the stamped stored copy, so what is stored is what is shown."""
    add(db, "one", corpus()[0][1])
    with db.read() as s:
        cid = s.scalars(select(CaseRow.id)).first()
        assert cid is not None
        first = get_dossier(s, cid)  # a per-process cache would keep this one
    with db.transaction() as s:
        row = s.get(CaseDossierRow, cid)
        assert row is not None
        data = dict(row.data)
        data["summary"] = {**data["summary"], "name": "Renamed In Store"}
        row.data = data  # the same stamp: still a valid copy
    with db.read() as s:
        assert get_dossier(s, cid).summary.name == "Renamed In Store" != first.summary.name
