"""Organizations and law articles: who is affiliated with an organization, and everyone
charged under an article, over time. Anonymous visitors see published cases only."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from vigil.web import stamped
from vigil.web.api_models import LawAnswer, LawsAnswer, OrganizationAnswer, OrganizationsAnswer
from vigil.web.auth import current_user
from vigil.web.deps import cases, database
from vigil.web.listing import visible_cases
from vigil.web.public_index import public_cases
from vigil.web.render import page

router = APIRouter()


def _organizations(request: Request) -> list[dict[str, Any]]:
    if current_user(request) is not None:
        with database(request).read() as session:
            return cases(request).organizations(session)
    return stamped.public(request, "organizations", lambda: _public_organizations(request))


def _public_organizations(request: Request) -> list[dict[str, Any]]:
    # Counted on the public shape of each case: a name the dossier withholds is neither
    # listed nor counted.
    counts: Counter[str] = Counter()
    for case in public_cases(request):
        counts.update(set(case.facets.organizations))
    return [{"name": n, "cases": c} for n, c in counts.most_common()]


def _groups(request: Request) -> list[dict[str, Any]]:
    """Charge groups (article, country, people charged), people limited to what the asker
    may see: every case when logged in, published cases only for the public."""
    if current_user(request) is not None:
        with database(request).read() as session:
            return cases(request).charges_by_article(session)
    return stamped.public(request, "groups", lambda: _public_groups(request))


def _public_groups(request: Request) -> list[dict[str, Any]]:
    """The groups read from the public shape of each published case: an article the
    dossier withholds is neither listed nor counted, names are as the dossier shows them."""
    groups: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for case in public_cases(request):
        s = case.summary
        person = {
            "case_id": case.id,
            "name": s["name"],
            "status": s["status"],
            "since": case.facets.charged_since,
        }
        for article in case.facets.articles:
            groups.setdefault((article, s["country"]), []).append(person)
    return [
        {
            "article": article,
            "country": country,
            "people": sorted(people, key=lambda p: (p["since"] or "9999", p["name"])),
        }
        for (article, country), people in sorted(
            groups.items(), key=lambda kv: (kv[0][1] or "", kv[0][0])
        )
    ]


def _articles(request: Request) -> list[dict[str, Any]]:
    return [
        {"article": g.get("article"), "country": g.get("country"), "people": len(g["people"])}
        for g in _groups(request)
    ]


def _article_cases(request: Request, article: str) -> dict[str, Any]:
    """Everyone charged under ``article``, grouped by the year they were charged."""
    people = [p for g in _groups(request) if g.get("article") == article for p in g["people"]]
    years: dict[str, list[dict[str, Any]]] = {}
    for person in sorted(people, key=lambda p: p.get("since") or "9999"):
        year = (person.get("since") or "")[:4] or "undated"
        years.setdefault(year, []).append(person)
    return {
        "article": article,
        "total": len(people),
        "years": [{"year": y, "people": years[y]} for y in sorted(years)],
    }


def _organization_cases(request: Request, name: str) -> dict[str, Any]:
    def compute() -> dict[str, Any]:
        with database(request).read() as session:
            found = visible_cases(request, session, organization=name, limit=500)
        return {"organization": name, "cases": found}

    if current_user(request) is not None:
        return compute()
    return stamped.public(request, ("organization", name), compute)


@router.get("/organizations", response_class=HTMLResponse, include_in_schema=False)
def organizations_page(request: Request) -> Response:
    return stamped.public_response(
        request,
        lambda: page(request, "organizations.html", {"organizations": _organizations(request)}),
    )


@router.get("/organizations/view", response_class=HTMLResponse, include_in_schema=False)
def organization_page(request: Request, name: str = Query(..., max_length=300)) -> Response:
    return stamped.public_response(
        request, lambda: page(request, "organization.html", _organization_cases(request, name))
    )


@router.get("/laws", response_class=HTMLResponse, include_in_schema=False)
def laws_page(request: Request) -> Response:
    return stamped.public_response(
        request, lambda: page(request, "laws.html", {"articles": _articles(request)})
    )


@router.get("/laws/view", response_class=HTMLResponse, include_in_schema=False)
def law_page(request: Request, article: str = Query(..., max_length=300)) -> Response:
    return stamped.public_response(
        request, lambda: page(request, "law.html", _article_cases(request, article))
    )


@router.get(
    "/api/organizations",
    tags=["directory"],
    response_model=OrganizationsAnswer,
    response_model_exclude_unset=True,
)
def api_organizations(request: Request) -> Response:
    return stamped.public_response(
        request,
        lambda: stamped.answer(OrganizationsAnswer, {"organizations": _organizations(request)}),
    )


@router.get(
    "/api/organizations/view",
    tags=["directory"],
    response_model=OrganizationAnswer,
    response_model_exclude_unset=True,
)
def api_organization(request: Request, name: str = Query(..., max_length=300)) -> Response:
    return stamped.public_response(
        request, lambda: stamped.answer(OrganizationAnswer, _organization_cases(request, name))
    )


@router.get(
    "/api/laws", tags=["directory"], response_model=LawsAnswer, response_model_exclude_unset=True
)
def api_laws(request: Request) -> Response:
    return stamped.public_response(
        request, lambda: stamped.answer(LawsAnswer, {"articles": _articles(request)})
    )


@router.get(
    "/api/laws/view",
    tags=["directory"],
    response_model=LawAnswer,
    response_model_exclude_unset=True,
)
def api_law(request: Request, article: str = Query(..., max_length=300)) -> Response:
    """Everyone charged under ``article``, grouped by the year they were charged."""
    return stamped.public_response(
        request, lambda: stamped.answer(LawAnswer, _article_cases(request, article))
    )
