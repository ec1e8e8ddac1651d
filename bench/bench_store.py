"""Storage benchmarks: ingestion rate and full-text search latency, on each backend.

    python bench/bench_store.py                 # the issue's sizes: 10,000 / 100,000
    python bench/bench_store.py --ingest 1000 --search 10000   # quicker

Ingestion goes through the real path (files on disk -> readers -> one transaction per
report), without extraction. Search loads its corpus in batches (a loading path, not what
is measured), caches it under bench/out/ (SQLite) or in a schema (PostgreSQL) for the next
run, then times the real ``store.search.search`` (ranking, count and snippets) per query.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_reports, write_corpus

from vigil.pipeline.ingest import Ingestor
from vigil.pipeline.inputs import expand
from vigil.sources import read_bytes
from vigil.store.db import Database
from vigil.store.reports import add_report, count_reports
from vigil.store.search import search

OUT = Path(__file__).resolve().parent / "out"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def pg_base() -> str | None:
    raw = os.environ.get("VIGIL_BENCH_DATABASE_URL") or os.environ.get(
        "VIGIL_TEST_DATABASE_URL", DEFAULT_PG
    )
    url = make_url(raw)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    try:
        eng = create_engine(url, connect_args={"connect_timeout": 3})
        with eng.connect() as conn:
            conn.execute(text("SELECT 1"))
        eng.dispose()
    except Exception as exc:
        print(f"  postgresql: unreachable ({type(exc).__name__}); its figures are skipped")
        return None
    return url.render_as_string(hide_password=False)


def pg_schema_url(base: str, schema: str, *, fresh: bool) -> str:
    eng = create_engine(base)
    with eng.begin() as conn:
        if fresh:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    eng.dispose()
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def backends(names: list[str], purpose: str, fresh: bool) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name in names:
        if name == "sqlite":
            OUT.mkdir(parents=True, exist_ok=True)
            path = OUT / f"{purpose}.db"
            if fresh:
                for p in OUT.glob(f"{purpose}.db*"):
                    p.unlink()
            found.append(("sqlite", f"sqlite:///{path}"))
        elif name == "postgresql":
            base = pg_base()
            if base:
                found.append(
                    ("postgresql", pg_schema_url(base, f"vigil_bench_{purpose}", fresh=fresh))
                )
    return found


def bench_ingest(n: int, names: list[str]) -> None:
    print(f"Ingestion without extraction: {n:,} generated reports of ~600 words")
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(tmp, n)
        for backend, url in backends(names, "ingest", fresh=True):
            db = Database(url)
            db.migrate()
            ingestor = Ingestor(db, actor="bench", max_bytes=25 * 1024 * 1024)
            started = time.perf_counter()
            stored = sum(o.status == "stored" for o in ingestor.ingest(expand([tmp])))
            elapsed = time.perf_counter() - started
            db.close()
            print(
                f"  {backend:<10} {stored:>7,} stored in {elapsed:6.1f} s = "
                f"{stored / elapsed:6.0f} reports/s (target >= 300 on SQLite)"
            )


def load(db: Database, n: int) -> None:
    with db.read() as s:
        have = count_reports(s)
    if have >= n:
        print(f"    reusing {have:,} stored reports")
        return
    started = time.perf_counter()
    batch = 1000
    reports = generate_reports(n, seed=7)
    for _ in range(have):
        next(reports)
    done = have
    while done < n:
        with db.transaction() as s:
            for _, (_, data) in zip(range(batch), reports, strict=False):
                add_report(s, read_bytes(data, "bench.txt"), ingested_by="bench")
                done += 1
        if done % 20000 == 0:
            print(f"    loaded {done:,} ({time.perf_counter() - started:.0f} s)")
    print(f"    loaded {n - have:,} reports in {time.perf_counter() - started:.0f} s")
    with db.transaction() as s:
        # What autovacuum (PostgreSQL) or PRAGMA optimize (SQLite) would do after a big load.
        s.execute(text("PRAGMA optimize" if db.is_sqlite else "ANALYZE"))


def queries(k: int) -> list[str]:
    """Names, phrases, prefixes and words as users type them, from reports in the corpus."""
    rng = random.Random(11)
    out: list[str] = []
    samples = [data.decode() for _, data in generate_reports(400, seed=7)]
    for i in range(k):
        body = rng.choice(samples)
        title = body.splitlines()[1].removeprefix("TITLE: ")
        name = title.split(": ", 1)[1].split(" of the ")[0]
        parts = name.split()
        words = [w for w in re.findall(r"[A-Za-z]{5,}", body)]
        kind = i % 6
        if kind == 0:
            out.append(name)
        elif kind == 1:
            out.append(f'"{name}"')
        elif kind == 2:
            out.append(parts[-1][: max(3, len(parts[-1]) - 2)] + "*")
        elif kind == 3:
            out.append(" ".join(rng.sample(words, 2)))
        elif kind == 4:
            out.append(f"{parts[-1]} {rng.choice(words)}")
        else:
            out.append(rng.choice(words))
    return out


def bench_search(n: int, names: list[str], k: int) -> None:
    print(f"Full-text search: {k} queries over {n:,} reports (target p95 <= 50 ms)")
    qs = queries(k)
    for backend, url in backends(names, f"search{n}", fresh=False):
        db = Database(url)
        db.migrate()
        load(db, n)
        timings = []
        hits = 0
        for q in qs[:10]:  # warm the caches
            with db.read() as s:
                search(s, q)
        for q in qs:
            started = time.perf_counter()
            with db.read() as s:
                res = search(s, q, limit=20)
            timings.append((time.perf_counter() - started) * 1000)
            hits += res.total > 0
        db.close()
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"  {backend:<10} p50 {statistics.median(timings):6.1f} ms  p95 {p95:6.1f} ms  "
            f"max {timings[-1]:6.1f} ms  ({hits}/{len(qs)} queries found something)"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--ingest", type=int, default=10_000, help="reports to ingest (0: skip)")
    ap.add_argument("--search", type=int, default=100_000, help="reports to search (0: skip)")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--backends", default="sqlite,postgresql")
    args = ap.parse_args()
    names = [b.strip() for b in args.backends.split(",") if b.strip()]
    if args.ingest:
        bench_ingest(args.ingest, names)
    if args.search:
        bench_search(args.search, names, args.queries)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
