"""Cases: person mentions, their blocking keys, cases, reviewers' decisions and links.

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0002"
branch_labels = ("cases",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_mentions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column(
            "report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("case_id", sa.Integer),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("role", sa.String(32)),
        sa.Column("birth_date", sa.String(32)),
        sa.Column("birth_place", sa.Text),
        sa.Column("country", sa.String(8)),
        sa.Column("affiliations", sa.JSON, nullable=False),
        sa.Column("relatives", sa.JSON, nullable=False),
    )
    op.create_index("ix_person_mentions_report_id", "person_mentions", ["report_id"])
    op.create_index("ix_person_mentions_case_id", "person_mentions", ["case_id"])
    op.create_table(
        "mention_keys",
        sa.Column(
            "mention_id",
            sa.String(64),
            sa.ForeignKey("person_mentions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("key", sa.String(128), primary_key=True),
    )
    op.create_index("ix_mention_keys_key", "mention_keys", ["key"])
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("at_risk", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("country", sa.String(8)),
        sa.Column("latest_event", sa.String(32)),
        sa.Column("latest_event_date", sa.String(32)),
        sa.Column("charges", sa.JSON, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("merges", sa.JSON, nullable=False),
        sa.Column("proposals", sa.JSON, nullable=False),
        sa.Column("merged_into", sa.Integer),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    for col in ("status", "at_risk", "country", "latest_event", "latest_event_date"):
        op.create_index(f"ix_cases_{col}", "cases", [col])
    op.create_table(
        "case_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_by", sa.String(128)),
        sa.Column("undone_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "person_links",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("decision_id", sa.Integer, sa.ForeignKey("case_decisions.id"), nullable=False),
        sa.Column("a", sa.String(64), nullable=False),
        sa.Column("b", sa.String(64), nullable=False),
        sa.Column("link", sa.String(8), nullable=False),
    )
    op.create_index("ix_person_links_decision_id", "person_links", ["decision_id"])
    op.create_index("ix_person_links_a", "person_links", ["a"])
    op.create_index("ix_person_links_b", "person_links", ["b"])
    op.create_table(
        "case_facets",
        sa.Column("case_id", sa.Integer, primary_key=True),
        sa.Column("facet", sa.String(16), primary_key=True),
        sa.Column("value", sa.String(256), primary_key=True),
        sa.Column("date", sa.String(32)),
    )
    op.create_index("ix_case_facets_facet_value", "case_facets", ["facet", "value"])
    op.create_table(
        "org_mentions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column(
            "report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("organization_id", sa.Integer),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("kind", sa.String(32)),
    )
    op.create_index("ix_org_mentions_report_id", "org_mentions", ["report_id"])
    op.create_index("ix_org_mentions_organization_id", "org_mentions", ["organization_id"])
    op.create_table(
        "org_keys",
        sa.Column(
            "mention_id",
            sa.String(64),
            sa.ForeignKey("org_mentions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("key", sa.String(128), primary_key=True),
    )
    op.create_index("ix_org_keys_key", "org_keys", ["key"])
    op.create_table(
        "organizations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("kind", sa.String(32)),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("merges", sa.JSON, nullable=False),
        sa.Column("proposals", sa.JSON, nullable=False),
        sa.Column("merged_into", sa.Integer),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_organizations_kind", "organizations", ["kind"])
    op.create_table(
        "org_links",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("decision_id", sa.Integer, sa.ForeignKey("case_decisions.id"), nullable=False),
        sa.Column("a", sa.String(64), nullable=False),
        sa.Column("b", sa.String(64), nullable=False),
        sa.Column("link", sa.String(8), nullable=False),
    )
    op.create_index("ix_org_links_a", "org_links", ["a"])
    op.create_index("ix_org_links_b", "org_links", ["b"])


def downgrade() -> None:
    for table in (
        "case_facets",
        "person_links",
        "case_decisions",
        "cases",
        "mention_keys",
        "person_mentions",
    ):
        op.drop_table(table)
