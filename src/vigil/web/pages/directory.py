"""Organizations and law articles: who is affiliated with an organization, and everyone
charged under an article, over time. Anonymous visitors see published cases only."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from vigil.store.accounts import published_ids
from vigil.web.auth import current_user
from vigil.web.deps import cases, database
from vigil.web.listing import visible_cases
from vigil.web.render import page

router = APIRouter()
PUBLIC_DOSSIERS = 200


def _organizations(request: Request) -> list[dict[str, Any]]:
    source = cases(request)
    with database(request).read() as session:
        if current_user(request) is not None:
            return source.organizations(session)
        counts: Counter[str] = Counter()
        for case_id in sorted(published_ids(session))[-PUBLIC_DOSSIERS:]:
            dossier = source.get_dossier(session, case_id)
            names = {str(f.value.get("organization") or "") for f in dossier.affiliations}
            counts.update(n for n in names if n)
    return [{"name": n, "cases": c} for n, c in counts.most_common()]


def _articles(request: Request) -> list[dict[str, Any]]:
    with database(request).read() as session:
        if current_user(request) is not None:
            return cases(request).charges_by_article(session)
        found = visible_cases(request, session, limit=5000)
    counts = Counter(charge for c in found for charge in c["charges"])
    return [{"article": a, "cases": n} for a, n in counts.most_common()]


def _by_year(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    years: dict[str, list[dict[str, Any]]] = {}
    for case in found:
        year = (case.get("latest_event_date") or "")[:4] or "undated"
        years.setdefault(year, []).append(case)
    return [{"year": y, "cases": years[y]} for y in sorted(years, reverse=True)]


def _article_cases(request: Request, article: str) -> dict[str, Any]:
    with database(request).read() as session:
        found = visible_cases(request, session, article=article, limit=500)
    return {"article": article, "total": len(found), "years": _by_year(found)}


def _organization_cases(request: Request, name: str) -> dict[str, Any]:
    with database(request).read() as session:
        found = visible_cases(request, session, organization=name, limit=500)
    return {"organization": name, "cases": found}


@router.get("/organizations", response_class=HTMLResponse, include_in_schema=False)
def organizations_page(request: Request) -> Response:
    return page(request, "organizations.html", {"organizations": _organizations(request)})


@router.get("/organizations/view", response_class=HTMLResponse, include_in_schema=False)
def organization_page(request: Request, name: str = Query(..., max_length=300)) -> Response:
    return page(request, "organization.html", _organization_cases(request, name))


@router.get("/laws", response_class=HTMLResponse, include_in_schema=False)
def laws_page(request: Request) -> Response:
    return page(request, "laws.html", {"articles": _articles(request)})


@router.get("/laws/view", response_class=HTMLResponse, include_in_schema=False)
def law_page(request: Request, article: str = Query(..., max_length=300)) -> Response:
    return page(request, "law.html", _article_cases(request, article))


@router.get("/api/organizations", tags=["directory"])
def api_organizations(request: Request) -> dict[str, Any]:
    return {"organizations": _organizations(request)}


@router.get("/api/organizations/view", tags=["directory"])
def api_organization(request: Request, name: str = Query(..., max_length=300)) -> dict[str, Any]:
    return _organization_cases(request, name)


@router.get("/api/laws", tags=["directory"])
def api_laws(request: Request) -> dict[str, Any]:
    return {"articles": _articles(request)}


@router.get("/api/laws/view", tags=["directory"])
def api_law(request: Request, article: str = Query(..., max_length=300)) -> dict[str, Any]:
    """Everyone charged under ``article``, grouped by the year of their latest event."""
    return _article_cases(request, article)
