"""Lists of cases as the asker may see them: everything when logged in; published cases
only, in their public (redacted) shape, for anonymous visitors."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from vigil.cases.model import CaseSummary
from vigil.redaction import public_case_summary, public_organizations
from vigil.store.publications import public_ids, released_values_of
from vigil.web.auth import current_user
from vigil.web.deps import cases
from vigil.web.shapes import case_summary

FILTERS = ("country", "status", "event_type", "organization", "article", "ids")
# Lists filtered by date after the query read this many cases to fill a page.
PUBLIC_SCAN = 2000


def _in_range(s: CaseSummary, since: str | None, until: str | None) -> bool:
    when = s.latest_event_date or ""
    if since and (not when or when < since):
        return False
    return not (until and (not when or when[: len(until)] > until))


def visible_cases(
    request: Request,
    session: Session,
    *,
    limit: int = 50,
    offset: int = 0,
    since: str | None = None,
    until: str | None = None,
    **filters: Any,
) -> list[dict[str, Any]]:
    wanted = {k: v for k, v in filters.items() if k in FILTERS and v is not None and v != ""}
    source = cases(request)
    dated = bool(since or until)
    if current_user(request) is not None:
        if not dated:
            found = source.list_cases(session, limit=limit, offset=offset, **wanted)
            return [case_summary(s) for s in found]
        found = source.list_cases(session, limit=PUBLIC_SCAN, **wanted)
        kept = [s for s in found if _in_range(s, since, until)]
        return [case_summary(s) for s in kept[offset : offset + limit]]
    published = public_ids(session)
    if "ids" in wanted:
        published &= set(wanted.pop("ids"))
    if "organization" in wanted and published:
        published = _showing_organization(request, session, wanted.pop("organization"), published)
    if not published:
        return []
    # Only published cases are asked for; what comes back is checked again all the same.
    ids = sorted(published)
    if dated:
        found = source.list_cases(session, ids=ids, limit=PUBLIC_SCAN, **wanted)
        kept = [s for s in found if s.id in published and _in_range(s, since, until)]
        kept = kept[offset : offset + limit]
    else:
        found = source.list_cases(session, ids=ids, limit=limit, offset=offset, **wanted)
        kept = [s for s in found if s.id in published]
    released = released_values_of(session, [s.id for s in kept])
    return [_public_summary(s, frozenset(released.get(s.id, ()))) for s in kept]


def _showing_organization(
    request: Request, session: Session, name: str, published: set[int]
) -> set[int]:
    """The published cases whose public shape shows organisation ``name``. The stored
    facet only narrows the candidates; the match is made on the redacted names, so a name
    a dossier withholds finds nothing."""
    source = cases(request)
    found = source.list_cases(session, ids=sorted(published), organization=name, limit=PUBLIC_SCAN)
    ids = [s.id for s in found if s.id in published]
    released = released_values_of(session, ids)
    wanted = name.strip().casefold()
    kept = set()
    for case_id in ids:
        dossier = source.get_dossier(session, case_id)
        shown = public_organizations(dossier, released.get(case_id, ()))
        if wanted in {n.strip().casefold() for n in shown}:
            kept.add(case_id)
    return kept


# Redacting a summary runs the whole policy over each name and charge; a public list of
# 1,000 cases did that 1,000 times per request. The summary's updated_at and the released
# values are in the key, so a changed case or a new release is redacted afresh.
_PUBLIC: OrderedDict[tuple[int, str, frozenset[str]], dict[str, Any]] = OrderedDict()
_PUBLIC_LOCK = threading.Lock()
_PUBLIC_SIZE = 20_000


def _public_summary(s: CaseSummary, released: frozenset[str]) -> dict[str, Any]:
    key = (s.id, s.updated_at, released)
    with _PUBLIC_LOCK:
        hit = _PUBLIC.get(key)
        if hit is not None:
            _PUBLIC.move_to_end(key)
            return dict(hit)
    shaped = public_case_summary(s, released)
    with _PUBLIC_LOCK:
        _PUBLIC[key] = shaped
        while len(_PUBLIC) > _PUBLIC_SIZE:
            _PUBLIC.popitem(last=False)
    return dict(shaped)
