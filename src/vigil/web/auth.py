"""Who is asking: session cookies, roles, CSRF tokens.

The session cookie holds a random token (its SHA-256 is stored, see ``store.accounts``);
it is HttpOnly, SameSite=Lax, and Secure when served behind HTTPS. CSRF tokens are an HMAC
of the session token (or, before login, of a random pre-session cookie) with the secret
key: every form carries one in a hidden ``csrf`` field, every API write the
``X-CSRF-Token`` header.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable

from fastapi import Request

from vigil.store.accounts import Account, session_account
from vigil.web.deps import config, database

SESSION_COOKIE = "vigil_session"
PRE_COOKIE = "vigil_pre"


class LoginRequired(Exception):
    """No logged-in user where one is needed (HTML: to the login page; API: 401)."""


class Forbidden(Exception):
    """The logged-in user's role does not allow this (403)."""


class CsrfFailed(Exception):
    """A write without a valid CSRF token (403)."""


def current_user(request: Request) -> Account | None:
    if hasattr(request.state, "account"):
        account: Account | None = request.state.account
        return account
    token = request.cookies.get(SESSION_COOKIE)
    found = None
    if token and len(token) < 100:
        with database(request).read() as session:
            found = session_account(session, token)
    request.state.account = found
    return found


def require(role: str) -> Callable[[Request], Account]:
    """A dependency: the logged-in user, who must have at least ``role``."""

    def dependency(request: Request) -> Account:
        account = current_user(request)
        if account is None:
            raise LoginRequired()
        if not account.may(role):
            raise Forbidden()
        return account

    return dependency


def _csrf_seed(request: Request) -> str:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        return "s:" + token
    pre = request.cookies.get(PRE_COOKIE) or getattr(request.state, "new_pre", None)
    if not pre:
        pre = secrets.token_urlsafe(24)
        request.state.new_pre = pre  # the middleware sets the cookie on the response
    return "p:" + pre


def csrf_token(request: Request) -> str:
    key = config(request).secret_key.encode("utf-8")
    return hmac.new(key, _csrf_seed(request).encode("utf-8"), hashlib.sha256).hexdigest()


def check_csrf(request: Request, supplied: str | None) -> None:
    if not supplied or not hmac.compare_digest(supplied, csrf_token(request)):
        raise CsrfFailed()


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
