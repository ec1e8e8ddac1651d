"""How far to trust the machine on the organisation's own material (staff): precision,
recall and F1 per kind of fact of the stored extraction over the reviewed reports, and the
same figures over time. The figures are measured again only after a review or a new
extraction (``vigil.quality.measure.current_figures``); ``vigil eval --reviewed`` adds runs
of the present extractor."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from vigil.extract.evaluate import CATEGORIES
from vigil.i18n import N_
from vigil.quality.measure import current_figures, history
from vigil.store.accounts import Account
from vigil.web.api_models import QualityAnswer
from vigil.web.auth import require
from vigil.web.deps import database
from vigil.web.render import page

router = APIRouter()
staff = require("viewer")

# Marked for the catalogues; the template translates them where they are shown.
LABELS = {
    "persons": N_("Persons"),
    "organizations": N_("Organisations"),
    "events_strict": N_("Events (type, victim and date)"),
    "events_loose": N_("Events (type and victim)"),
    "events_exact": N_("Events (undated where gold is)"),
    "charges": N_("Charges"),
    "sentences": N_("Sentences"),
}


def _quality(request: Request, user: Account) -> dict[str, Any]:
    with database(request).transaction() as session:
        now = current_figures(session, actor=user.name)
        past = history(session)
    return {
        "reviewed_reports": now.reports,
        "measured_at": now.at,
        "extractor": now.extractor,
        "categories": {c: now.figures["categories"][c] for c in CATEGORIES},
        "micro": now.figures["micro"],
        "history": [
            {
                "at": m.at,
                "source": m.source,
                "extractor": m.extractor,
                "reports": m.reports,
                "micro": m.figures.get("micro"),
                "categories": m.figures.get("categories"),
            }
            for m in past
        ],
    }


@router.get("/quality", response_class=HTMLResponse, include_in_schema=False)
def quality_page(request: Request, user: Account = Depends(staff)) -> Response:
    return page(request, "quality.html", {**_quality(request, user), "labels": LABELS})


@router.get(
    "/api/quality", tags=["review"], response_model=QualityAnswer, response_model_exclude_unset=True
)
def api_quality(request: Request, user: Account = Depends(staff)) -> dict[str, Any]:
    """Precision, recall and F1 per kind of fact over the reviewed reports, and history."""
    return _quality(request, user)
