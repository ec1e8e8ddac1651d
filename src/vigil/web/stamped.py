"""A cache of what the public pages show, stamped by the latest change to published cases.

The public organisation and law listings are computed from every published case (hundreds
of dossiers); computed per request, 50 readers stalled the site (``/organizations`` took
20 s at the median). Each value here is kept with the stamp it was computed under
(``store.stamp.public_stamp``: cases, organisations, publications and releases changed)
and recomputed, by one request while the others wait for it, when the stamp moves. Only
public values are kept: what an anonymous visitor may see, already redacted; logged-in
pages are never cached. Per process: each server worker keeps its own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from fastapi import Request

from vigil.store.stamp import public_stamp
from vigil.web.deps import database

T = TypeVar("T")
MAX_ENTRIES = 512  # per-name pages (one organisation, one article) beyond this are dropped


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


def public(request: Request, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` for the public (anonymous) version of a page, cached under the
    current stamp."""
    state = request.app.state
    cache = getattr(state, "public_cache", None)
    if cache is None:
        with _attach:
            cache = getattr(state, "public_cache", None) or StampedCache()
            state.public_cache = cache
    with database(request).read() as session:
        stamp = public_stamp(session)
    return cache.get(key, stamp, compute)
