"""Keeping each case's summary row, facets and stored dossier in step with its dossier."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from vigil.cases import stored
from vigil.cases.dossier import build_dossiers
from vigil.cases.model import Dossier
from vigil.cases.publishable import unreviewed_evidence
from vigil.settings import get_settings
from vigil.store.cases import CaseDossierRow, CaseFacetRow, CaseRow
from vigil.store.models import utcnow
from vigil.store.publications import follow_content, watched

BATCH = 500


def refresh_cases(session: Session, case_ids: Iterable[int]) -> None:
    """Rebuild the summary columns, facets and stored dossier of these cases, a few queries
    per ``BATCH`` cases (a bulk rebuild refreshes tens of thousands)."""
    ids = sorted(set(case_ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        cases = list(session.scalars(select(CaseRow).where(CaseRow.id.in_(chunk))))
        if not cases:
            continue
        dossiers = build_dossiers(session, cases)
        present = [c.id for c in cases]
        # Plain statements (no ORM bookkeeping per row): nothing holds these rows as objects.
        for table in (CaseFacetRow, CaseDossierRow):
            session.execute(
                delete(table).where(table.case_id.in_(present)),
                execution_options={"synchronize_session": False},
            )
        facets: list[dict[str, Any]] = []
        kept: list[dict[str, Any]] = []
        for case in cases:
            dossier = dossiers[case.id]
            _summarize(case, dossier)
            facets.extend(_facets(case.id, dossier))
            kept.append(
                {"case_id": case.id, "updated_at": case.updated_at, "data": stored.to_json(dossier)}
            )
        session.flush()  # the case rows' new summaries, in one round
        if facets:
            session.execute(insert(CaseFacetRow), facets)
        session.execute(insert(CaseDossierRow), kept)
        _hold_unreviewed(session, dossiers)


def _hold_unreviewed(session: Session, dossiers: dict[int, Dossier]) -> None:
    """With review required for publishing, a published case whose rebuilt dossier shows
    evidence nobody reviewed that it did not show when published (an extraction run) is
    held until a reviewer publishes it again, as a change of its people is."""
    if not get_settings().publish_requires_review:
        return
    public = watched(session, dossiers)
    if public:
        follow_content(session, {c: unreviewed_evidence(dossiers[c]) for c in public})


def _summarize(case: CaseRow, dossier: Dossier) -> None:
    s = dossier.summary
    case.name, case.aliases, case.status = s.name, list(s.aliases), s.status
    case.country, case.latest_event = s.country, s.latest_event
    case.latest_event_date, case.charges, case.sources = (
        s.latest_event_date,
        list(s.charges),
        list(s.sources),
    )
    case.updated_at = utcnow()


def _facets(case_id: int, dossier: Dossier) -> list[dict[str, Any]]:
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
    return [
        {"case_id": case_id, "facet": facet, "value": value, "date": date}
        for (facet, value), date in facets.items()
    ]
