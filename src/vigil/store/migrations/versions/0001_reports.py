"""Reports, their original bytes, and the full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("blobs.sha256"), nullable=False),
        sa.Column("filename", sa.String(512), nullable=False),
        sa.Column("media_type", sa.String(128), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("reader", sa.String(64), nullable=False),
        sa.Column("encoding", sa.String(64)),
        sa.Column("language", sa.String(16)),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(32)),
        sa.Column("url", sa.Text),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("reports.id")),
        sa.Column("ingested_by", sa.String(128), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("warnings", sa.JSON, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("offsets", sa.JSON, nullable=False),
        sa.UniqueConstraint("sha256", name="uq_reports_sha256"),
    )
    op.create_index("ix_reports_parent_id", "reports", ["parent_id"])
    op.create_index("ix_reports_published", "reports", ["published"])
    if op.get_bind().dialect.name == "sqlite":
        # Folded text (see store/fold.py) in an FTS5 table whose rowid is the report id.
        op.execute(
            "CREATE VIRTUAL TABLE report_fts USING fts5(title, body, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
    else:
        op.create_table(
            "report_search",
            sa.Column(
                "report_id",
                sa.Integer,
                sa.ForeignKey("reports.id", ondelete="CASCADE"),
                primary_key=True,
            ),
            sa.Column("document", postgresql.TSVECTOR, nullable=False),
        )
        op.execute("CREATE INDEX ix_report_search_document ON report_search USING gin(document)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE report_fts")
    else:
        op.drop_table("report_search")
    op.drop_table("reports")
    op.drop_table("blobs")
