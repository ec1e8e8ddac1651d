"""A cache of what the public pages show, stamped by the latest change to published cases.

The public organisation and law listings are computed from every published case (hundreds
of dossiers); computed per request, 50 readers stalled the site (``/organizations`` took
20 s at the median). Each value here is kept with the stamp it was computed under
(``store.stamp.public_stamp``: cases, organisations, publications and releases changed)
and recomputed, by one request while the others wait for it, when the stamp moves. Only
public values are kept: what an anonymous visitor may see, already redacted; logged-in
pages are never cached. Per process: each server worker keeps its own.

A public page's whole answer is kept too (``public_response``): the rendered HTML or the
serialised JSON, so that an anonymous reader costs one small query (the stamp) and a copy,
not a template rendered and a response model validated again (20 readers without pauses
queued behind 50 ms of rendering each). The one part of a page that differs between
visitors, the CSRF token of its forms, is put back in as it is served. Answers carry an
``ETag``; a reader that sends it back gets ``304 Not Modified`` while nothing changed.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from vigil.store.stamp import public_stamp
from vigil.web.auth import csrf_token, current_user
from vigil.web.deps import database
from vigil.web.language import request_language

T = TypeVar("T")
MAX_ENTRIES = 512  # per-name pages (one organisation, one article) beyond this are dropped
# Whole answers kept (one per URL and language: every published dossier, in each language),
# apart from the values above so that many dossiers never push the public index out.
MAX_ANSWERS = 2048


class StampedCache:
    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._values: OrderedDict[Hashable, tuple[Hashable, Any]] = OrderedDict()
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, key: Hashable, stamp: Hashable, compute: Callable[[], T]) -> T:
        hit = self._values.get(key)
        if hit is not None and hit[0] == stamp:
            value: T = hit[1]
            return value
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # one request computes; the others wait and take its result
            hit = self._values.get(key)
            if hit is not None and hit[0] == stamp:
                return hit[1]  # type: ignore[no-any-return]
            value = compute()
            with self._guard:
                self._values[key] = (stamp, value)
                self._values.move_to_end(key)
                while len(self._values) > self.max_entries:
                    old, _ = self._values.popitem(last=False)
                    self._locks.pop(old, None)
            return value


_attach = threading.Lock()
# Stands for the visitor's CSRF token in a kept page (never in any page's text).
CSRF_SLOT = b"\x00vigil-csrf\x00"
# Headers of a kept answer that are the same for every visitor (cookies never are).
KEPT_HEADERS = ("content-type", "location")


def _cache(request: Request, name: str = "public_cache", size: int = MAX_ENTRIES) -> StampedCache:
    state = request.app.state
    cache = getattr(state, name, None)
    if cache is None:
        with _attach:
            cache = getattr(state, name, None) or StampedCache(size)
            setattr(state, name, cache)
    return cache


def stamp(request: Request) -> Hashable:
    """The stamp of what the public may see, read once per request."""
    found: Hashable | None = getattr(request.state, "public_stamp", None)
    if found is None:
        with database(request).read() as session:
            found = request.state.public_stamp = public_stamp(session)
    return found


def public(request: Request, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` for the public (anonymous) version of a page, cached under the
    current stamp."""
    return _cache(request).get(key, stamp(request), compute)


@dataclass(frozen=True, slots=True)
class _Kept:
    status: int
    body: bytes  # the visitor's CSRF token replaced by CSRF_SLOT
    headers: tuple[tuple[str, str], ...]
    etag: str


def _keep(response: Response, token: str) -> _Kept:
    body = bytes(response.body).replace(token.encode("ascii"), CSRF_SLOT)
    headers = tuple((k, v) for k, v in response.headers.items() if k in KEPT_HEADERS)
    etag = hashlib.blake2b(body, digest_size=12).hexdigest()
    return _Kept(response.status_code, body, headers, etag)


def public_response(request: Request, build: Callable[[], Response]) -> Response:
    """The answer ``build()`` makes, kept for anonymous readers under the stamp, by URL and
    language; logged-in readers always get a fresh one."""
    if current_user(request) is not None:
        return build()
    token = csrf_token(request)
    url = request.url
    key = ("answer", url.path, url.query, request_language(request))
    answers = _cache(request, "public_answers", MAX_ANSWERS)
    kept = answers.get(key, stamp(request), lambda: _keep(build(), token))
    # The token is part of the page, so of its tag.
    etag = '"' + kept.etag + (token[:16] if CSRF_SLOT in kept.body else "") + '"'
    headers = dict(kept.headers)
    headers["ETag"] = etag
    headers["Cache-Control"] = "no-cache"  # kept, but asked again each time (cheap: 304)
    if etag in request.headers.get("if-none-match", ""):
        headers.pop("content-type", None)
        return Response(status_code=304, headers=headers)
    body = kept.body.replace(CSRF_SLOT, token.encode("ascii"))
    return Response(body, status_code=kept.status, headers=headers)


def answer(model: type[BaseModel], data: Any) -> Response:
    """``data`` as the API answers it under ``response_model=model`` (with
    ``response_model_exclude_unset``), already serialised: a kept answer skips FastAPI's
    validation, so it is made here once."""
    shaped = model.model_validate(data).model_dump(mode="json", exclude_unset=True)
    return JSONResponse(shaped)
