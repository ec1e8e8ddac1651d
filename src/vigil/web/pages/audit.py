"""The audit trail (admins): who changed what, when. Details hold ids, never report text."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from vigil.operations.audit import entry_json, trail
from vigil.store.accounts import Account
from vigil.web.api_models import AuditAnswer
from vigil.web.auth import require
from vigil.web.deps import database
from vigil.web.render import page

router = APIRouter()
admin = require("admin")


def _entries(request: Request, limit: int) -> list[dict[str, Any]]:
    with database(request).read() as session:
        return [entry_json(e) for e in trail(session, limit=limit)]


@router.get("/audit", response_class=HTMLResponse, include_in_schema=False)
def audit_page(
    request: Request, limit: int = Query(200, ge=1, le=5000), _: Account = Depends(admin)
) -> Response:
    return page(request, "audit.html", {"entries": _entries(request, limit)})


@router.get(
    "/api/audit", tags=["account"], response_model=AuditAnswer, response_model_exclude_unset=True
)
def api_audit(
    request: Request, limit: int = Query(200, ge=1, le=5000), _: Account = Depends(admin)
) -> dict[str, Any]:
    """The latest changes, newest first (admins only)."""
    return {"entries": _entries(request, limit)}
