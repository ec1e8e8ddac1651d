"""Signed tokens for confirmation and unsubscribe links: never an address in a URL.

A token is ``<purpose>.<subscriber id>.<issued, unix seconds>.<signature>`` in URL-safe
base64; the signature is HMAC-SHA256 under the secret key, so a token cannot be forged or
turned into another purpose or another subscriber's.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

from vigil.errors import InputError

CONFIRM, UNSUBSCRIBE = "c", "u"  # short: links stay short
# A confirmation link works for a week; unsubscribe links never expire.
MAX_AGE = {CONFIRM: 7 * 24 * 3600, UNSUBSCRIBE: None}


class BadToken(InputError):
    code = "E510"


def _sign(key: bytes, payload: str) -> str:
    mac = hmac.new(key, payload.encode("ascii"), hashlib.sha256).digest()[:20]
    return base64.urlsafe_b64encode(mac).decode("ascii").rstrip("=")


def make_token(key: bytes, purpose: str, subscriber_id: int, *, now: float | None = None) -> str:
    issued = int(now if now is not None else time.time())
    payload = f"{purpose}.{subscriber_id}.{issued}"
    return f"{payload}.{_sign(key, payload)}"


def read_token(key: bytes, token: str, purpose: str, *, now: float | None = None) -> int:
    """The subscriber id in a valid token of ``purpose``; BadToken otherwise."""
    parts = token.strip().split(".")
    if len(parts) != 4 or len(token) > 200:
        raise BadToken("malformed link token")
    kind, sid, issued, sig = parts
    if not hmac.compare_digest(_sign(key, f"{kind}.{sid}.{issued}"), sig):
        raise BadToken("link token signature does not match")
    if kind != purpose:
        raise BadToken("this link is for another purpose")
    if not (sid.isdigit() and issued.isdigit()):
        raise BadToken("malformed link token")
    limit = MAX_AGE[purpose]
    if limit is not None and (now if now is not None else time.time()) - int(issued) > limit:
        raise BadToken("this link has expired; subscribe again")
    return int(sid)


def token_issued(token: str) -> int:
    """When a token (already checked by ``read_token``) was made, in unix seconds."""
    return int(token.strip().split(".")[2])
