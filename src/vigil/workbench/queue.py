"""The report queue: every report with its review state, filtered by case, country, date,
source and language, newest or most urgent first, with a count per state. It reads only
``report_reviews`` (kept by ``store.progress``) and, for the page shown, the reports'
titles, so it stays fast at 100,000 reports."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from vigil.errors import InputError
from vigil.store.models import Report
from vigil.store.progress import STATES, ReportProgress

SORTS = ("newest", "urgent")
PAGE = 50


@dataclass(frozen=True, slots=True)
class QueueFilter:
    state: str | None = None
    case_id: int | None = None
    country: str | None = None
    since: str | None = None  # published on or after (YYYY, YYYY-MM or YYYY-MM-DD)
    until: str | None = None
    source: str | None = None
    language: str | None = None
    sort: str = "newest"
    offset: int = 0
    limit: int = PAGE

    def checked(self) -> QueueFilter:
        if self.state is not None and self.state not in STATES:
            raise InputError(f"state is one of {', '.join(STATES)}", subject=self.state)
        if self.sort not in SORTS:
            raise InputError(f"sort is one of {', '.join(SORTS)}", subject=self.sort)
        country = (self.country or "").strip().upper() or None
        if country is not None and (len(country) != 2 or not country.isalpha()):
            raise InputError("a country is a two-letter code (KZ, RU ...)", subject=country)
        return replace(self, country=country)


def _filtered(stmt: Select[Any], f: QueueFilter) -> Select[Any]:
    p = ReportProgress
    if f.case_id is not None:
        from vigil.store.cases import PersonMentionRow

        of_case = select(PersonMentionRow.report_id).where(PersonMentionRow.case_id == f.case_id)
        stmt = stmt.where(p.report_id.in_(of_case))
    if f.country:
        stmt = stmt.where(p.countries.like(f"% {f.country} %"))
    if f.since:
        stmt = stmt.where(p.published >= f.since)
    if f.until:
        # "2021" includes every date in 2021: compare the same number of characters.
        stmt = stmt.where(p.published != "", func.substr(p.published, 1, len(f.until)) <= f.until)
    if f.source:
        stmt = stmt.where(p.source == f.source)
    if f.language:
        stmt = stmt.where(p.language == f.language)
    return stmt


def report_queue(session: Session, f: QueueFilter) -> dict[str, Any]:
    """One page of the queue, the number of reports per state under the same filters, and
    the values the source and language filters offer."""
    f = f.checked()
    if f.case_id is not None:  # a merged-away case id means the case it went into
        from vigil.cases.dossier import resolve_case_id

        f = replace(f, case_id=resolve_case_id(session, f.case_id).id)
    p = ReportProgress
    counts = dict.fromkeys(STATES, 0)
    for state, n in session.execute(_filtered(select(p.state, func.count()), f).group_by(p.state)):
        counts[state] = int(n)
    stmt = _filtered(
        select(p, Report.title, Report.filename, Report.ingested_at).join(
            Report, Report.id == p.report_id
        ),
        f,
    )
    if f.state:
        stmt = stmt.where(p.state == f.state)
    if f.sort == "urgent":
        stmt = stmt.order_by(p.urgency.desc(), p.waiting.desc(), p.report_id.desc())
    else:
        stmt = stmt.order_by(p.published.desc(), p.report_id.desc())
    rows = session.execute(stmt.limit(f.limit).offset(f.offset)).all()
    return {
        "reports": [_item(row[0], row[1], row[2], row[3]) for row in rows],
        "counts": counts,
        "total": counts[f.state] if f.state else sum(counts.values()),
        "offset": f.offset,
        "page_size": f.limit,
    }


def _item(p: ReportProgress, title: str | None, filename: str, ingested: Any) -> dict[str, Any]:
    return {
        "id": p.report_id,
        "title": title or filename,
        "state": p.state,
        "facts": p.facts,
        "waiting": p.waiting,
        "decided": p.decided,
        "added": p.added,
        "urgency": p.urgency,
        "countries": p.countries.split(),
        "source": p.source,
        "language": p.language,
        "published": p.published or None,
        "received": ingested.isoformat() if ingested else None,
        "finished_by": p.finished_by,
        "finished_at": p.finished_at.isoformat() if p.finished_at else None,
    }


def choices(session: Session) -> dict[str, list[str]]:
    """The sources and languages the queue's filters offer (at most 200 of each)."""
    p = ReportProgress
    sources = session.scalars(select(p.source).distinct().order_by(p.source).limit(200))
    langs = session.scalars(
        select(p.language).where(p.language.is_not(None)).distinct().order_by(p.language)
    )
    return {"sources": list(sources), "languages": [x for x in langs if x]}


def next_report(session: Session, after: int) -> int | None:
    """The next report not yet reviewed, for "on to the next report" links."""
    p = ReportProgress
    found = session.scalar(
        select(p.report_id)
        .where(p.state != "reviewed", p.report_id != after)
        .order_by(p.urgency.desc(), p.report_id.desc())
        .limit(1)
    )
    return int(found) if found is not None else None
