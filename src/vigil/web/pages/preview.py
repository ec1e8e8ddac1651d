"""The redaction preview (reviewers): before publishing, the case exactly as the public will
see it, drawn by the public page's own template from the public shape
(``vigil.redaction.public_dossier``), with each withheld value marked, what still needs
review listed, and the values that may be released (each release asks for confirmation
and is audited)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from vigil.cases.publishable import unreviewed_facts
from vigil.redaction import public_dossier
from vigil.settings import Settings
from vigil.store.accounts import Account
from vigil.store.publications import is_public as is_published
from vigil.store.publications import released_values
from vigil.web.api_models import PreviewAnswer
from vigil.web.auth import require
from vigil.web.charts import timeline_chart
from vigil.web.deps import cases, database
from vigil.web.geo import outline_path, pins
from vigil.web.render import mark_withheld, page
from vigil.web.shapes import withheld_preview

router = APIRouter()
reviewer = require("reviewer")


def _requires_review(request: Request) -> bool:
    settings: Settings = request.app.state.settings
    return settings.publish_requires_review


def _preview(request: Request, case_id: int) -> dict[str, Any]:
    with database(request).read() as session:
        dossier = cases(request).get_dossier(session, case_id)
        released = released_values(session, dossier.summary.id)
        published = is_published(session, dossier.summary.id)
    return {
        "case": public_dossier(dossier, released),
        "published": published,
        "requires_review": _requires_review(request),
        "pending_review": unreviewed_facts(dossier),
        "withheld": withheld_preview(dossier, released),
    }


@router.get("/cases/{case_id}/preview", response_class=HTMLResponse, include_in_schema=False)
def preview_page(request: Request, case_id: int, _: Account = Depends(reviewer)) -> Response:
    data = _preview(request, case_id)
    case = data["case"]
    places = [(e["place"], e.get("country")) for e in case["timeline"] if e.get("place")]
    shown = page(
        request,
        "case.html",
        {
            "case": case,
            "public": True,  # the public page's own branches of the template
            "preview": data,
            "chart": timeline_chart(case["timeline"]),
            "outline": outline_path(),
            "pins": pins([(p, c) for p, c in places if p and "[withheld]" not in p]),
        },
    )
    html = bytes(shown.body).decode("utf-8")
    return HTMLResponse(mark_withheld(html), headers={"Cache-Control": "private, no-store"})


@router.get(
    "/api/cases/{case_id}/preview",
    tags=["cases"],
    response_model=PreviewAnswer,
    response_model_exclude_unset=True,
)
def api_preview(request: Request, case_id: int, _: Account = Depends(reviewer)) -> dict[str, Any]:
    """What the public would see of a case (reviewers): the public shape, the facts still
    to review, and every value withheld (or released) with why."""
    return _preview(request, case_id)
