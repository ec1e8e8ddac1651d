"""Full-text search over reports: one interface, each engine's own index behind it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from vigil.store import dialect
from vigil.store.query import Query, parse_query
from vigil.store.reports import ReportSummary, summaries_with_text
from vigil.store.snippets import Fragment, Matcher, snippet


@dataclass(frozen=True, slots=True)
class Hit:
    report: ReportSummary
    score: float
    snippet: list[Fragment]


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: Query
    total: int  # counted up to dialect.COUNT_CAP; ``more`` says there are more
    hits: list[Hit]
    more: bool = False


def search(session: Session, raw: str, *, limit: int = 20, offset: int = 0) -> SearchResult:
    """Reports matching ``raw`` (see ``store.query`` for the syntax), best first, each with a
    highlighted snippet. The count stops at dialect.COUNT_CAP (then ``more`` is set)."""
    query = parse_query(raw)
    conn = session.connection()
    total = dialect.count_matches(conn, query)
    dense = total > dialect.DENSE_MATCHES
    ranked = dialect.search_ids(conn, query, limit, offset, dense=dense)
    found = summaries_with_text(session, [i for i, _ in ranked])
    matcher = Matcher(query)
    hits = [
        Hit(found[i][0], score, snippet(found[i][1], query, matcher=matcher))
        for i, score in ranked
        if i in found
    ]
    return SearchResult(query, total, hits, more=total > dialect.COUNT_CAP)
