"""Tables. Rows are storage shapes; what the CLI, API and public pages show are separate
shapes built from them (so redaction has one place to happen).

Later stages (claims, persons, cases, alerts) add their tables in their own modules on the
same ``Base``; Alembic migrations in ``store/migrations`` create them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, LargeBinary, String, Text
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
