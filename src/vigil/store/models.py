"""Tables. Rows are storage shapes; what the CLI, API and public pages show are separate
shapes built from them (so redaction has one place to happen).

Later stages (claims, persons, cases, alerts) add their tables in their own modules on the
same ``Base``; Alembic migrations in ``store/migrations`` create them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Blob(Base):
    """Original bytes of an input, unchanged, keyed by their SHA-256 (content-addressed).

    Kept in the database so that storing a report is one transaction: a killed process
    leaves neither a report without its bytes nor bytes without a report.
    """

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary))


class Report(Base):
    """One received report: metadata, the text later stages read, and the map back from
    that text to the original bytes."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), unique=True)
    filename: Mapped[str] = mapped_column(String(512))
    media_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    reader: Mapped[str] = mapped_column(String(64))
    encoding: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(32))  # ISO 8601, partial allowed
    url: Mapped[str | None] = mapped_column(Text)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"), index=True)
    ingested_by: Mapped[str] = mapped_column(String(128))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    text: Mapped[str] = deferred(mapped_column(Text))
    offsets: Mapped[dict[str, Any]] = deferred(mapped_column(JSON))


class Extraction(Base):
    """The latest machine record of a report, in the annotation schema, for display and
    for building cases. Claims (below) carry the same facts one by one for review."""

    __tablename__ = "extractions"

    report_id: Mapped[int] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True
    )
    extractor: Mapped[str] = mapped_column(String(64))  # Vigil version that produced it
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ClaimRow(Base):
    """One extracted fact about a report, with its evidence and its review state.

    ``status`` is ``machine`` until a reviewer acts: ``confirmed``, ``edited`` (``value`` is
    the reviewer's) or ``rejected`` (kept, so that a later run cannot bring it back).
    ``fingerprint`` identifies the machine's value when the claim was made; a later run
    that proposes the same fact finds it by that, whatever a reviewer did to it since.
    ``version`` grows with every change, so a reviewer's form that was opened before
    someone else's change is refused instead of overwriting it. A fact a reviewer added
    has ``stage`` "reviewer".
    """

    __tablename__ = "claims"
    __table_args__ = (UniqueConstraint("report_id", "fingerprint", name="uq_claims_fact"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    key: Mapped[str] = mapped_column(String(128))
    fingerprint: Mapped[str] = mapped_column(String(40))
    value: Mapped[dict[str, Any]] = mapped_column(JSON)
    spans: Mapped[list[list[int]]] = mapped_column(JSON)
    stage: Mapped[str] = mapped_column(String(64))
    confidence: Mapped[float] = mapped_column(Float)
    extractor: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="machine", index=True)
    reviewed_by: Mapped[str | None] = mapped_column(String(128))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class ClaimChange(Base):
    """Every change to a claim, by whom and when: the audit trail (never updated)."""

    __tablename__ = "claim_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[int] = mapped_column(Integer, index=True)  # kept after a claim is gone
    report_id: Mapped[int] = mapped_column(Integer, index=True)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(32))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
