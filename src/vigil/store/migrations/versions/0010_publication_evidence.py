"""A publication keeps the evidence its public shape showed when the reviewer published
it, so that an extraction run that brings facts nobody reviewed holds the case (when
publishing requires review) instead of showing them.

Existing publications get the evidence of their stored dossier (``case_dossiers``): what
the public sees now. The key is ``vigil.cases.publishable.evidence_key`` as of this
revision, written out here so that later changes there do not change this migration.

Revision ID: 0010_publication_evidence
Revises: 0009_release_mentions
Create Date: 2026-12-10
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010_publication_evidence"
down_revision = "0009_release_mentions"
branch_labels = None
depends_on = None  # case_dossiers (0006) comes before 0007_ops

_FACTS = (
    "birth_dates", "birth_places", "roles", "affiliations", "relatives", "charges", "sentences",
)  # fmt: skip


def _evidence(data: dict[str, Any]) -> Iterator[list[Any]]:
    for key in _FACTS:
        for fact in data.get(key) or ():
            yield from fact.get("evidence") or ()
    for event in data.get("timeline") or ():
        yield from event.get("evidence") or ()


def _key(item: list[Any]) -> str:
    report_id, claim_id, _spans, quote = item[:4]
    digest = hashlib.sha1(str(quote).encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
    return f"{int(report_id)}:{int(claim_id)}:{digest}"


def upgrade() -> None:
    with op.batch_alter_table("publications") as table:
        table.add_column(sa.Column("evidence", sa.JSON, nullable=True))
    conn = op.get_bind()
    pubs = sa.table(
        "publications", sa.column("case_id", sa.Integer), sa.column("evidence", sa.JSON)
    )
    dossiers = sa.table(
        "case_dossiers", sa.column("case_id", sa.Integer), sa.column("data", sa.JSON)
    )
    for (case_id,) in conn.execute(sa.select(pubs.c.case_id)).all():
        data = conn.execute(
            sa.select(dossiers.c.data).where(dossiers.c.case_id == case_id)
        ).scalar()
        if not isinstance(data, dict):
            continue  # not known: the first run that brings unreviewed evidence holds it
        keys = sorted({_key(item) for item in _evidence(data)})
        conn.execute(pubs.update().where(pubs.c.case_id == case_id).values(evidence=keys))


def downgrade() -> None:
    with op.batch_alter_table("publications") as table:
        table.drop_column("evidence")
