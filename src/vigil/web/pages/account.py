"""Logging in and out (throttled, audited), one's own account page (the language of
one's pages), and who is logged in (``/api/session``).

Throttling (``store.throttle``, policy in docs/security.md) counts failures per address
and per account, or per browser for a browser that logged in to that account before.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from vigil import i18n
from vigil.i18n import _
from vigil.store.accounts import (
    Account,
    audit,
    authenticate,
    close_session,
    open_session,
    record_login,
    set_language,
)
from vigil.store.throttle import Key, forgive, reserve
from vigil.web.api_models import SessionAnswer
from vigil.web.auth import (
    DEVICE_COOKIE,
    DEVICE_DAYS,
    SESSION_COOKIE,
    check_csrf,
    client_address,
    csrf_token,
    current_user,
    known_device,
    new_device_cookie,
    require,
)
from vigil.web.deps import config, database
from vigil.web.render import page

router = APIRouter()


def _safe_next(raw: str | None) -> str:
    # Only paths on this site: no scheme, no //host, no backslash tricks.
    if raw and raw.startswith("/") and not raw.startswith("//") and "\\" not in raw:
        return raw
    return "/"


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(request: Request, next: str = "/") -> Response:
    return page(request, "login.html", {"next": _safe_next(next), "error": None})


@router.post("/login", include_in_schema=False)
def login(
    request: Request,
    name: str = Form("", max_length=64),
    password: str = Form("", max_length=1024),
    csrf: str = Form(""),
    next: str = Form("/"),
) -> Response:
    check_csrf(request, csrf)
    address = client_address(request)
    device = known_device(request, name)
    keys = [Key("address", address), Key("device", device) if device else Key("name", name)]
    db = database(request)
    with db.transaction() as session:
        wait = reserve(session, keys)
        if wait:
            record_login(session, name, address, ok=False)
    if wait:
        seconds = int(wait)
        answer = page(
            request,
            "login.html",
            {
                "next": _safe_next(next),
                "error": i18n.ngettext(
                    "Too many failed attempts. Try again in %(num)d second.",
                    "Too many failed attempts. Try again in %(num)d seconds.",
                    seconds,
                )
                % {"num": seconds},
                "name": name,
            },
            status=429,
        )
        answer.headers["Retry-After"] = str(seconds)
        return answer
    with db.transaction() as session:
        account = authenticate(session, name, password)
        record_login(session, name, address, ok=account is not None)
        token = open_session(session, account) if account else None
        if account:
            forgive(session, keys)
            audit(session, account.name, "login", f"user:{account.id}")
    if account is None or token is None:
        return page(
            request,
            "login.html",
            {"next": _safe_next(next), "error": _("Wrong name or password."), "name": name},
            status=401,
        )
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=config(request).https,
        max_age=14 * 24 * 3600,
        path="/",
    )
    response.set_cookie(
        DEVICE_COOKIE,
        new_device_cookie(request, account.name),
        httponly=True,
        samesite="lax",
        secure=config(request).https,
        max_age=DEVICE_DAYS * 24 * 3600,
        path="/login",
    )
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, csrf: str = Form("")) -> Response:
    check_csrf(request, csrf)
    token = request.cookies.get(SESSION_COOKIE)
    account = current_user(request)
    if token:
        with database(request).transaction() as session:
            close_session(session, token)
            if account:
                audit(session, account.name, "logout", f"user:{account.id}")
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account", response_class=HTMLResponse, include_in_schema=False)
def account_page(request: Request, me: Account = Depends(require("viewer"))) -> Response:
    choices = [{"code": c, "name": i18n.language_name(c)} for c in i18n.languages()]
    return page(request, "account.html", {"me": me, "languages": choices})


@router.post("/account/language", include_in_schema=False)
def account_language(
    request: Request,
    language: str = Form("", max_length=16),
    csrf: str = Form(""),
    me: Account = Depends(require("viewer")),
) -> Response:
    """One's own page language; empty follows the browser."""
    check_csrf(request, csrf)
    with database(request).transaction() as session:
        set_language(session, me.name, language or None, actor=me.name)
    return RedirectResponse("/account", status_code=303)


@router.get(
    "/api/session",
    tags=["account"],
    response_model=SessionAnswer,
    response_model_exclude_unset=True,
)
def api_session(request: Request) -> dict[str, Any]:
    """Who is logged in, and the CSRF token API writes must send as ``X-CSRF-Token``."""
    account = current_user(request)
    return {
        "user": {"name": account.name, "role": account.role} if account else None,
        "csrf": csrf_token(request),
    }
