"""Upload: several files at once (file picker, or drag and drop with per-file progress via
``static/app.js``), each with its own result. Size-limited, type-checked, file names
cleaned.

A request only reads and stores (bounded and quick); each stored file's extraction is
queued (``pipeline.jobs``) for the extraction worker process, so that no upload waits for
another's extraction and no public page waits for the model. Reading runs in a reader
process (``pipeline.reading``) for the same reason: a hostile file's reading never holds
the server's interpreter. The page and
``/api/upload`` say each report's extraction state, and the page follows it through
``/api/upload/extraction`` until it is done or failed."""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from vigil.errors import InputError, TooLarge
from vigil.i18n import _
from vigil.pipeline import jobs
from vigil.pipeline.ingest import Ingestor, Outcome
from vigil.pipeline.reading import ReaderProcess
from vigil.sources.document import SourceDocument
from vigil.store.accounts import Account, audit
from vigil.web.api_models import ExtractionAnswer, UploadAnswer
from vigil.web.auth import check_csrf, require
from vigil.web.deps import config, database
from vigil.web.render import page

READER = ReaderProcess()
router = APIRouter(on_shutdown=[READER.close])
editor = require("editor")
MAX_FILES = 50
# Who the facts extracted from uploads are attributed to (the uploader is in the audit).
EXTRACTION_ACTOR = "vigil-web"
# Report ids one status request may ask about.
MAX_STATUS_IDS = 100
log = logging.getLogger(__name__)
_NAME_JUNK = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069<>:\"|?*]+")


def safe_filename(raw: str | None) -> str:
    """The last path part of a client's file name, without control or bidi characters."""
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _NAME_JUNK.sub("_", name).strip(" .")
    return name[:200] or "upload"


async def _read_limited(upload: UploadFile, limit: int) -> bytes | None:
    chunks, size = [], 0
    while chunk := await upload.read(1024 * 1024):
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def _ingest(request: Request, name: str, data: bytes, user: Account) -> dict[str, Any]:
    """Read one file (in the reader process), then store it and queue its extraction."""
    try:
        doc = await READER.read(data, name)
    except InputError as exc:
        exc.subject = name
        return {"source": name, "status": "rejected", "error": exc.message}
    except Exception as exc:
        # A reader's defect is this file's error, never the request's (as ``vigil ingest``).
        log.debug("reading an upload failed", exc_info=True)
        error = _("internal error (%(kind)s)") % {"kind": type(exc).__name__}
        return {"source": name, "status": "rejected", "error": error}
    return await run_in_threadpool(_store, request, name, doc, user)


def _store(request: Request, name: str, doc: SourceDocument, user: Account) -> dict[str, Any]:
    """Store one read file and queue its extraction, in one transaction."""
    ingestor = Ingestor(
        database(request),
        actor=user.name,
        max_bytes=config(request).max_upload_bytes,
        after_store=[jobs.queue_extraction(doc, EXTRACTION_ACTOR)],
    )
    outcome: Outcome = ingestor.store(name, doc)
    if outcome.report_id is not None:
        with database(request).transaction() as session:
            audit(session, user.name, f"report.{outcome.status}", f"report:{outcome.report_id}")
    result = outcome.to_json()
    if outcome.error:
        result["error"] = outcome.error
    if outcome.status == "stored" and outcome.report_id is not None:
        result["extraction"] = jobs.JobState(outcome.report_id, jobs.QUEUED).to_json()
    return result


async def _handle(request: Request, user: Account) -> list[dict[str, Any]]:
    limit = config(request).max_upload_bytes
    length = int(request.headers.get("content-length") or 0)
    if length > limit * MAX_FILES + 1024 * 1024:
        # Pages get the messages made here in the reader's language, the API in English.
        raise TooLarge(
            _("the upload is too large (at most %(mb)s MB per file)") % {"mb": limit // 1048576}
        )
    form = await request.form(max_files=MAX_FILES, max_fields=20)
    check_csrf(request, str(form.get("csrf") or request.headers.get("x-csrf-token") or ""))
    results: list[dict[str, Any]] = []
    for item in form.getlist("files"):
        if not isinstance(item, UploadFile):
            continue
        name = safe_filename(item.filename)
        data = await _read_limited(item, limit)
        if data is None:
            mb = limit / 1048576
            too_big = _("larger than %(mb)s MB") % {"mb": f"{mb:g}"}
            results.append({"source": name, "status": "rejected", "error": too_big})
        elif not data:
            results.append({"source": name, "status": "rejected", "error": _("the file is empty")})
        else:
            results.append(await _ingest(request, name, data, user))
    if not results:
        raise InputError(_("choose at least one file"))
    return results


def _report_ids(raw: str) -> list[int]:
    """``1,2,3`` as report ids (at most MAX_STATUS_IDS); anything else is refused."""
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if len(parts) > MAX_STATUS_IDS or not all(p.isdigit() and len(p) < 12 for p in parts):
        raise InputError(_("ids is a list of at most %(n)s report ids") % {"n": MAX_STATUS_IDS})
    return [int(p) for p in parts]


def _status(exc: InputError) -> int:
    return 413 if isinstance(exc, TooLarge) or "too large" in exc.message else 400


@router.get("/upload", response_class=HTMLResponse, include_in_schema=False)
def upload_form(request: Request, user: Account = Depends(editor)) -> Response:
    limit_mb = config(request).max_upload_bytes / 1048576
    return page(request, "upload.html", {"results": None, "limit_mb": f"{limit_mb:g}"})


@router.post("/upload", response_class=HTMLResponse, include_in_schema=False)
async def upload(request: Request, user: Account = Depends(editor)) -> Response:
    limit_mb = config(request).max_upload_bytes / 1048576
    try:
        results = await _handle(request, user)
    except InputError as exc:
        return page(
            request,
            "upload.html",
            {"results": None, "error": exc.message, "limit_mb": f"{limit_mb:g}"},
            status=_status(exc),
        )
    return page(request, "upload.html", {"results": results, "limit_mb": f"{limit_mb:g}"})


@router.post("/api/upload", tags=["reports"], response_model=UploadAnswer)
async def api_upload(request: Request, user: Account = Depends(editor)) -> Response:
    """Multipart ``files`` (one or more); needs ``X-CSRF-Token`` (or a ``csrf`` field).
    Answers at once, one result per file: stored, duplicate or rejected (with the reason);
    a stored file's ``extraction`` is ``{"state": "queued"}``: its facts are extracted
    afterwards (``/api/upload/extraction`` follows it)."""
    try:
        results = await _handle(request, user)
    except InputError as exc:
        return JSONResponse({"error": exc.message}, status_code=_status(exc))
    return JSONResponse({"results": results})


@router.get("/api/upload/extraction", tags=["reports"], response_model=ExtractionAnswer)
def api_extraction(
    request: Request,
    ids: str = Query(..., max_length=1200),
    user: Account = Depends(editor),
) -> Response:
    """The extraction state of uploaded reports: ``ids`` is a comma-separated list of
    report ids. Answers ``{"reports": [...]}``, one per report that has a job, each with its
    ``state`` (queued, running, done or failed), the ``error`` of a failed one and the
    ``warnings`` of a finished one."""
    try:
        wanted = _report_ids(ids)
    except InputError as exc:
        return JSONResponse({"error": exc.message}, status_code=400)
    with database(request).read() as session:
        found = jobs.states(session, wanted)
    return JSONResponse({"reports": [found[i].to_json() for i in wanted if i in found]})
