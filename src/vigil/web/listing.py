"""Lists of cases as the asker may see them: everything when logged in; published cases
only, in their public (redacted) shape, for anonymous visitors, filtered on that shape
(``vigil.web.public_index``)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from vigil.web.auth import current_user
from vigil.web.deps import cases
from vigil.web.public_index import PublicCase, public_cases
from vigil.web.shapes import case_summary

FILTERS = ("country", "status", "event_type", "organization", "article", "ids")
# Lists filtered by date after the query read this many cases to fill a page.
PUBLIC_SCAN = 2000


def _in_range(when: str | None, since: str | None, until: str | None) -> bool:
    when = when or ""
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
    if current_user(request) is None:
        shown = [c for c in public_cases(request) if _public_match(c, wanted, since, until)]
        return [dict(c.summary) for c in shown[offset : offset + limit]]
    source = cases(request)
    if not (since or until):
        found = source.list_cases(session, limit=limit, offset=offset, **wanted)
        return [case_summary(s) for s in found]
    found = source.list_cases(session, limit=PUBLIC_SCAN, **wanted)
    kept = [s for s in found if _in_range(s.latest_event_date, since, until)]
    return [case_summary(s) for s in kept[offset : offset + limit]]


def _public_match(
    case: PublicCase, wanted: dict[str, Any], since: str | None, until: str | None
) -> bool:
    """Whether the public shape of ``case`` matches every filter: each is compared with
    what the public page shows, so a value it withholds matches nothing."""
    s, f = case.summary, case.facets
    if "ids" in wanted and case.id not in set(wanted["ids"]):
        return False
    if "country" in wanted and (s["country"] or "").upper() != str(wanted["country"]).upper():
        return False
    if "status" in wanted and s["status"] != wanted["status"]:
        return False
    if "event_type" in wanted and wanted["event_type"] not in f.event_types:
        return False
    if "article" in wanted and wanted["article"] not in f.articles:
        return False
    if "organization" in wanted:
        name = str(wanted["organization"]).strip().casefold()
        if name not in {o.strip().casefold() for o in f.organizations}:
            return False
    return _in_range(s["latest_event_date"], since, until)
