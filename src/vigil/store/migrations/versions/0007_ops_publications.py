"""Publications belong to the people published: the mentions a case had when a reviewer
published it, and a hold set when they change (until a reviewer publishes again).

Revision ID: 0007_ops
Revises: 0006 (depends on 0003)
Create Date: 2026-12-02
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0007_ops"
down_revision = "0006"
branch_labels = None
depends_on = "0003"  # publications (accounts branch)


def upgrade() -> None:
    with op.batch_alter_table("publications") as table:
        table.add_column(sa.Column("mentions", sa.JSON, nullable=True))
        table.add_column(sa.Column("held_at", sa.DateTime(timezone=True), nullable=True))
        table.add_column(sa.Column("held_reason", sa.String(256), nullable=True))
    # What is published now is what reviewers published: each case's present members.
    conn = op.get_bind()
    pubs = sa.table(
        "publications",
        sa.column("case_id", sa.Integer),
        sa.column("mentions", sa.JSON),
        sa.column("held_at", sa.DateTime(timezone=True)),
        sa.column("held_reason", sa.String),
    )
    mentions = sa.table(
        "person_mentions", sa.column("id", sa.String), sa.column("case_id", sa.Integer)
    )
    cases = sa.table("cases", sa.column("id", sa.Integer), sa.column("merged_into", sa.Integer))
    live = set(conn.execute(sa.select(cases.c.id).where(cases.c.merged_into.is_(None))).scalars())
    for (case_id,) in conn.execute(sa.select(pubs.c.case_id)).all():
        ids = sorted(
            conn.execute(sa.select(mentions.c.id).where(mentions.c.case_id == case_id)).scalars()
        )
        values: dict[str, object] = {"mentions": ids}
        if case_id not in live:
            # Published under an id that now leads to another case: a reviewer decides.
            values.update(held_at=datetime.now(UTC), held_reason="merged into another case")
        conn.execute(pubs.update().where(pubs.c.case_id == case_id).values(**values))


def downgrade() -> None:
    with op.batch_alter_table("publications") as table:
        table.drop_column("held_reason")
        table.drop_column("held_at")
        table.drop_column("mentions")
