"""Cases are for people at risk: a person mention says whether something was done to the
person in its report (``victim``); only such a mention opens a case.

Existing mentions take the flag from their case's old ``at_risk`` (close, not exact: run
``vigil rebuild-cases`` once to read it from the claims).

Revision ID: 0009_mention_victims
Revises: 0007_ops
Create Date: 2027-01-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_mention_victims"
down_revision = "0007_ops"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "person_mentions",
        sa.Column("victim", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    mentions = sa.table("person_mentions", sa.column("victim", sa.Boolean), sa.column("case_id"))
    cases = sa.table("cases", sa.column("id"), sa.column("at_risk", sa.Boolean))
    at_risk = sa.select(cases.c.id).where(cases.c.at_risk.is_(True))
    op.execute(mentions.update().where(mentions.c.case_id.in_(at_risk)).values(victim=True))


def downgrade() -> None:
    with op.batch_alter_table("person_mentions") as batch:
        batch.drop_column("victim")
