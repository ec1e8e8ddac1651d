"""Every difference between SQLite and PostgreSQL, in one place.

Engine set-up (SQLite: WAL, foreign keys, busy timeout), the full-text index (SQLite FTS5,
PostgreSQL tsvector with GIN) and the translation of a parsed search query into each
engine's syntax. Callers pass a ``Connection`` or ``Session`` and never branch on the engine.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, Table, event, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from vigil.store.query import Query


def is_sqlite(conn: Connection | Engine) -> bool:
    return conn.dialect.name == "sqlite"


def configure_engine(engine: Engine) -> None:
    """Per-connection settings. SQLite: WAL so readers never block the writer, NORMAL sync
    (durable across process kills; a power cut may lose the last commits), foreign keys."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()


def begin_write(conn: Connection) -> None:
    """Start a write transaction. SQLite: take the write lock now (BEGIN IMMEDIATE), so
    two writers queue on busy_timeout instead of one failing with "database is locked"
    when both upgrade from reading to writing. PostgreSQL: nothing to do."""
    if is_sqlite(conn) and not conn.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
        conn.exec_driver_sql("BEGIN IMMEDIATE")


# Arbitrary constant naming Vigil's case-resolution lock (pg_advisory_xact_lock key).
CASES_LOCK = 0x76_69_67_01


def lock_cases(conn: Connection) -> None:
    """Serialise every change to case membership (resolution, merges, splits) for the rest
    of the transaction. PostgreSQL: a transaction-scoped advisory lock, so two reviewers or
    an ingest and a reviewer never interleave; SQLite: write transactions already hold the
    database's single write lock (BEGIN IMMEDIATE)."""
    if not is_sqlite(conn):
        # Advisory locks are per database, and several Vigil schemas may share one (tests,
        # staging): the schema is part of the key, so they never wait on each other.
        conn.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(current_schema()), :k)"),
            {"k": CASES_LOCK},
        )


def relaxed_commit(conn: Connection) -> None:
    """Let this transaction's commit return before it is flushed to disk, where a lost
    commit only repeats work (an outbox "sent" mark: the message is sent again with the
    same id). PostgreSQL: synchronous_commit off for this transaction (a crash of the
    database server may forget the last fraction of a second); SQLite in WAL mode with
    synchronous=NORMAL does not flush on commit anyway."""
    if not is_sqlite(conn):
        conn.exec_driver_sql("SET LOCAL synchronous_commit = off")


def engine_options(url: str) -> dict[str, Any]:
    if url.startswith("sqlite"):
        # The web server answers from a pool of up to 40 threads; SQLAlchemy's default of
        # 5 (+10) connections made requests queue for a connection under load.
        return {} if ":memory:" in url else {"pool_size": 20, "max_overflow": 20}
    return {"pool_pre_ping": True, "pool_size": 10, "max_overflow": 40}


def insert_ignore(conn: Connection, table: Table, values: dict[str, Any]) -> bool:
    """INSERT that does nothing when the primary key or a unique value exists already
    (both engines); True when a row was inserted."""
    stmt = sqlite_insert(table) if is_sqlite(conn) else pg_insert(table)
    return bool(conn.execute(stmt.on_conflict_do_nothing(), values).rowcount)


# --- full-text index --------------------------------------------------------------------


def index_report(conn: Connection, report_id: int, title: str, body: str) -> None:
    """Add one report's title and body, as search keys (``wordkeys.index_text``), to the
    full-text index."""
    if is_sqlite(conn):
        conn.execute(
            text("INSERT INTO report_fts(rowid, title, body) VALUES (:id, :title, :body)"),
            {"id": report_id, "title": title, "body": body},
        )
    else:
        conn.execute(
            text(
                "INSERT INTO report_search(report_id, document) VALUES (:id, "
                "setweight(to_tsvector('simple', :title), 'A') || to_tsvector('simple', :body))"
            ),
            {"id": report_id, "title": title, "body": body},
        )


def unindex_report(conn: Connection, report_id: int) -> None:
    table, col = ("report_fts", "rowid") if is_sqlite(conn) else ("report_search", "report_id")
    conn.execute(text(f"DELETE FROM {table} WHERE {col} = :id"), {"id": report_id})


def fts5_match(query: Query) -> str:
    """FTS5 MATCH syntax: every term quoted (no operator injection), prefix with *."""
    parts: list[str] = []
    for term in query.terms:
        phrase = " ".join(term.tokens)
        quoted = f'"{phrase}"' + ("*" if term.prefix else "")
        parts.append(f"NOT {quoted}" if term.negated else quoted)
    positive = [p for p in parts if not p.startswith("NOT ")]
    negative = [p for p in parts if p.startswith("NOT ")]
    return " AND ".join(positive) + "".join(f" {n}" for n in negative)


def tsquery(query: Query) -> str:
    """PostgreSQL to_tsquery syntax: tokens are [a-z0-9] only, so nothing needs escaping."""
    parts: list[str] = []
    for term in query.terms:
        toks = list(term.tokens)
        if term.prefix:
            toks[-1] = toks[-1] + ":*"
        expr = " <-> ".join(toks)
        expr = f"({expr})" if len(toks) > 1 else expr
        parts.append(f"!{expr}" if term.negated else expr)
    return " & ".join(parts)


# How many of the newest matches PostgreSQL ranks by relevance (see search_ids).
RANK_CANDIDATES = 500


# Counting stops here; lists say "10,000+" (a bitmap count of 80,000 matches costs more
# than the search itself).
COUNT_CAP = 10_000

# A word matching more reports than this is "dense": PostgreSQL then finds the newest
# candidates by walking the primary key backwards (5 ms for a word in 80% of 100,000
# reports, measured) instead of collecting and sorting every match (25 ms). The walk reads
# about RANK_CANDIDATES / density rows, so it only pays where matches are many (at 2-3%
# density it read 20,000 rows: 100-200 ms); past the count cap they always are.
DENSE_MATCHES = COUNT_CAP


def search_ids(
    conn: Connection, query: Query, limit: int, offset: int, *, dense: bool = False
) -> list[tuple[int, float]]:
    """Ids of matching reports with a score (higher is better), best first."""
    if not query.positive:
        return []
    if is_sqlite(conn):
        match = fts5_match(query)
        # As on PostgreSQL, rank only the newest RANK_CANDIDATES matches: bm25 over every
        # match of a common word costs ~100 ms at 100,000 reports. FTS5 walks its doclists
        # by rowid, so finding the cut-off is cheap, and rowid bounds prune the ranking.
        floor = conn.execute(
            text(
                "SELECT rowid FROM report_fts WHERE report_fts MATCH :q "
                "ORDER BY rowid DESC LIMIT 1 OFFSET :cap"
            ),
            {"q": match, "cap": RANK_CANDIDATES - 1},
        ).scalar()
        # bm25 with the title weighted 5x the body; FTS5 returns lower-is-better.
        rows = conn.execute(
            text(
                "SELECT rowid, bm25(report_fts, 5.0, 1.0) AS r FROM report_fts "
                "WHERE report_fts MATCH :q AND rowid >= :floor "
                "ORDER BY r LIMIT :limit OFFSET :offset"
            ),
            {"q": match, "floor": floor or 0, "limit": limit, "offset": offset},
        )
        return [(int(i), -float(r)) for i, r in rows]
    _prefer_text_index(conn, dense=dense)
    # ts_rank_cd reads every candidate's tsvector from TOAST storage, so ranking all
    # matches of a common word costs time linear in the corpus. Rank the newest
    # RANK_CANDIDATES matches instead: names, what users search for, match far fewer.
    rows = conn.execute(
        text(
            "WITH c AS MATERIALIZED ("
            " SELECT report_id FROM report_search WHERE document @@ to_tsquery('simple', :q)"
            " ORDER BY report_id DESC LIMIT :cap) "
            "SELECT s.report_id, ts_rank_cd(s.document, to_tsquery('simple', :q)) AS r "
            "FROM report_search s JOIN c ON c.report_id = s.report_id "
            "ORDER BY r DESC, s.report_id DESC LIMIT :limit OFFSET :offset"
        ),
        {"q": tsquery(query), "cap": RANK_CANDIDATES, "limit": limit, "offset": offset},
    )
    return [(int(i), float(r)) for i, r in rows]


def _prefer_text_index(conn: Connection, *, dense: bool = False) -> None:
    """PostgreSQL prices a tsvector match as cheap and picks a sequential scan that
    de-TOASTs every row (40 ms at 10,000 reports, measured); the GIN index takes 1-3 ms.
    For a dense word, the primary key walked backwards finds the newest matches at once.
    Scoped to the current transaction."""
    # One statement (set_config(..., true) is SET LOCAL): a round trip instead of three.
    bitmap, index = ("off", "on") if dense else ("on", "off")
    conn.execute(
        text(
            "SELECT set_config('enable_seqscan', 'off', true),"
            " set_config('enable_bitmapscan', :bitmap, true),"
            " set_config('enable_indexscan', :index, true)"
        ),
        {"bitmap": bitmap, "index": index},
    )


def count_matches(conn: Connection, query: Query) -> int:
    """How many reports match, counted up to COUNT_CAP + 1 (more means "COUNT_CAP+")."""
    if not query.positive:
        return 0
    params = {"cap": COUNT_CAP + 1}
    if is_sqlite(conn):
        sql = "SELECT count(*) FROM (SELECT 1 FROM report_fts WHERE report_fts MATCH :q LIMIT :cap)"
        return int(conn.execute(text(sql), {**params, "q": fts5_match(query)}).scalar_one())
    _prefer_text_index(conn)
    sql = (
        "SELECT count(*) FROM (SELECT 1 FROM report_search "
        "WHERE document @@ to_tsquery('simple', :q) LIMIT :cap) AS m"
    )
    return int(conn.execute(text(sql), {**params, "q": tsquery(query)}).scalar_one())
