"""Extraction jobs: a report uploaded through the web is stored at once and extracted
later by a worker process (``vigil extraction-worker``, or the one ``vigil serve``
starts). One row per uploaded report (its attachments go with it).

Revision ID: 0009_extraction_jobs
Revises: 0002
Create Date: 2026-12-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_extraction_jobs"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "extraction_jobs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "report_id",
            sa.Integer,
            sa.ForeignKey("reports.id", ondelete="CASCADE"),
            nullable=False,
        ),
        # queued | running | done | failed
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        # Who the extraction's claims are attributed to.
        sa.Column("actor", sa.String(128), nullable=False),
        # The running worker's claim token, and until when its lease holds.
        sa.Column("claim", sa.String(36)),
        sa.Column("locked_until", sa.DateTime(timezone=True)),
        sa.Column("error", sa.Text),
        sa.Column("warnings", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("report_id", name="uq_extraction_jobs_report_id"),
    )
    # Claiming reads the oldest queued (or lease-expired running) job.
    op.create_index("ix_extraction_jobs_status", "extraction_jobs", ["status", "id"])


def downgrade() -> None:
    op.drop_table("extraction_jobs")
