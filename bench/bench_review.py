"""Review workbench benchmark: the review page of a 1,500-word report with 80 facts, and the
report queue, in a database of generated reports, on each backend.

    python bench/bench_review.py --quick                # 2,000 reports, a minute
    python bench/bench_review.py                        # 100,000 reports (loaded once, cached)
    python bench/bench_review.py --reports 20000 --backend sqlite

Loading (timed, not part of the figures): generated 300-word reports with three claims each
(bench_web's generator) stored by the real ``add_report`` and ``sync_claims`` (which keeps
each report's review progress), 2,000 a transaction, cached under bench/out/ (SQLite) or in
a schema (PostgreSQL) of this benchmark's own; then one 1,500-word report with 80 facts of
every kind the record shows. Measured: the real server (uvicorn, ``vigil.web:create_app``)
on loopback, one reviewer asking in turn for the review page (``/review/reports/N``), its
JSON twin, and the queue (``/review/reports``, newest and most urgent first, a state
filter). Prints p50, p95 and max per page; target: review page p95 <= 150 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import backends
from bench_web import PASSWORD, Claim, login, p95, serving, store_reports
from corpus import make_report

from vigil.sources import read_bytes
from vigil.store.accounts import add_user
from vigil.store.claims import sync_claims
from vigil.store.db import Database
from vigil.store.reports import add_report, count_reports, find_by_sha

TARGET_MS = 150.0
KINDS = ("person", "organization", "event", "charge", "sentence", "alias", "affiliation",
         "event", "birth_date", "relative")  # fmt: skip
EVENTS = ("arrest", "detention", "search", "trial", "sentence", "release", "threat", "attack")


def load(db: Database, n_reports: int) -> None:
    with db.read() as s:
        have = count_reports(s)
    store_reports(db, have, n_reports, max(n_reports // 5, 1), time.perf_counter())
    if have >= n_reports:
        print(f"    reusing {have:,} stored reports")
    with db.transaction() as s:
        if not s.scalar(text("SELECT count(*) FROM users WHERE name = 'bench'")):
            add_user(s, "bench", "reviewer", PASSWORD, actor="bench")
        s.execute(text("PRAGMA optimize" if db.is_sqlite else "ANALYZE"))


def big_report() -> tuple[bytes, list[Claim]]:
    """A 1,500-word report and 80 facts on its words, of every kind the record shows."""
    _, body = make_report(999_999, words=1500, seed=23)
    words, pos = [], 0
    for word in body.split():
        start = body.index(word, pos)
        pos = start + len(word)
        words.append((start, pos))
    persons = [f"Person {chr(65 + i)} Benchmark" for i in range(12)]
    claims: list[Claim] = []
    step = len(words) // 80
    for i in range(80):
        a, b = words[i * step][0], words[min(i * step + 2, len(words) - 1)][1]
        kind, who = KINDS[i % len(KINDS)], persons[i % len(persons)]
        value: dict[str, object]
        if kind == "person":
            value = {"name": who, "role": "victim"}
        elif kind == "organization":
            value = {"name": f"Organisation {i}", "kind": "ngo", "aliases": [f"Org {i}"]}
        elif kind == "event":
            value = {"type": EVENTS[i % len(EVENTS)], "date": f"2021-0{1 + i % 9}-1{i % 10}",
                     "place": "Almaty", "country": "KZ", "victims": [who],
                     "perpetrators": ["police"]}  # fmt: skip
        elif kind == "charge":
            value = {"person": who, "law": "Criminal Code", "article": str(100 + i),
                     "offence": "inciting discord", "country": "KZ"}  # fmt: skip
        elif kind == "sentence":
            value = {"person": who, "penalty": "imprisonment", "term_months": 12 + i}
        elif kind == "alias":
            value = {"person": who, "alias": f"{who.split()[1][0]}. Benchmark {i}"}
        elif kind == "affiliation":
            value = {"person": who, "organization": f"Organisation {i - 5}", "position": "editor"}
        elif kind == "birth_date":
            value = {"person": who, "birth_date": f"19{60 + i % 30}"}
        else:
            value = {"person": who, "relative": f"Relative {i}", "relation": "sister"}
        claims.append(Claim(kind, value, [(a, b)], key=f"big{i}"))
    return body.encode("utf-8"), claims


def add_big(db: Database) -> int:
    data, claims = big_report()
    doc = read_bytes(data, "bench-review-1500.txt")
    with db.transaction() as s:
        found = find_by_sha(s, doc.sha256)
        if found is not None:
            return found.id
        rid = add_report(s, doc, ingested_by="bench").report_id
        sync_claims(s, rid, claims, extractor="bench", actor="bench")
        return rid


def timed(client: httpx.Client, path: str, n: int) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        answer = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        if answer.status_code != 200:
            raise SystemExit(f"{path}: {answer.status_code}")
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200, help="per page, per backend")
    ap.add_argument("--backend", action="append", choices=["sqlite", "postgresql"])
    ap.add_argument("--quick", action="store_true", help="2,000 reports, 60 requests a page")
    ap.add_argument("--fresh", action="store_true", help="reload even when cached")
    args = ap.parse_args()
    if args.quick:
        args.reports, args.requests = 2000, 60
    print(f"Review workbench: {args.reports:,} stored reports, the review page of a "
          f"1,500-word report with 80 facts, {args.requests} requests a page")  # fmt: skip
    failed = False
    for backend, url in backends(args.backend or ["sqlite", "postgresql"],
                                 f"review_{args.reports}", fresh=args.fresh):  # fmt: skip
        print(f"  {backend}")
        db = Database(url)
        db.migrate()
        load(db, args.reports)
        rid = add_big(db)
        db.close()
        with (
            serving(url, 1) as base,
            httpx.Client(base_url=base, cookies=login(base), timeout=60) as client,
        ):
            pages = {
                "review page": f"/review/reports/{rid}",
                "review JSON": f"/api/review/reports/{rid}",
                "queue newest": "/review/reports",
                "queue urgent": "/review/reports?sort=urgent&state=not_started",
                "queue country": "/review/reports?country=KZ&since=2015",
            }
            for path in pages.values():  # warm up: templates, connections
                timed(client, path, 5)
            size = len(client.get(pages["review page"]).content)
            results = {name: timed(client, path, args.requests)
                       for name, path in pages.items()}  # fmt: skip
        print(f"    review page: {size / 1024:.0f} KB of HTML")
        for name, values in results.items():
            worst = p95(values)
            target = name == "review page"
            verdict = ("ok" if worst <= TARGET_MS else "OVER") if target else ""
            failed |= target and worst > TARGET_MS
            print(f"    {name:<14} p50 {statistics.median(values):6.1f} ms  p95 {worst:6.1f} ms"
                  f"  max {max(values):6.1f} ms"
                  + (f"  (target p95 <= {TARGET_MS:.0f}) {verdict}" if target else ""))  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
