"""Urgent actions on the site: published alerts and their Atom feeds, subscribing by
e-mail with double opt-in, and the confirmation and unsubscribe links sent in messages.

Everything here is public. Alerts are shown in the shape ``vigil.alerts`` froze, redacted,
when they were published. Links carry signed tokens, never an address.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from vigil import i18n
from vigil.alerts import atom_feed, confirm_subscription, get_alert, list_alerts, subscribe
from vigil.alerts.filters import make_filters
from vigil.alerts.subscribers import unsubscribe
from vigil.alerts.validate import InvalidAddress
from vigil.errors import InputError, NotFound
from vigil.i18n import _
from vigil.settings import get_settings
from vigil.store.alerts import AlertRow
from vigil.store.publications import is_public, public_ids
from vigil.web import stamped
from vigil.web.api_models import AlertOut, AlertsAnswer
from vigil.web.auth import check_csrf, current_user
from vigil.web.deps import cases, database
from vigil.web.pages.home import EVENT_TYPES
from vigil.web.render import page

router = APIRouter()
ATOM = "application/atom+xml; charset=utf-8"


def _shown(row: AlertRow, published: set[int]) -> dict[str, Any]:
    """The frozen public shape, naming the case only while the case is published."""
    public = dict(row.public or {})
    public["case_id"] = row.case_id if row.case_id in published else None
    return public


def _published(request: Request, limit: int = 100) -> list[dict[str, Any]]:
    with database(request).read() as session:
        rows = list_alerts(session, status="published", limit=limit)
        published = public_ids(session)
        return [_shown(r, published) for r in rows if r.public]


@router.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
def alerts_page(request: Request) -> Response:
    return stamped.public_response(
        request, lambda: page(request, "alerts.html", {"alerts": _published(request)})
    )


@router.get(
    "/api/alerts", tags=["alerts"], response_model=AlertsAnswer, response_model_exclude_unset=True
)
def api_alerts(request: Request) -> Response:
    """Published urgent actions and follow-ups, newest first (public, redacted shape)."""
    return stamped.public_response(
        request, lambda: stamped.answer(AlertsAnswer, {"alerts": _published(request)})
    )


def _one(request: Request, alert_id: int) -> dict[str, Any]:
    with database(request).read() as session:
        try:
            row = get_alert(session, alert_id)
        except NotFound:
            row = None
        if row is None or row.status != "published" or not row.public:
            raise NotFound("no such alert", subject=str(alert_id))
        published = {row.case_id} if row.case_id and is_public(session, row.case_id) else set()
        return _shown(row, published)


@router.get("/alerts/{alert_id:int}", response_class=HTMLResponse, include_in_schema=False)
def alert_page(request: Request, alert_id: int) -> Response:
    return page(request, "alert.html", {"alert": _one(request, alert_id)})


@router.get(
    "/api/alerts/{alert_id:int}",
    tags=["alerts"],
    response_model=AlertOut,
    response_model_exclude_unset=True,
)
def api_alert(request: Request, alert_id: int) -> dict[str, Any]:
    """One published urgent action (public, redacted shape)."""
    return _one(request, alert_id)


def _feed(request: Request, **scope: Any) -> Response:
    def build() -> Response:
        url = get_settings().alerts.public_url
        with database(request).read() as session:
            body = atom_feed(session, public_url=url, language=i18n.current(), **scope)
        return Response(body, media_type=ATOM)

    return stamped.public_response(request, build)


@router.get("/alerts/feed.atom", include_in_schema=False)
def feed_all(request: Request) -> Response:
    return _feed(request)


@router.get("/alerts/country/{code}/feed.atom", include_in_schema=False)
def feed_country(request: Request, code: str) -> Response:
    if len(code) != 2 or not code.isalpha():
        raise NotFound("no such country", subject=code)
    return _feed(request, country=code.upper())


@router.get("/cases/{case_id:int}/alerts.atom", include_in_schema=False)
def feed_case(request: Request, case_id: int) -> Response:
    """The alerts about the people of a case. As the case's page: an id merged into
    another case answers 301 with the feed of the case it lives in now, and the public
    sees the feed of a published (not held) case only."""
    with database(request).read() as session:
        try:
            live = cases(request).locate(session, case_id)
        except NotFound:
            raise NotFound("no such case", subject=str(case_id)) from None
        if current_user(request) is None and not is_public(session, live):
            raise NotFound("no such case", subject=str(case_id))
    if live != case_id:
        return RedirectResponse(f"/cases/{live}/alerts.atom", status_code=301)
    return _feed(request, case_id=live)


@router.get("/alerts/subscribe", response_class=HTMLResponse, include_in_schema=False)
def subscribe_form(request: Request) -> Response:
    return page(request, "subscribe.html", {"event_types": EVENT_TYPES, "done": None})


@router.post("/alerts/subscribe", response_class=HTMLResponse, include_in_schema=False)
def subscribe_post(
    request: Request,
    email: str = Form(""),
    countries: str = Form(""),
    event_types: list[str] = Form([]),
    csrf: str = Form(""),
) -> Response:
    check_csrf(request, csrf)
    context: dict[str, Any] = {"event_types": EVENT_TYPES, "done": None, "error": None}
    try:
        wanted = [c for c in countries.replace(",", " ").split() if c]
        filters = make_filters(countries=wanted, event_types=event_types)
        with database(request).transaction() as session:
            # Their mail comes in the language of the page they subscribed from.
            subscribe(session, email, filters=filters, source="web", language=i18n.current())
    except InvalidAddress:
        context["error"] = _("That is not an e-mail address we can write to.")
        return page(request, "subscribe.html", context, status=400)
    except InputError as exc:
        context["error"] = _("The form could not be used: %(problem)s") % {"problem": exc.message}
        return page(request, "subscribe.html", context, status=400)
    # The same answer whether the address was new, pending or active: the form must not
    # tell anyone who subscribes.
    context["done"] = _(
        "If the address is valid, a message with a confirmation link is on its way."
    )
    return page(request, "subscribe.html", context)


@router.get("/alerts/confirm/{token}", response_class=HTMLResponse, include_in_schema=False)
def confirm(request: Request, token: str) -> Response:
    try:
        with database(request).transaction() as session:
            confirm_subscription(session, token, settings=get_settings().alerts)
    except (InputError, NotFound):
        return page(request, "token.html", {"ok": False, "what": "confirm"}, status=400)
    return page(request, "token.html", {"ok": True, "what": "confirm"})


@router.get("/alerts/unsubscribe/{token}", response_class=HTMLResponse, include_in_schema=False)
def unsubscribe_form(request: Request, token: str) -> Response:
    # A GET only asks: mail scanners follow links, and must not unsubscribe anyone.
    return page(request, "token.html", {"ok": None, "what": "unsubscribe", "token": token})


@router.post("/alerts/unsubscribe/{token}", response_class=HTMLResponse, include_in_schema=False)
def unsubscribe_post(request: Request, token: str) -> Response:
    # One-click unsubscribe (RFC 8058): mail clients POST without a form; the signed token
    # is the authority, so no CSRF token is needed.
    try:
        with database(request).transaction() as session:
            unsubscribe(session, token, settings=get_settings().alerts)
    except (InputError, NotFound):
        return page(request, "token.html", {"ok": False, "what": "unsubscribe"}, status=400)
    return page(request, "token.html", {"ok": True, "what": "unsubscribe"})
