"""Case dossier: names, biography, affiliations, relatives, charges, timeline with sources,
a timeline chart and a map; publishing and releasing withheld values (reviewers)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from vigil.alerts import interventions_for_case
from vigil.cases.publishable import check_publishable
from vigil.errors import NotFound
from vigil.redaction import public_dossier
from vigil.settings import Settings
from vigil.store.accounts import (
    Account,
    is_published,
    publication,
    publish_case,
    release_value,
    released_values,
    unpublish_case,
    withhold_value,
)
from vigil.web.auth import check_csrf, current_user, require
from vigil.web.charts import timeline_chart
from vigil.web.deps import cases, database
from vigil.web.geo import outline_path, pins
from vigil.web.render import page
from vigil.web.shapes import internal_dossier, withheld_preview

router = APIRouter()


def _dossier(request: Request, case_id: int) -> dict[str, Any]:
    """The dossier as the asker may see it; anonymous: published cases only, redacted."""
    logged_in = current_user(request) is not None
    with database(request).read() as session:
        if not logged_in and not is_published(session, case_id):
            raise NotFound("no such case", subject=str(case_id))
        dossier = cases(request).get_dossier(session, case_id)
        released = released_values(session, case_id)
        if not logged_in:
            return {"case": public_dossier(dossier, released)}
        pub = publication(session, case_id)
        return {
            "case": internal_dossier(dossier),
            "published": (
                {"by": pub.published_by, "at": pub.published_at.isoformat()} if pub else None
            ),
            "withheld": withheld_preview(dossier, released),
            "mentions": cases(request).mentions(session, case_id),
            "interventions": [asdict(i) for i in interventions_for_case(session, case_id)],
        }


@router.get("/cases/{case_id}", response_class=HTMLResponse, include_in_schema=False)
def dossier_page(request: Request, case_id: int) -> Response:
    data = _dossier(request, case_id)
    case = data["case"]
    places = [(e["place"], e.get("country")) for e in case["timeline"] if e.get("place")]
    return page(
        request,
        "case.html",
        {
            **data,
            "chart": timeline_chart(case["timeline"]),
            "outline": outline_path(),
            "pins": pins([(p, c) for p, c in places if p and "[withheld]" not in p]),
        },
    )


@router.get("/api/cases/{case_id}", tags=["cases"])
def api_dossier(request: Request, case_id: int) -> dict[str, Any]:
    """One case's dossier (public shape when anonymous)."""
    return _dossier(request, case_id)


def _back(case_id: int) -> Response:
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


def _known(request: Request, case_id: int) -> None:
    with database(request).read() as session:
        cases(request).get_dossier(session, case_id)  # NotFound -> 404


@router.post("/cases/{case_id}/publish", include_in_schema=False)
def publish(
    request: Request,
    case_id: int,
    csrf: str = Form(""),
    action: str = Form("publish"),
    user: Account = Depends(require("reviewer")),
) -> Response:
    check_csrf(request, csrf)
    _known(request, case_id)
    with database(request).transaction() as session:
        if action == "unpublish":
            unpublish_case(session, case_id, actor=user.name)
        else:
            # PublishRefused (400) lists the facts the public would see unreviewed.
            settings: Settings = request.app.state.settings
            dossier = cases(request).get_dossier(session, case_id)
            check_publishable(dossier, requires_review=settings.publish_requires_review)
            publish_case(session, case_id, actor=user.name)
    return _back(case_id)


@router.post("/cases/{case_id}/release", include_in_schema=False)
def release(
    request: Request,
    case_id: int,
    value: str = Form(..., max_length=2000),
    csrf: str = Form(""),
    action: str = Form("release"),
    confirm: str = Form(""),
    back: str = Form(""),
    user: Account = Depends(require("reviewer")),
) -> Response:
    check_csrf(request, csrf)
    _known(request, case_id)
    if action != "withhold" and confirm != "yes":
        # Releasing shows a withheld value to the public: ask first (no value in any URL).
        context = {"case_id": case_id, "value": value, "back": back}
        return page(request, "release_confirm.html", context)
    with database(request).transaction() as session:
        if action == "withhold":
            withhold_value(session, case_id, value, actor=user.name)
        else:
            release_value(session, case_id, value, actor=user.name)
    if back == "preview":
        return RedirectResponse(f"/cases/{case_id}/preview", status_code=303)
    return _back(case_id)
