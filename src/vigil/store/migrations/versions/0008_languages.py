"""Languages: each user's page language and each subscriber's mail language.

Both are nullable: None means "the browser's choice" for a user and the default language
(the first of vigil/web/locale/languages.txt) for a subscriber.

Revision ID: 0008_languages
Revises: 0007_login_throttle
Create Date: 2026-12-14
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_languages"
down_revision = "0007_login_throttle"
branch_labels = None
# alert_subscribers is made on the alerts branch (0004): it must exist first.
depends_on = ("0004",)


def upgrade() -> None:
    op.add_column("users", sa.Column("language", sa.String(16), nullable=True))
    op.add_column("alert_subscribers", sa.Column("language", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("alert_subscribers") as batch:
        batch.drop_column("language")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("language")
