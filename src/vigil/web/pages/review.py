"""The review queue: machine claims waiting for a human, most certain first, each with its
evidence sentence; accept, edit or reject (final for later machine runs), merge or split
persons. Usable from the keyboard: every control is a native form element."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool

from vigil.errors import InputError
from vigil.facts.forms import edit_from_form
from vigil.i18n import N_
from vigil.operations import cases as decisions
from vigil.operations import claims
from vigil.store.accounts import Account
from vigil.store.claims import report_names
from vigil.store.models import ClaimRow, Report
from vigil.web.api_models import ClaimsAnswer, ReviewAnswer
from vigil.web.auth import check_csrf, require
from vigil.web.deps import database
from vigil.web.pages.reports import claim_json
from vigil.web.render import page

router = APIRouter()
reviewer = require("reviewer")
PAGE = 25
ACTIONS = ("confirm", "edit", "reject", "reopen")


def _queue(request: Request, status: str, kind: str | None, offset: int) -> dict[str, Any]:
    stmt = select(ClaimRow).where(ClaimRow.status == status)
    count = select(func.count()).select_from(ClaimRow).where(ClaimRow.status == status)
    if kind:
        stmt, count = stmt.where(ClaimRow.kind == kind), count.where(ClaimRow.kind == kind)
    stmt = stmt.order_by(ClaimRow.confidence.desc(), ClaimRow.id).limit(PAGE).offset(offset)
    with database(request).read() as session:
        rows = list(session.scalars(stmt))
        total = int(session.scalar(count) or 0)
        ids = {r.report_id for r in rows}
        names = {rid: report_names(session, rid) for rid in ids}
        texts: dict[int, str] = (
            dict(session.execute(select(Report.id, Report.text).where(Report.id.in_(ids))).all())  # type: ignore[arg-type]
            if ids
            else {}
        )
    return {
        "claims": [claim_json(r, texts.get(r.report_id, ""), names[r.report_id]) for r in rows],
        "total": total,
        "status": status,
        "kind": kind,
        "offset": offset,
        "page_size": PAGE,
    }


@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
def review_page(
    request: Request,
    status: str = Query("machine", pattern="^(machine|confirmed|edited|rejected)$"),
    kind: str | None = Query(None, max_length=32),
    offset: int = Query(0, ge=0, le=10_000_000),
    _: Account = Depends(reviewer),
) -> Response:
    done = request.query_params.get("done")
    return page(request, "review.html", {**_queue(request, status, kind, offset), "done": done})


@router.get(
    "/api/claims", tags=["review"], response_model=ClaimsAnswer, response_model_exclude_unset=True
)
def api_claims(
    request: Request,
    status: str = Query("machine", pattern="^(machine|confirmed|edited|rejected)$"),
    kind: str | None = Query(None, max_length=32),
    offset: int = Query(0, ge=0, le=10_000_000),
    _: Account = Depends(reviewer),
) -> dict[str, Any]:
    """The review queue: claims in ``status``, most certain first, with evidence."""
    return _queue(request, status, kind, offset)


def _decide(
    request: Request, claim_id: int, action: str, value: dict[str, Any] | None, user: Account
) -> dict[str, Any]:
    if action not in ACTIONS:
        raise InputError(N_("unknown review action"), subject=action)
    with database(request).transaction() as session:
        if action == "edit" and value is None:
            raise InputError(N_("an edit needs the new value"), subject=str(claim_id))
        row = claims.review(session, claim_id, action, actor=user.name, value=value)  # type: ignore[arg-type]
        return {"id": row.id, "status": row.status, "value": row.value}


def _decide_form(
    request: Request, claim_id: int, fields: dict[str, str], user: Account
) -> dict[str, Any]:
    action = fields.get("action", "")
    value = None
    if action == "edit":
        with database(request).read() as session:
            row = session.get(ClaimRow, claim_id)
            original = dict(row.value) if row else {}
        value = edit_from_form(row.kind if row else "", fields, original)
    return _decide(request, claim_id, action, value, user)


@router.post("/review/{claim_id}", include_in_schema=False)
async def review_form(
    request: Request, claim_id: int, user: Account = Depends(reviewer)
) -> Response:
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    check_csrf(request, fields.get("csrf"))
    await run_in_threadpool(_decide_form, request, claim_id, fields, user)
    back = fields.get("back", "/review")
    back = back if back.startswith("/review") else "/review"
    sep = "&" if "?" in back else "?"
    return RedirectResponse(f"{back}{sep}done={claim_id}", status_code=303)


@router.post(
    "/api/claims/{claim_id}/review",
    tags=["review"],
    response_model=ReviewAnswer,
    response_model_exclude_unset=True,
)
def api_review(
    request: Request,
    claim_id: int,
    action: str = Body(..., embed=True),
    value: dict[str, Any] | None = Body(None, embed=True),
    user: Account = Depends(reviewer),
) -> dict[str, Any]:
    """Confirm, edit (with ``value``), reject or reopen a claim. Needs ``X-CSRF-Token``."""
    check_csrf(request, request.headers.get("x-csrf-token"))
    return _decide(request, claim_id, action, value, user)


@router.post("/review-persons", include_in_schema=False)
async def persons(request: Request, user: Account = Depends(reviewer)) -> Response:
    """Merge case ``other`` into ``case_id``, or split the checked ``mention`` ids out of
    ``case_id`` into a new case."""
    form = await request.form(max_fields=500)
    check_csrf(request, str(form.get("csrf") or ""))
    action = str(form.get("action") or "")
    try:
        case_id = int(str(form.get("case_id") or ""))
        other = int(str(form.get("other") or "0") or "0")
    except ValueError as exc:
        raise InputError(N_("case numbers are whole numbers")) from exc
    mentions = [str(m) for m in form.getlist("mention")]
    shown = await run_in_threadpool(_persons, request, action, case_id, other, mentions, user)
    return RedirectResponse(f"/cases/{shown}", status_code=303)


def _persons(
    request: Request, action: str, case_id: int, other: int, mentions: list[str], user: Account
) -> int:
    """The case to show afterwards: the survivor of a merge, the case split."""
    with database(request).transaction() as session:
        if action == "merge" and other > 0:
            return decisions.merge(session, case_id, other, actor=user.name).case_id or case_id
        if action == "split" and mentions:
            decisions.split(session, case_id, mentions, actor=user.name)
            return case_id
        raise InputError(N_("merge needs another case; split needs checked mentions"))
