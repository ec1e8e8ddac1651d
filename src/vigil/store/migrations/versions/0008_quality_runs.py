"""Figures of each measurement against the reviewed reports (the quality page's history).

Revision ID: 0008_quality_runs
Revises: 0002
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_quality_runs"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quality_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("extractor", sa.String(64), nullable=False),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("stamp", sa.String(128), nullable=False),
        sa.Column("figures", sa.JSON, nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
    )
    op.create_index("ix_quality_runs_at", "quality_runs", ["at"])
    op.create_index("ix_quality_runs_stamp", "quality_runs", ["stamp"])


def downgrade() -> None:
    op.drop_table("quality_runs")
