"""Full-text search over reports: one interface, each engine's own index behind it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from vigil.store import dialect
from vigil.store.query import Query, parse_query
from vigil.store.reports import ReportSummary, summaries_with_text
from vigil.store.snippets import Fragment, Matcher, snippet
from vigil.store.wordkeys import index_text


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


def rebuild_index(conn: Connection, *, batch: int = 500) -> int:
    """Index every stored report anew with today's search keys (after a change to
    ``store/data/word_forms.yaml``, or by the migration that introduced keys). Runs in the
    caller's transaction; returns how many reports were indexed."""
    last, done = 0, 0
    while True:
        rows = conn.execute(
            text("SELECT id, title, text FROM reports WHERE id > :last ORDER BY id LIMIT :n"),
            {"last": last, "n": batch},
        ).all()
        if not rows:
            return done
        for report_id, title, body in rows:
            dialect.unindex_report(conn, int(report_id))
            dialect.index_report(conn, int(report_id), index_text(title or ""), index_text(body))
        last, done = int(rows[-1][0]), done + len(rows)
