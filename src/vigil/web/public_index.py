"""What every anonymous list, filter, facet and count reads: the public cases, each with
the facets of its redacted public shape (``vigil.redaction.public_facets``).

The stored columns and facets (``cases``, ``case_facets``) are built from the whole
dossier, before redaction and releases; a filter on them finds a case by a value its
public page withholds (``?article=<an ID number>``), and a count tells the value is there.
So the public side never filters on them: it reads this index, built from the dossiers of
the published cases as the public sees them, once per change of what the public may see
(``vigil.web.stamped``); a case's facets are computed again only when the case, or what
is released on it, changed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from fastapi import Request

from vigil.redaction import PublicFacets, public_facets
from vigil.store.publications import public_ids, released_values_of
from vigil.web import stamped
from vigil.web.deps import cases, database

MEMO_SIZE = 20_000  # cases whose public facets are kept between changes


@dataclass(frozen=True, slots=True)
class PublicCase:
    id: int
    facets: PublicFacets

    @property
    def summary(self) -> dict[str, Any]:
        return self.facets.summary


class _Memo:
    """Public facets by (case id, the case's updated_at, its released values)."""

    def __init__(self) -> None:
        self.values: OrderedDict[tuple[int, str, frozenset[str]], PublicFacets] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[int, str, frozenset[str]]) -> PublicFacets | None:
        with self.lock:
            found = self.values.get(key)
            if found is not None:
                self.values.move_to_end(key)
            return found

    def put(self, key: tuple[int, str, frozenset[str]], facets: PublicFacets) -> None:
        with self.lock:
            self.values[key] = facets
            while len(self.values) > MEMO_SIZE:
                self.values.popitem(last=False)


_attach = threading.Lock()


def _memo(request: Request) -> _Memo:
    state = request.app.state
    with _attach:
        memo = getattr(state, "public_facets", None)
        if memo is None:
            memo = state.public_facets = _Memo()
    return memo


def public_cases(request: Request) -> list[PublicCase]:
    """The cases the public may see, most recent events first (the order of
    ``list_cases``), each with its public facets."""
    return stamped.public(request, "public-index", lambda: _build(request))


def _build(request: Request) -> list[PublicCase]:
    source, memo = cases(request), _memo(request)
    with database(request).read() as session:
        published = public_ids(session)
        if not published:
            return []
        ids = sorted(published)
        summaries = source.list_cases(session, ids=ids, limit=len(ids))
        released = released_values_of(session, ids)
        found: list[PublicCase] = []
        for s in summaries:
            if s.id not in published:  # asked for published cases only; checked all the same
                continue
            free = frozenset(released.get(s.id, ()))
            key = (s.id, s.updated_at, free)
            facets = memo.get(key)
            if facets is None:
                facets = public_facets(source.get_dossier(session, s.id), free)
                memo.put(key, facets)
            found.append(PublicCase(s.id, facets))
    return found
