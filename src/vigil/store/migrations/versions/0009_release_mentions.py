"""A release belongs to the evidence it was made for: the mentions (person in a report)
whose evidence states the released value, so that a split does not hand it to another
person along with the case number.

Revision ID: 0009_release_mentions
Revises: 0007_ops
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_release_mentions"
down_revision = "0007_ops"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("releases") as table:
        table.add_column(sa.Column("mentions", sa.JSON, nullable=True))
    # Which evidence an existing release was made for is not known: the case's present
    # members, so that the next change of its people drops it.
    conn = op.get_bind()
    releases = sa.table(
        "releases",
        sa.column("id", sa.Integer),
        sa.column("case_id", sa.Integer),
        sa.column("mentions", sa.JSON),
    )
    mentions = sa.table(
        "person_mentions", sa.column("id", sa.String), sa.column("case_id", sa.Integer)
    )
    for release_id, case_id in conn.execute(sa.select(releases.c.id, releases.c.case_id)).all():
        ids = sorted(
            conn.execute(sa.select(mentions.c.id).where(mentions.c.case_id == case_id)).scalars()
        )
        conn.execute(releases.update().where(releases.c.id == release_id).values(mentions=ids))


def downgrade() -> None:
    with op.batch_alter_table("releases") as table:
        table.drop_column("mentions")
