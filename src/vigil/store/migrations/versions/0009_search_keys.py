"""Search keys: the full-text index holds each word's search key ("Амировой" -> "amirov",
see store/wordkeys.py) instead of its folded spelling, so that every form of a word finds
the others. Indexes every stored report anew.

Revision ID: 0009_search_keys
Revises: 0001
Create Date: 2026-12-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_search_keys"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from vigil.store.search import rebuild_index

    rebuild_index(op.get_bind())


def downgrade() -> None:
    """Back to the folded spelling the older code indexed."""
    from vigil.store import dialect
    from vigil.store.fold import fold

    conn = op.get_bind()
    for report_id, title, body in conn.execute(sa.text("SELECT id, title, text FROM reports")):
        dialect.unindex_report(conn, int(report_id))
        dialect.index_report(conn, int(report_id), fold(title or ""), fold(body))
