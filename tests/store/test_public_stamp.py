"""The public stamp moves when what the public may see changes, and only then: reports
coming in for cases nobody published leave the public pages' cache alone (issue 14,
item 7: every upload used to move it, and 20 readers waited on pages computed again)."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import timedelta

from vigil.store.alerts import AlertRow
from vigil.store.cases import CaseRow
from vigil.store.db import Database
from vigil.store.models import utcnow
from vigil.store.publications import publish, release_value, unpublish, withhold_value
from vigil.store.stamp import public_stamp


def stamp(db: Database) -> Hashable:
    with db.read() as s:
        return public_stamp(s)


def touch(db: Database, case_id: int, minutes: int) -> None:
    with db.transaction() as s:
        row = s.get(CaseRow, case_id)
        assert row is not None
        row.updated_at = utcnow() + timedelta(minutes=minutes)


def test_the_stamp_moves_with_public_content_only(db: Database) -> None:
    with db.transaction() as s:
        s.add_all([CaseRow(name="public"), CaseRow(name="private")])
        s.flush()
        publish(s, 1, actor="rex")
    before = stamp(db)

    # New reports fold into a case nobody published; a new case appears; a draft alert.
    touch(db, 2, 1)
    with db.transaction() as s:
        s.add(CaseRow(name="new"))
        s.add(AlertRow(case_id=2, title="t", body="b", created_by="ed", edited_by="ed"))
    assert stamp(db) == before, "nothing the public sees changed"

    steps = [
        lambda: touch(db, 1, 2),  # the published case's dossier was rebuilt
        lambda: _in(db, lambda s: release_value(s, 1, "a value", actor="rex")),
        lambda: _in(db, lambda s: withhold_value(s, 1, "a value")),
        lambda: _in(db, lambda s: publish(s, 2, actor="rex")),
        lambda: _in(db, lambda s: unpublish(s, 2)),
        lambda: _in(db, _publish_alert),
    ]
    last = before
    for step in steps:
        step()
        now = stamp(db)
        assert now != last, "a change the public sees moves the stamp"
        last = now


def _in(db: Database, change: object) -> None:
    with db.transaction() as s:
        change(s)  # type: ignore[operator]


def _publish_alert(s: object) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    row = s.get(AlertRow, 1)
    assert row is not None
    row.status, row.published_at, row.updated_at = "published", utcnow(), utcnow()
