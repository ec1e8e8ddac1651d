"""Urgent actions: alerts, subscribers, webhooks, the delivery outbox, interventions.

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = ("alerts",)
depends_on = None

TZ = sa.DateTime(timezone=True)


def _filters() -> list[sa.Column[object]]:
    """What a subscriber or webhook wants (empty list: everything)."""
    return [
        sa.Column(name, sa.JSON, nullable=False)
        for name in ("countries", "cases", "organizations", "event_types")
    ]


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("alerts.id")),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("event_type", sa.String(32)),
        sa.Column("organizations", sa.JSON, nullable=False),
        sa.Column("asks", sa.JSON, nullable=False),
        sa.Column("appeal_to", sa.JSON, nullable=False),
        sa.Column("withheld", sa.JSON, nullable=False),
        sa.Column("public", sa.JSON),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("edited_by", sa.String(128), nullable=False),
        sa.Column("approved_by", sa.String(128)),
        sa.Column("published_by", sa.String(128)),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("published_at", TZ),
    )
    op.create_index("ix_alerts_case_id", "alerts", ["case_id"])
    op.create_index("ix_alerts_parent_id", "alerts", ["parent_id"])
    op.create_index("ix_alerts_status", "alerts", ["status"])
    op.create_index("ix_alerts_country", "alerts", ["country"])
    op.create_index("ix_alerts_published_at", "alerts", ["published_at"])

    op.create_table(
        "alert_subscribers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("name", sa.String(200)),
        sa.Column("status", sa.String(16), nullable=False),
        *_filters(),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("confirmed_at", TZ),
        sa.Column("unsubscribed_at", TZ),
        sa.UniqueConstraint("email", name="uq_alert_subscribers_email"),
    )
    op.create_index("ix_alert_subscribers_status", "alert_subscribers", ["status"])
    op.create_table(
        "alert_webhooks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("secret", sa.String(128), nullable=False),
        sa.Column("owner", sa.String(200)),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("allow_private", sa.Boolean, nullable=False),
        *_filters(),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "alert_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dedupe", sa.String(128), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("alert_id", sa.Integer),
        sa.Column("subscriber_id", sa.Integer),
        sa.Column("webhook_id", sa.Integer),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", TZ, nullable=False),
        sa.Column("claim", sa.String(36)),
        sa.Column("locked_until", TZ),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("sent_at", TZ),
        sa.UniqueConstraint("dedupe", name="uq_alert_outbox_dedupe"),
    )
    # Workers look for due rows of one channel: (channel, status, next_attempt_at).
    op.create_index("ix_alert_outbox_due", "alert_outbox", ["channel", "status", "next_attempt_at"])
    op.create_index("ix_alert_outbox_claim", "alert_outbox", ["claim"])
    op.create_index("ix_alert_outbox_alert_id", "alert_outbox", ["alert_id"])
    op.create_table(
        "alert_interventions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer, nullable=False),
        sa.Column("alert_id", sa.Integer),
        sa.Column("sender", sa.String(200), nullable=False),
        sa.Column("authority", sa.String(300), nullable=False),
        sa.Column("channel", sa.String(64)),
        sa.Column("sent_on", sa.String(32), nullable=False),
        sa.Column("summary", sa.Text),
        sa.Column("response", sa.Text),
        sa.Column("response_on", sa.String(32)),
        sa.Column("outcome", sa.Text),
        sa.Column("recorded_by", sa.String(128), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_index("ix_alert_interventions_case_id", "alert_interventions", ["case_id"])


def downgrade() -> None:
    op.drop_table("alert_interventions")
    op.drop_table("alert_outbox")
    op.drop_table("alert_webhooks")
    op.drop_table("alert_subscribers")
    op.drop_table("alerts")
