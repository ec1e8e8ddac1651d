"""An alert keeps the mentions its case had when it was drafted: the people it is about,
so that a case's alert feed follows them through merges and splits instead of the case
number (as publications and releases do).

Existing alerts get the present members of their case: the best knowledge there is.

Revision ID: 0011_alert_mentions
Revises: 0010_publication_evidence
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_alert_mentions"
down_revision = "0010_publication_evidence"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alerts") as table:
        table.add_column(sa.Column("mentions", sa.JSON, nullable=True))
    conn = op.get_bind()
    alerts = sa.table(
        "alerts",
        sa.column("id", sa.Integer),
        sa.column("case_id", sa.Integer),
        sa.column("mentions", sa.JSON),
    )
    people = sa.table(
        "person_mentions", sa.column("id", sa.String), sa.column("case_id", sa.Integer)
    )
    rows = conn.execute(
        sa.select(alerts.c.id, alerts.c.case_id).where(alerts.c.case_id.is_not(None))
    )
    for alert_id, case_id in rows.all():
        found = conn.execute(sa.select(people.c.id).where(people.c.case_id == case_id)).scalars()
        conn.execute(alerts.update().where(alerts.c.id == alert_id).values(mentions=sorted(found)))


def downgrade() -> None:
    with op.batch_alter_table("alerts") as table:
        table.drop_column("mentions")
