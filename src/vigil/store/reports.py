"""Storing and finding reports. Storing one report is one transaction (the caller's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, undefer

from vigil.errors import NotFound
from vigil.sources.document import OffsetMap, SourceDocument
from vigil.store import dialect
from vigil.store.models import Blob, Report, utcnow
from vigil.store.wordkeys import index_text


class DuplicateReport(Exception):
    """Raised when a concurrent writer stored the same bytes first."""

    def __init__(self, sha256: str) -> None:
        super().__init__(sha256)
        self.sha256 = sha256


@dataclass(frozen=True, slots=True)
class Stored:
    report_id: int
    sha256: str
    duplicate: bool


_BLOBS = cast(Table, Blob.__table__)
_REPORTS = cast(Table, Report.__table__)


def find_by_sha(session: Session, sha256: str) -> Report | None:
    return session.scalars(select(Report).where(Report.sha256 == sha256)).first()


def add_report(
    session: Session, doc: SourceDocument, *, ingested_by: str, parent_id: int | None = None
) -> Stored:
    """Store ``doc`` (bytes, metadata, text, offsets, index entry) unless the same bytes are
    stored already. Commits nothing: the caller's transaction decides.

    Core statements rather than ORM objects: this is the hot path of every batch, and the
    unit of work costs more than the inserts themselves.
    """
    sha = doc.sha256
    conn = session.connection()
    existing = conn.execute(select(Report.id).where(Report.sha256 == sha)).scalar()
    if existing is not None:
        return Stored(int(existing), sha, duplicate=True)
    try:
        dialect.insert_ignore(
            conn, _BLOBS, {"sha256": sha, "size": len(doc.original), "data": doc.original}
        )
        report_id = conn.execute(
            insert(_REPORTS).returning(_REPORTS.c.id),
            {
                "sha256": sha,
                "filename": doc.filename[:512],
                "media_type": doc.media_type,
                "size": len(doc.original),
                "reader": doc.reader,
                "encoding": doc.encoding,
                "language": doc.language,
                "title": doc.title,
                "published": doc.published,
                "url": doc.url,
                "parent_id": parent_id,
                "ingested_by": ingested_by,
                "ingested_at": utcnow(),
                "warnings": list(doc.warnings),
                "text": doc.text,
                "offsets": doc.offsets.to_json(),
            },
        ).scalar_one()
    except IntegrityError as exc:
        # Another process stored the same bytes between our check and our insert; the
        # caller's transaction is void, and the caller reports a duplicate.
        raise DuplicateReport(sha) from exc
    dialect.index_report(conn, int(report_id), index_text(doc.title or ""), index_text(doc.text))
    return Stored(int(report_id), sha, duplicate=False)


def get_report(session: Session, ref: str | int, *, with_text: bool = False) -> Report:
    """A report by id or by a SHA-256 prefix of at least 6 hex digits."""
    stmt = select(Report)
    if with_text:
        stmt = stmt.options(undefer(Report.text), undefer(Report.offsets))
    key = str(ref).strip()
    if key.isdigit() and len(key) < 12:
        found = session.scalars(stmt.where(Report.id == int(key))).first()
    elif len(key) >= 6 and all(c in "0123456789abcdef" for c in key.lower()):
        matches = session.scalars(stmt.where(Report.sha256.startswith(key.lower())).limit(2)).all()
        if len(matches) > 1:
            raise NotFound(
                "more than one report starts with that hash; give more digits", subject=key
            )
        found = matches[0] if matches else None
    else:
        found = None
    if found is None:
        raise NotFound("no such report", subject=key)
    return found


def original_bytes(session: Session, report: Report) -> bytes:
    data = session.scalars(select(Blob.data).where(Blob.sha256 == report.sha256)).one()
    return bytes(data)


def offset_map(report: Report) -> OffsetMap:
    return OffsetMap.from_json(report.offsets)


@dataclass(frozen=True, slots=True)
class ReportSummary:
    id: int
    sha256: str
    filename: str
    media_type: str
    size: int
    language: str | None
    title: str | None
    published: str | None
    ingested_at: datetime
    ingested_by: str
    warnings: list[str]
    parent_id: int | None


_SUMMARY_COLUMNS = (
    Report.id,
    Report.sha256,
    Report.filename,
    Report.media_type,
    Report.size,
    Report.language,
    Report.title,
    Report.published,
    Report.ingested_at,
    Report.ingested_by,
    Report.warnings,
    Report.parent_id,
)


def list_reports(session: Session, *, limit: int = 100, offset: int = 0) -> list[ReportSummary]:
    rows = session.execute(
        select(*_SUMMARY_COLUMNS).order_by(Report.id.desc()).limit(limit).offset(offset)
    ).all()
    return [ReportSummary(*row) for row in rows]


def count_reports(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Report)) or 0)


def summaries(session: Session, ids: list[int]) -> dict[int, ReportSummary]:
    if not ids:
        return {}
    rows = session.execute(select(*_SUMMARY_COLUMNS).where(Report.id.in_(ids))).all()
    return {row[0]: ReportSummary(*row) for row in rows}


def summaries_with_text(session: Session, ids: list[int]) -> dict[int, tuple[ReportSummary, str]]:
    """``summaries`` and each report's text, in one query (search results show snippets)."""
    if not ids:
        return {}
    rows = session.execute(select(*_SUMMARY_COLUMNS, Report.text).where(Report.id.in_(ids)))
    return {row[0]: (ReportSummary(*row[:-1]), row[-1] or "") for row in rows}
