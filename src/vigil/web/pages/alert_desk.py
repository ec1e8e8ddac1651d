"""The alert desk: an editor drafts an urgent action from a case and edits it, a reviewer
(someone other than the last editor) approves and publishes it; later updates go out as
follow-ups of the same action. Every step is attributed and kept in the audit trail."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from vigil.alerts import get_alert, list_alerts
from vigil.alerts.workflow import preview_alert
from vigil.errors import NotFound
from vigil.operations import alerts
from vigil.settings import get_settings
from vigil.store.accounts import Account
from vigil.web.api_models import DeskAnswer
from vigil.web.auth import check_csrf, require
from vigil.web.deps import cases, database
from vigil.web.render import page

router = APIRouter()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _view(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "case_id": row.case_id,
        "follows": row.parent_id,
        "status": row.status,
        "kind": row.kind,
        "title": row.title,
        "body": row.body,
        "asks": list(row.asks),
        "appeal_to": list(row.appeal_to),
        "withheld": list(row.withheld),
        "edited_by": row.edited_by,
        "approved_by": row.approved_by,
        "published_by": row.published_by,
        "published_at": row.published_at.isoformat() if row.published_at else None,
    }


@router.get("/desk/alerts", response_class=HTMLResponse, include_in_schema=False)
def desk(request: Request, user: Account = Depends(require("viewer"))) -> Response:
    with database(request).read() as session:
        rows = [_view(r) for r in list_alerts(session, limit=200)]
    return page(request, "desk_alerts.html", {"alerts": rows})


@router.get(
    "/api/desk/alerts",
    tags=["alerts"],
    response_model=DeskAnswer,
    response_model_exclude_unset=True,
)
def api_desk(request: Request, user: Account = Depends(require("viewer"))) -> dict[str, Any]:
    """Every urgent action, drafts included (internal: nothing redacted)."""
    with database(request).read() as session:
        return {"alerts": [_view(r) for r in list_alerts(session, limit=200)]}


@router.post("/cases/{case_id}/alerts", include_in_schema=False)
def draft(
    request: Request,
    case_id: int,
    csrf: str = Form(""),
    user: Account = Depends(require("editor")),
) -> Response:
    check_csrf(request, csrf)
    with database(request).transaction() as session:
        dossier = cases(request).get_dossier(session, case_id)
        alert_id = alerts.draft(session, dossier, actor=user.name).id
    return RedirectResponse(f"/desk/alerts/{alert_id}", status_code=303)


@router.get("/desk/alerts/{alert_id:int}", response_class=HTMLResponse, include_in_schema=False)
def edit_form(
    request: Request, alert_id: int, user: Account = Depends(require("viewer"))
) -> Response:
    with database(request).read() as session:
        row = _view(get_alert(session, alert_id))
        shown = None
        if row["status"] != "published":  # exactly what publishing would freeze now
            url = get_settings().alerts.public_url
            shown = preview_alert(session, alert_id, public_url=url)
    return page(request, "desk_alert.html", {"alert": row, "preview": shown})


@router.post("/desk/alerts/{alert_id:int}", include_in_schema=False)
def edit(
    request: Request,
    alert_id: int,
    title: str = Form(..., max_length=300),
    body: str = Form(..., max_length=20000),
    asks: str = Form("", max_length=5000),
    appeal_to: str = Form("", max_length=5000),
    csrf: str = Form(""),
    user: Account = Depends(require("editor")),
) -> Response:
    check_csrf(request, csrf)
    with database(request).transaction() as session:
        alerts.edit(
            session,
            alert_id,
            actor=user.name,
            title=title,
            body=body.replace("\r\n", "\n"),
            asks=_lines(asks),
            appeal_to=_lines(appeal_to),
        )
    return RedirectResponse(f"/desk/alerts/{alert_id}", status_code=303)


@router.post("/desk/alerts/{alert_id:int}/{step}", include_in_schema=False)
def review_step(
    request: Request,
    alert_id: int,
    step: str,
    csrf: str = Form(""),
    user: Account = Depends(require("reviewer")),
) -> Response:
    """A reviewer's step: ``approve`` (not the last editor) or ``publish`` (approved only)."""
    if step not in ("approve", "publish"):
        raise NotFound("no such step", subject=step)
    check_csrf(request, csrf)
    with database(request).transaction() as session:
        if step == "approve":
            alerts.approve(session, alert_id, actor=user.name)
        else:
            url = get_settings().alerts.public_url
            alerts.publish(session, alert_id, actor=user.name, public_url=url)
    target = f"/alerts/{alert_id}" if step == "publish" else f"/desk/alerts/{alert_id}"
    return RedirectResponse(target, status_code=303)
