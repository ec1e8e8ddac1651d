"""Case dossier: names, biography, affiliations, relatives, charges, timeline with sources,
a timeline chart and a map; publishing and releasing withheld values (reviewers).

A case id that resolution or a reviewer merged into another keeps working: the page and
the API answer with a redirect to where the case lives now. The public sees a case only
when the live case is published and not held (``vigil.store.publications``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from vigil.alerts import interventions_for_case
from vigil.errors import NotFound
from vigil.operations import publishing
from vigil.redaction import public_dossier
from vigil.settings import Settings
from vigil.store.accounts import Account
from vigil.store.publications import is_public, publication, released_values
from vigil.web import stamped
from vigil.web.api_models import CaseAnswer
from vigil.web.auth import check_csrf, current_user, require
from vigil.web.charts import timeline_chart
from vigil.web.deps import cases, database
from vigil.web.geo import outline_path, pins
from vigil.web.render import page
from vigil.web.shapes import internal_dossier, withheld_preview

router = APIRouter()


class _Moved(Exception):
    def __init__(self, case_id: int) -> None:
        self.case_id = case_id


def _dossier(request: Request, case_id: int) -> dict[str, Any]:
    """The dossier as the asker may see it; anonymous: published cases only, redacted.
    Raises ``_Moved`` when the case now lives under another id the asker may open."""
    logged_in = current_user(request) is not None
    with database(request).read() as session:
        try:
            live = cases(request).locate(session, case_id)
        except NotFound:
            raise NotFound("no such case", subject=str(case_id)) from None
        # The whole dossier the id leads to is checked, after following merges.
        if not logged_in and not is_public(session, live):
            raise NotFound("no such case", subject=str(case_id))
        if live != case_id:
            raise _Moved(live)
        dossier = cases(request).get_dossier(session, live)
        released = released_values(session, live)
        if not logged_in:
            return {"case": public_dossier(dossier, released)}
        pub = publication(session, live)
        return {
            "case": internal_dossier(dossier),
            "published": _publication(pub),
            "withheld": withheld_preview(dossier, released),
            "mentions": cases(request).mentions(session, live),
            "interventions": [asdict(i) for i in interventions_for_case(session, live)],
        }


def _publication(pub: Any) -> dict[str, Any] | None:
    if pub is None:
        return None
    held = (
        {"at": pub.held_at.isoformat(), "reason": pub.held_reason}
        if pub.held_at is not None
        else None
    )
    return {"by": pub.published_by, "at": pub.published_at.isoformat(), "held": held}


@router.get("/cases/{case_id}", response_class=HTMLResponse, include_in_schema=False)
def dossier_page(request: Request, case_id: int) -> Response:
    return stamped.public_response(request, lambda: _dossier_page(request, case_id))


def _dossier_page(request: Request, case_id: int) -> Response:
    try:
        data = _dossier(request, case_id)
    except _Moved as moved:
        return RedirectResponse(f"/cases/{moved.case_id}", status_code=301)
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


@router.get(
    "/api/cases/{case_id}",
    tags=["cases"],
    response_model=CaseAnswer,
    response_model_exclude_unset=True,
    responses={301: {"description": "the case was merged: Location is its present address"}},
)
def api_dossier(request: Request, case_id: int) -> Response:
    """One case's dossier (public shape when anonymous). An id merged into another case
    answers 301 with the case's present address."""

    def build() -> Response:
        try:
            return stamped.answer(CaseAnswer, _dossier(request, case_id))
        except _Moved as moved:
            return RedirectResponse(f"/api/cases/{moved.case_id}", status_code=301)

    return stamped.public_response(request, build)


def _back(case_id: int) -> Response:
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.post("/cases/{case_id}/publish", include_in_schema=False)
def publish(
    request: Request,
    case_id: int,
    csrf: str = Form(""),
    action: str = Form("publish"),
    user: Account = Depends(require("reviewer")),
) -> Response:
    check_csrf(request, csrf)
    with database(request).transaction() as session:
        cases(request).locate(session, case_id)  # NotFound -> 404
        if action == "unpublish":
            done = publishing.unpublish(session, case_id, actor=user.name)
        else:
            # PublishRefused (400) lists the facts the public would see unreviewed.
            settings: Settings = request.app.state.settings
            rule = settings.publish_requires_review
            shown = cases(request).get_dossier(session, case_id)
            done = publishing.publish(
                session, case_id, actor=user.name, requires_review=rule, dossier=shown
            )
    return _back(done.case_id)


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
    if action != "withhold" and confirm != "yes":
        with database(request).read() as session:
            cases(request).locate(session, case_id)  # NotFound -> 404
        # Releasing shows a withheld value to the public: ask first (no value in any URL).
        context = {"case_id": case_id, "value": value, "back": back}
        return page(request, "release_confirm.html", context)
    with database(request).transaction() as session:
        cases(request).locate(session, case_id)  # NotFound -> 404
        step = publishing.withhold if action == "withhold" else publishing.release
        done = step(session, case_id, value, actor=user.name)
    if back == "preview":
        return RedirectResponse(f"/cases/{done.case_id}/preview", status_code=303)
    return _back(done.case_id)
