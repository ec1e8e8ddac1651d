"""Logging in and out (rate-limited, audited), and who is logged in (``/api/session``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from vigil.store.accounts import (
    audit,
    authenticate,
    close_session,
    login_blocked,
    open_session,
    record_login,
)
from vigil.web.auth import (
    SESSION_COOKIE,
    check_csrf,
    client_address,
    csrf_token,
    current_user,
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
    db = database(request)
    with db.transaction() as session:
        if login_blocked(session, name, address):
            record_login(session, name, address, ok=False)
            blocked = True
            account = None
        else:
            blocked = False
            account = authenticate(session, name, password)
            record_login(session, name, address, ok=account is not None)
            token = open_session(session, account) if account else None
            if account:
                audit(session, account.name, "login", f"user:{account.id}")
    if account is None or token is None:
        message = (
            "Too many failed attempts. Wait 15 minutes and try again."
            if blocked
            else "Wrong name or password."
        )
        return page(
            request,
            "login.html",
            {"next": _safe_next(next), "error": message, "name": name},
            status=429 if blocked else 401,
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


@router.get("/api/session", tags=["account"])
def api_session(request: Request) -> dict[str, Any]:
    """Who is logged in, and the CSRF token API writes must send as ``X-CSRF-Token``."""
    account = current_user(request)
    return {
        "user": {"name": account.name, "role": account.role} if account else None,
        "csrf": csrf_token(request),
    }
