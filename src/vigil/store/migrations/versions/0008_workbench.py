"""The review workbench: each report's review progress (``report_reviews``, filled here for
existing reports) and a version on each claim, so that two reviewers editing one fact at
once cannot overwrite each other unknowingly.

Revision ID: 0008_workbench
Revises: 0002
Create Date: 2026-12-12
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0008_workbench"
down_revision = "0002"
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    op.add_column(
        "claims", sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1"))
    )
    op.create_table(
        "report_reviews",
        sa.Column(
            "report_id",
            sa.Integer,
            sa.ForeignKey("reports.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("facts", sa.Integer, nullable=False),
        sa.Column("waiting", sa.Integer, nullable=False),
        sa.Column("decided", sa.Integer, nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        sa.Column("urgency", sa.Integer, nullable=False),
        sa.Column("countries", sa.String(120), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("published", sa.String(32), nullable=False),
        sa.Column("finished_by", sa.String(128)),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    for column in ("state", "source", "language"):
        op.create_index(f"ix_report_reviews_{column}", "report_reviews", [column])
    # The queue's two orders (newest first, most urgent first), each read from an index.
    op.create_index("ix_report_reviews_newest", "report_reviews", ["published", "report_id"])
    op.create_index(
        "ix_report_reviews_urgent", "report_reviews", ["urgency", "waiting", "report_id"]
    )
    _fill()


def _fill() -> None:
    """Progress rows for the reports already stored, by the rule the code keeps."""
    from datetime import UTC, datetime

    from vigil.store.progress import summarise

    conn = op.get_bind()
    meta = sa.MetaData()
    reports = sa.Table("reports", meta, autoload_with=conn)
    claims = sa.Table("claims", meta, autoload_with=conn)
    progress = sa.Table("report_reviews", meta, autoload_with=conn)
    last = 0
    now = datetime.now(UTC)
    while True:
        batch = conn.execute(
            sa.select(
                reports.c.id, reports.c.url, reports.c.ingested_by, reports.c.language,
                reports.c.published,
            ).where(reports.c.id > last).order_by(reports.c.id).limit(BATCH)
        ).all()  # fmt: skip
        if not batch:
            return
        ids = [r[0] for r in batch]
        found: dict[int, list[tuple[str, str, str, Any]]] = {i: [] for i in ids}
        for rid, kind, status, stage, value in conn.execute(
            sa.select(
                claims.c.report_id, claims.c.kind, claims.c.status, claims.c.stage, claims.c.value
            ).where(claims.c.report_id.between(ids[0], ids[-1]))
        ):
            if rid in found:
                found[rid].append((kind, status, stage, value))
        rows = [
            {
                "report_id": rid,
                "updated_at": now,
                "finished_by": None,
                "finished_at": None,
                **summarise(
                    found[rid], url=url, ingested_by=by, language=lang, published=pub,
                    finished=False,
                ),
            }
            for rid, url, by, lang, pub in batch
        ]  # fmt: skip
        conn.execute(progress.insert(), rows)
        last = ids[-1]


def downgrade() -> None:
    op.drop_table("report_reviews")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("version")
