"""Upload: several files at once (file picker, or drag and drop with per-file progress via
``static/upload.js``), each stored and extracted like ``vigil ingest`` does, each with its
own result. Size-limited, type-checked, file names cleaned."""

from __future__ import annotations

import re
import threading
import unicodedata
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from vigil.errors import InputError, TooLarge
from vigil.i18n import _
from vigil.pipeline.extraction import ExtractionStage
from vigil.pipeline.ingest import AfterStore, Ingestor, Outcome
from vigil.settings import Settings
from vigil.sources import read_bytes
from vigil.store.accounts import Account, audit
from vigil.web.api_models import UploadAnswer
from vigil.web.auth import check_csrf, require
from vigil.web.deps import config, database
from vigil.web.render import page

router = APIRouter()
editor = require("editor")
MAX_FILES = 50
_lock = threading.Lock()  # one extraction at a time: the model is shared and large
_NAME_JUNK = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069<>:\"|?*]+")


def safe_filename(raw: str | None) -> str:
    """The last path part of a client's file name, without control or bidi characters."""
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _NAME_JUNK.sub("_", name).strip(" .")
    return name[:200] or "upload"


def _stage(request: Request) -> ExtractionStage:
    state = request.app.state
    with _lock:
        if getattr(state, "extraction", None) is None:
            settings: Settings = state.settings
            state.extraction = ExtractionStage(
                actor="vigil-web",
                model=settings.spacy_model,
                budget=settings.extract_budget_seconds,
            )
    stage: ExtractionStage = state.extraction
    return stage


def _stages(request: Request) -> list[AfterStore]:
    """Extraction, then folding the report's persons into cases (as ``vigil ingest``)."""
    import vigil.pipeline.extraction as extraction

    stages: list[AfterStore] = [_stage(request)]
    update_cases = getattr(extraction, "update_cases", None)
    if update_cases is not None:
        stages.append(update_cases)
    return stages


async def _read_limited(upload: UploadFile, limit: int) -> bytes | None:
    chunks, size = [], 0
    while chunk := await upload.read(1024 * 1024):
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _ingest(request: Request, name: str, data: bytes, user: Account) -> dict[str, Any]:
    try:
        doc = read_bytes(data, name)
    except InputError as exc:
        exc.subject = name
        return {"source": name, "status": "rejected", "error": exc.message}
    ingestor = Ingestor(
        database(request),
        actor=user.name,
        max_bytes=config(request).max_upload_bytes,
        after_store=_stages(request),
    )
    with _lock:
        outcome: Outcome = ingestor.store(name, doc)
    if outcome.report_id is not None:
        with database(request).transaction() as session:
            audit(session, user.name, f"report.{outcome.status}", f"report:{outcome.report_id}")
    result = outcome.to_json()
    if outcome.error:
        result["error"] = outcome.error
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
            results.append(await run_in_threadpool(_ingest, request, name, data, user))
    if not results:
        raise InputError(_("choose at least one file"))
    return results


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
    Answers one result per file: stored, duplicate or rejected (with the reason)."""
    try:
        results = await _handle(request, user)
    except InputError as exc:
        return JSONResponse({"error": exc.message}, status_code=_status(exc))
    return JSONResponse({"results": results})
