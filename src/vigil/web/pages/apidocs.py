"""``/api``: the JSON endpoints, listed from the OpenAPI document, with nothing loaded from
elsewhere (FastAPI's own /docs page fetches its scripts from a CDN, so it is off)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from vigil.web.render import page

router = APIRouter()


@router.get("/api", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request) -> Response:
    spec = request.app.openapi()
    endpoints = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "description": op.get("description", ""),
        }
        for path, ops in sorted(spec.get("paths", {}).items())
        for method, op in ops.items()
    ]
    return page(request, "api.html", {"endpoints": endpoints})
