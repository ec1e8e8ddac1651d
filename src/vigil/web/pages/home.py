"""Home ("Hot topics"): the latest events and the cases they belong to, with filters."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from vigil.store.publications import public_ids
from vigil.web import stamped
from vigil.web.api_models import CasesAnswer
from vigil.web.auth import current_user
from vigil.web.deps import database
from vigil.web.listing import visible_cases
from vigil.web.render import page

router = APIRouter()

STATUSES = (
    "at liberty", "threatened", "detained", "charged", "on trial",
    "sentenced", "released", "disappeared", "killed",
)  # fmt: skip
EVENT_TYPES = (
    "arrest", "detention", "search", "charge", "trial", "sentence", "release",
    "attack", "threat", "disappearance", "killing", "travel ban",
)  # fmt: skip


def published_alerts(
    session: Session, country: str | None, event_type: str | None, limit: int = 10
) -> list[dict[str, Any]]:
    """Published urgent actions, newest first, in the public shape ``vigil.alerts`` froze
    (already redacted) when they were published."""
    try:
        from vigil.alerts import list_alerts
    except ImportError:
        return []
    rows = list_alerts(session, status="published", country=country or None, limit=limit * 3)
    found = [dict(r.public) for r in rows if r.public]
    if event_type:
        found = [a for a in found if a.get("event_type") == event_type]
    return [
        {k: a.get(k) for k in ("id", "kind", "case_id", "title", "country", "event_type",
                               "published_at")}
        for a in found[:limit]
    ]  # fmt: skip


def _hot(
    request: Request, country: str | None, event_type: str | None, status: str | None
) -> dict[str, Any]:
    if current_user(request) is None:
        # The public list is the same for every visitor until a published case or alert
        # changes: computed once per change (50 readers without pauses stalled on it).
        key = ("home", country, event_type, status)
        return stamped.public(
            request, key, lambda: _compute_hot(request, country, event_type, status)
        )
    return _compute_hot(request, country, event_type, status)


def _compute_hot(
    request: Request, country: str | None, event_type: str | None, status: str | None
) -> dict[str, Any]:
    with database(request).read() as session:
        found = visible_cases(
            request, session, country=country, event_type=event_type, status=status, limit=50
        )
        alerts = published_alerts(session, country, event_type)
        if current_user(request) is None:
            visible = public_ids(session)
            for alert in alerts:  # no links to cases the public cannot open
                alert["case_id"] = alert["case_id"] if alert["case_id"] in visible else None
    found.sort(key=lambda c: c.get("latest_event_date") or "", reverse=True)
    return {
        "filters": {"country": country, "event_type": event_type, "status": status},
        "alerts": alerts,
        "latest": [c for c in found if c.get("latest_event")][:10],
        "cases": found,
    }


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(
    request: Request,
    country: str | None = Query(None, max_length=64),
    event_type: str | None = Query(None, max_length=64),
    status: str | None = Query(None, max_length=32),
) -> Response:
    def build() -> Response:
        data = _hot(request, country, event_type, status)
        context = {**data, "statuses": STATUSES, "event_types": EVENT_TYPES}
        return page(request, "home.html", context)

    return stamped.public_response(request, build)


@router.get(
    "/api/cases", tags=["cases"], response_model=CasesAnswer, response_model_exclude_unset=True
)
def api_cases(
    request: Request,
    country: str | None = Query(None, max_length=64),
    event_type: str | None = Query(None, max_length=64),
    status: str | None = Query(None, max_length=32),
) -> Response:
    """Cases with the most recent events (published ones only, redacted, when anonymous)."""
    return stamped.public_response(
        request, lambda: stamped.answer(CasesAnswer, _hot(request, country, event_type, status))
    )
