"""Who is asking: session cookies, roles, CSRF tokens.

The session cookie holds a random token (its SHA-256 is stored, see ``store.accounts``);
it is HttpOnly, SameSite=Lax, and Secure when served behind HTTPS. CSRF tokens are an HMAC
of the session token (or, before login, of a random pre-session cookie) with the secret
key: every form carries one in a hidden ``csrf`` field, every API write the
``X-CSRF-Token`` header.

The client's address is the connection's peer; ``X-Forwarded-For`` is read only when the
peer is one of ``VIGIL_TRUSTED_PROXIES`` (``vigil serve`` turns uvicorn's own handling of
it off). A browser that logged in keeps a signed ``vigil_device`` cookie naming the
account; login throttling treats it as the owner's (``store.throttle``).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Callable

from fastapi import Request

from vigil.settings import IPNetwork
from vigil.store.accounts import Account, session_account
from vigil.web.deps import config, database

SESSION_COOKIE = "vigil_session"
PRE_COOKIE = "vigil_pre"
DEVICE_COOKIE = "vigil_device"
DEVICE_DAYS = 365


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
    """Who is asking: the peer, or behind trusted proxies the first address, from the
    right of X-Forwarded-For, that is not one of them (each proxy appends its peer)."""
    peer = request.client.host if request.client else "unknown"
    trusted = config(request).trusted_proxies
    if not trusted or not _is_trusted(peer, trusted):
        return peer
    hops = [h.strip() for v in request.headers.getlist("x-forwarded-for") for h in v.split(",")]
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # not an address a proxy of ours wrote: believe nothing
        peer = hop
    return peer


def _is_trusted(address: str, trusted: tuple[IPNetwork, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in trusted)


# --- known browsers -------------------------------------------------------------------------


def _device_mac(request: Request, name: str, nonce: str) -> str:
    key = config(request).secret_key.encode("utf-8")
    payload = f"device\0{name}\0{nonce}".encode()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()[:32]


def new_device_cookie(request: Request, name: str) -> str:
    """The value of ``vigil_device`` for a browser that just logged in as ``name``."""
    nonce = secrets.token_urlsafe(12)
    return f"{nonce}.{_device_mac(request, name, nonce)}"


def known_device(request: Request, name: str) -> str | None:
    """The browser's id when it logged in as ``name`` before, else None."""
    raw = request.cookies.get(DEVICE_COOKIE) or ""
    nonce, _, mac = raw.partition(".")
    if not nonce or len(raw) > 100:
        return None
    if not hmac.compare_digest(mac, _device_mac(request, name, nonce)):
        return None
    return nonce
