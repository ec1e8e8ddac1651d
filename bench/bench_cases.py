"""Cases benchmark: person mentions stored and resolved into cases the way ingest does it
(one report at a time, incrementally), on SQLite and PostgreSQL.

    python bench/bench_cases.py                  # 20,000 mentions (4,000 people x 5)
    python bench/bench_cases.py --people 20000   # 100,000 mentions

Prints mentions/s, peak RSS and the pairwise precision/recall of the cases against the
generated truth (the in-memory resolver alone: bench/bench_resolve.py).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_resolve import generate
from bench_store import backends

from vigil.cases import update_report
from vigil.sources.document import OffsetMap, SourceDocument
from vigil.store.cases import PersonMentionRow
from vigil.store.claims import sync_claims
from vigil.store.db import Database
from vigil.store.reports import add_report


@dataclass
class Claim:
    kind: str
    value: dict[str, Any]
    spans: list[tuple[int, int]] = field(default_factory=lambda: [(0, 4)])
    key: str = "k"
    stage: str = "bench.v1"
    confidence: float = 0.8


def reports(people: int, variants: int, per_report: int) -> list[list[tuple[str, Any, int]]]:
    mentions, truth = generate(people, variants)
    order = list(range(len(mentions)))
    random.Random(3).shuffle(order)
    out = []
    for start in range(0, len(order), per_report):
        chunk = order[start : start + per_report]
        out.append([(f"b{start}-{i}", mentions[i], truth[i]) for i in chunk])
    return out


def run(url: str, batches: list[list[tuple[str, Any, int]]]) -> None:
    db = Database(url)
    db.migrate()
    started = time.perf_counter()
    expected: dict[str, int] = {}
    total = 0
    for n, batch in enumerate(batches):
        text = " ".join(m.name for _, m, _ in batch)
        raw = f"bench report {n}: {text}".encode()
        offsets = OffsetMap()
        offsets.add(0, len(raw), 0, len(raw))
        doc = SourceDocument(raw, f"b{n}.txt", "text/plain", raw.decode(), offsets, "text.v1")
        claims = []
        for _, m, _who in batch:
            claims.append(Claim("person", {"name": m.name, "role": "victim"}))
            if m.birth_date:
                claims.append(Claim("birth_date", {"person": m.name, "birth_date": m.birth_date}))
            arrest = {"type": "arrest", "date": "2020-01-01", "victims": [m.name]}
            claims.append(Claim("event", {**arrest, "perpetrators": [], "evidence": ""}))
        with db.transaction() as s:
            rid = add_report(s, doc, ingested_by="bench").report_id
            sync_claims(s, rid, claims, extractor="bench", actor="bench")
            update_report(s, rid)
        for _, m, who in batch:
            expected[f"{rid}:{m.name}"] = who
        total += len(batch)
    elapsed = time.perf_counter() - started
    with db.read() as s:
        rows = s.query(PersonMentionRow.report_id, PersonMentionRow.name, PersonMentionRow.case_id)
        found = {f"{r}:{name}": case for r, name, case in rows}
    db.close()
    by_case: dict[int, list[str]] = defaultdict(list)
    by_truth: dict[int, list[str]] = defaultdict(list)
    for key, who in expected.items():
        if key in found and found[key] is not None:
            by_case[found[key]].append(key)
        by_truth[who].append(key)
    pred = {frozenset(p) for g in by_case.values() for p in combinations(sorted(g), 2)}
    gold = {frozenset(p) for g in by_truth.values() for p in combinations(sorted(g), 2)}
    tp = len(pred & gold)
    precision = tp / len(pred) if pred else 1.0
    recall = tp / len(gold) if gold else 1.0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  {total:,} mentions in {len(batches):,} reports: {elapsed:6.1f} s = "
        f"{total / elapsed:5.0f} mentions/s, {len(by_case):,} cases, peak RSS {rss:.0f} MB; "
        f"pairwise precision {precision:.3f} recall {recall:.3f}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--people", type=int, default=4000)
    ap.add_argument("--variants", type=int, default=5)
    ap.add_argument("--per-report", type=int, default=5)
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--quick", action="store_true", help="1,000 people")
    args = ap.parse_args()
    people = 1000 if args.quick else args.people
    batches = reports(people, args.variants, args.per_report)
    print(f"Cases: {people * args.variants:,} person mentions of {people:,} people, stored and "
          "resolved report by report")  # fmt: skip
    for backend, url in backends(args.backends.split(","), "cases", fresh=True):
        print(f" {backend}:", flush=True)
        run(url, batches)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
