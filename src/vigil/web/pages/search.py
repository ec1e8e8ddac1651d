"""Search: full text over reports (logged-in users) and cases by facets (country, event
type, charge article, status, organization, date range). Every search is a GET URL, so a
result page can be shared; anonymous visitors search published cases only."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from vigil.store.search import search as search_reports
from vigil.store.wordkeys import index_text, text_keys
from vigil.web.api_models import SearchAnswer
from vigil.web.auth import current_user
from vigil.web.deps import cases, database
from vigil.web.listing import visible_cases
from vigil.web.pages.home import EVENT_TYPES, STATUSES
from vigil.web.render import page

router = APIRouter()
PAGE = 20
# Anonymous searches match words against this many published cases' public fields.
PUBLIC_MATCH = 1000
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _matches(case: dict[str, Any], words: list[str]) -> bool:
    """Whether every word's key stands in the case's public fields ("Амировой" finds a
    case named "Айжангуль Амирова"; a key may be part of a word, as "amir" of "amirov")."""
    hay = index_text(" ".join([case["name"], *case["aliases"], *case["charges"]]))
    return all(w in hay for w in words)


def _search(request: Request, params: dict[str, Any], page_no: int) -> dict[str, Any]:
    q = (params.pop("q") or "").strip()
    offset = (page_no - 1) * PAGE
    logged_in = current_user(request) is not None
    reports: list[dict[str, Any]] = []
    total_reports = 0
    with database(request).read() as session:
        if q and logged_in:
            # Cases whose persons the matching reports name (report text is internal).
            result = search_reports(session, q, limit=PAGE, offset=offset)
            total_reports = result.total
            reports = [
                {
                    "id": h.report.id,
                    "title": h.report.title or h.report.filename,
                    "published": h.report.published,
                    "snippet": [{"text": f.text, "marked": f.marked} for f in h.snippet],
                }
                for h in result.hits
            ]
            ids = cases(request).cases_of_reports(session, [h.report.id for h in result.hits])
            found = visible_cases(request, session, limit=PAGE, ids=ids, **params)
            words = text_keys(q)
            found.sort(key=lambda c: not _matches(c, words))  # named by the words first
        elif q:
            # The public: published cases whose public fields (names, charges) match.
            candidates = visible_cases(request, session, limit=PUBLIC_MATCH, **params)
            words = text_keys(q)
            found = [c for c in candidates if _matches(c, words)][:PAGE]
        else:
            found = visible_cases(request, session, limit=PAGE, offset=offset, **params)
    return {
        "q": q,
        "filters": params,
        "cases": found,
        "reports": reports,
        "total_reports": total_reports,
        "page_no": page_no,
        "page_size": PAGE,
    }


def _params(
    q: str | None = Query(None, max_length=500),
    country: str | None = Query(None, max_length=64),
    event_type: str | None = Query(None, max_length=64),
    article: str | None = Query(None, max_length=128),
    status: str | None = Query(None, max_length=32),
    organization: str | None = Query(None, max_length=200),
    since: str | None = Query(None, max_length=10),
    until: str | None = Query(None, max_length=10),
) -> dict[str, Any]:
    # A date that is not YYYY, YYYY-MM or YYYY-MM-DD (or empty, as forms send) is ignored.
    since = since if since and _DATE.match(since) else None
    until = until if until and _DATE.match(until) else None
    return {
        "q": q,
        "country": country,
        "event_type": event_type,
        "article": article,
        "status": status,
        "organization": organization,
        "since": since,
        "until": until,
    }


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request,
    params: dict[str, Any] = Depends(_params),
    page_no: int = Query(1, alias="page", ge=1, le=10000),
) -> Response:
    data = _search(request, params, page_no)
    return page(request, "search.html", {**data, "statuses": STATUSES, "event_types": EVENT_TYPES})


@router.get(
    "/api/search", tags=["search"], response_model=SearchAnswer, response_model_exclude_unset=True
)
def api_search(
    request: Request,
    params: dict[str, Any] = Depends(_params),
    page_no: int = Query(1, alias="page", ge=1, le=10000),
) -> dict[str, Any]:
    """Reports by full text (logged in) and cases by facets; same parameters as /search."""
    return _search(request, params, page_no)
