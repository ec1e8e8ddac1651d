"""The migrations that tie releases to their evidence (0009) and publications to what they
showed (0010) fill both for data stored before them."""

from __future__ import annotations

from alembic import command
from sqlalchemy import select

from tests.cases.conftest import add, event, person
from vigil.cases import get_dossier
from vigil.cases.publishable import evidence_keys
from vigil.operations import publishing
from vigil.store.cases import PersonMentionRow
from vigil.store.db import Database, _alembic_config
from vigil.store.publications import Publication, Release, members


def _step(db: Database, action: str, target: str) -> None:
    with db.engine.begin() as conn:
        cfg = _alembic_config()
        cfg.attributes["connection"] = conn
        getattr(command, action)(cfg, target)


def test_the_migrations_fill_what_was_published_and_released(db: Database) -> None:
    text = "MIGRATED01 Galym Zhanturin was arrested on 2024-03-01. He has diabetes."
    rid = add(
        db, text, [*person("Galym Zhanturin"), event("arrest", "2024-03-01", "Galym Zhanturin")]
    )
    with db.transaction() as s:
        found = s.scalar(select(PersonMentionRow.case_id).where(PersonMentionRow.report_id == rid))
        assert found is not None
        case = publishing.publish(s, found, actor="rex", requires_review=False).case_id
        publishing.release(s, case, "diabetes", actor="rex")
    _step(db, "downgrade", "0010_publication_evidence@-2")  # as stored before: neither column
    _step(db, "upgrade", "heads")
    with db.read() as s:
        pub = s.get(Publication, case)
        assert pub is not None and pub.evidence == evidence_keys(get_dossier(s, case))
        (release,) = s.query(Release).all()
        assert release.mentions == members(s, case)
