"""Keeping each case's summary row and facets in step with its dossier."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from vigil.cases.dossier import build_dossier
from vigil.store.cases import CaseFacetRow, CaseRow
from vigil.store.models import utcnow


def refresh_case(session: Session, case_id: int) -> None:
    case = session.get(CaseRow, case_id)
    if case is None:
        return
    dossier = build_dossier(session, case)
    s = dossier.summary
    case.name, case.aliases, case.status = s.name, list(s.aliases), s.status
    case.country, case.latest_event = s.country, s.latest_event
    case.latest_event_date, case.charges, case.sources = (
        s.latest_event_date,
        list(s.charges),
        list(s.sources),
    )
    case.at_risk = bool(dossier.timeline) or any(
        f.value.get("role") == "victim" for f in dossier.roles
    )
    case.updated_at = utcnow()
    session.execute(delete(CaseFacetRow).where(CaseFacetRow.case_id == case_id))
    facets: dict[tuple[str, str], str | None] = {}
    for ev in dossier.timeline:
        facets.setdefault(("event", ev.type), ev.date)
    for fact in dossier.charges:
        article = fact.value.get("article")
        if article:
            facets.setdefault(("article", str(article)[:256]), None)
    for fact in dossier.affiliations:
        org = fact.value.get("organization")
        if org:
            facets.setdefault(("organization", str(org)[:256]), None)
    for (facet, value), date in facets.items():
        session.add(CaseFacetRow(case_id=case_id, facet=facet, value=value, date=date))
