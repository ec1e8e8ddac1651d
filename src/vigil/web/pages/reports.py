"""Reports (logged-in users only: report text is never public): the list, one report with
every extracted fact highlighted in place, and the original file to download."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from vigil.facts import refs
from vigil.store.accounts import Account
from vigil.store.claims import list_claims
from vigil.store.models import ClaimRow, Report
from vigil.store.reports import get_report, list_reports, original_bytes
from vigil.web.api_models import ReportAnswer, ReportsAnswer
from vigil.web.auth import require
from vigil.web.deps import database
from vigil.web.highlight import evidence_parts, segments, sentence_around
from vigil.web.render import page

router = APIRouter()
viewer = require("viewer")

# Media types a browser may be handed as they are; anything else downloads as bytes.
_SAFE_TYPES = {"application/pdf", "text/plain", "application/msword"}
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


def _report_json(report: Report) -> dict[str, Any]:
    return {
        "id": report.id,
        "sha256": report.sha256,
        "filename": report.filename,
        "media_type": report.media_type,
        "size": report.size,
        "language": report.language,
        "title": report.title,
        "published": report.published,
        "url": report.url,
        "ingested_by": report.ingested_by,
        "ingested_at": report.ingested_at.isoformat(),
        "warnings": list(report.warnings or []),
    }


def claim_json(row: ClaimRow, text: str, names: Mapping[str, str]) -> dict[str, Any]:
    """A claim as stored (``value``: persons and organisations by id) and as a reader sees
    it (``shown``: their names; ``names``: the name of each id it points to)."""
    first = row.spans[0] if row.spans else [0, 0]
    pointed = [i for ids in refs.ids_in(row.kind, row.value).values() for i in ids]
    return {
        "id": row.id,
        "report_id": row.report_id,
        "kind": row.kind,
        "value": row.value,
        "shown": refs.named(row.kind, row.value, names),
        "names": {i: names[i] for i in pointed if i in names},
        "spans": row.spans,
        "status": row.status,
        "confidence": row.confidence,
        "stage": row.stage,
        "reviewed_by": row.reviewed_by,
        "evidence": sentence_around(text, first[0], first[1]) if text else "",
        "evidence_parts": list(evidence_parts(text, first[0], first[1])) if text else [],
    }


def _load(request: Request, report_id: int) -> dict[str, Any]:
    with database(request).read() as session:
        report = get_report(session, report_id, with_text=True)
        rows = list_claims(session, report_id=report_id, limit=5000)
        names = refs.names_of((r.kind, r.value) for r in rows)
        text = report.text
        info = _report_json(report)
    marks = [
        (a, b, row.id, row.kind) for row in rows if row.status != "rejected" for a, b in row.spans
    ]
    return {
        "report": info,
        "text": text,
        "claims": [claim_json(r, text, names) for r in rows],
        "segments": segments(text, marks),
    }


@router.get("/reports", response_class=HTMLResponse, include_in_schema=False)
def reports_page(
    request: Request,
    page_no: int = Query(1, alias="page", ge=1, le=100000),
    _: Account = Depends(viewer),
) -> Response:
    with database(request).read() as session:
        found = list_reports(session, limit=50, offset=(page_no - 1) * 50)
    return page(request, "reports.html", {"reports": found, "page_no": page_no})


@router.get(
    "/api/reports",
    tags=["reports"],
    response_model=ReportsAnswer,
    response_model_exclude_unset=True,
)
def api_reports(
    request: Request,
    page_no: int = Query(1, alias="page", ge=1, le=100000),
    _: Account = Depends(viewer),
) -> dict[str, Any]:
    """Reports, latest first, 50 a page (metadata only)."""
    with database(request).read() as session:
        found = list_reports(session, limit=50, offset=(page_no - 1) * 50)
    return {
        "page": page_no,
        "reports": [
            {
                "id": r.id,
                "title": r.title,
                "filename": r.filename,
                "media_type": r.media_type,
                "published": r.published,
                "ingested_at": r.ingested_at.isoformat(),
            }
            for r in found
        ],
    }


@router.get("/reports/{report_id}", response_class=HTMLResponse, include_in_schema=False)
def report_page(request: Request, report_id: int, _: Account = Depends(viewer)) -> Response:
    data = _load(request, report_id)
    kinds = sorted({c["kind"] for c in data["claims"]})
    return page(request, "report.html", {**data, "kinds": kinds})


@router.get(
    "/api/reports/{report_id}",
    tags=["reports"],
    response_model=ReportAnswer,
    response_model_exclude_unset=True,
)
def api_report(request: Request, report_id: int, _: Account = Depends(viewer)) -> dict[str, Any]:
    """A report's metadata, text and extracted claims (spans are offsets into the text)."""
    data = _load(request, report_id)
    data.pop("segments")
    return data


@router.get("/reports/{report_id}/original", tags=["reports"])
def original(request: Request, report_id: int, _: Account = Depends(viewer)) -> Response:
    """The file as it was received, byte for byte (always as a download)."""
    with database(request).read() as session:
        report = get_report(session, report_id)
        data = original_bytes(session, report)
        name, media = report.filename, report.media_type
    media = media if media in _SAFE_TYPES or media == _DOCX else "application/octet-stream"
    ascii_name = _UNSAFE_NAME.sub("_", name.rsplit("/", 1)[-1])[:120] or f"report-{report_id}"
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name[:200])}"
    return Response(
        data,
        media_type=media,
        headers={"Content-Disposition": disposition, "Content-Security-Policy": "sandbox"},
    )
