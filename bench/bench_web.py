"""Web benchmark: dossier and search pages under 50 concurrent clients, on each backend.

    python bench/bench_web.py --quick                 # 2,000 reports / 400 cases, a minute
    python bench/bench_web.py                         # the issue's size: 100,000 / 20,000
    python bench/bench_web.py --reports 20000 --cases 4000 --backend sqlite

Loading (timed, not part of the figures): generated reports (bench/corpus.py) stored by the
real ``add_report`` and ``sync_claims`` (blobs, search index, claims), 2,000 a transaction,
each with synthetic claims (a person, an arrest, a charge) so that every case gathers
reports / cases reports; then folded into cases at once by ``vigil rebuild-cases``'s
``rebuild_cases`` (the same cases as ``update_report`` one report at a time, which took 1-2
hours at this size; here about 15 minutes per backend). Cached under bench/out/ (SQLite) or
in a schema (PostgreSQL) for the next run; ``--fresh`` loads again. Half the cases are
published. Measured: the real server (uvicorn, ``vigil.web:create_app``) on loopback,
``--clients`` concurrent HTTP clients (each pausing ``--think`` seconds between pages, as
a reader does; ``--think 0`` measures saturation instead), each asking in turn for an
internal dossier page (logged in), a public dossier page and a search page (full text + a
facet). Prints p50, p95 and max per page and the errors; target: p95 <= 150 ms, no errors.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import func, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import backends
from corpus import make_report

from vigil.sources import read_bytes
from vigil.store.accounts import add_user
from vigil.store.claims import sync_claims
from vigil.store.db import Database
from vigil.store.publications import Publication
from vigil.store.reports import add_report, count_reports

TARGET_MS = 150.0


def words(text_: str) -> list[str]:
    return text_.split()


PASSWORD = "bench password 123"
FIRST = words(
    "Aliya Timur Dana Ruslan Zarina Askar Madina Nurlan Gulnara Yerlan Saule Daniyar "
    "Olga Pavel Irina Sergei Natalia Andrei Maria Ivan Elena Dmitri Anna Maksim "
    "Hoang Linh Minh Thu Amina Omar Leila Karim Nadia Samir Yasmin Tariq"
)
LAST = words(
    "Sarsenbayev Nurlanov Amirov Zhumabekov Ospanov Tulegenov Kassymov Baimukhanov "
    "Ivanov Petrov Sidorov Kuznetsov Smirnov Popov Volkov Morozov Lebedev Kozlov "
    "Nguyen Tran Pham Hoang Vu Dang Bui Do Haddad Mansour Khalil Nasser Saleh Farouk "
    "Ramirez Lacsamana Mammadli Soliman Zhukovets Aliyev Karimova Rahimov"
)
SUFFIX = ("", "a", "ov", "ev", "in", "enko", "uly", "kyzy", "ovich", "ovna")


@dataclass
class Claim:
    kind: str
    value: dict[str, object]
    spans: list[tuple[int, int]]
    key: str = "bench"
    stage: str = "bench.v1"
    confidence: float = 0.9


def person_name(case: int) -> str:
    first = FIRST[case % len(FIRST)]
    last = LAST[(case // len(FIRST)) % len(LAST)]
    suffix = SUFFIX[(case // (len(FIRST) * len(LAST))) % len(SUFFIX)]
    return f"{first} {last}{suffix} {case:05d}"  # unique, so cases never merge by accident


def report_and_claims(index: int, n_cases: int) -> tuple[bytes, list[Claim]]:
    case = index % n_cases
    name = person_name(case)
    _, body = make_report(index, words=300, seed=11)
    lead = f"{name} was arrested in Almaty on 2021-0{1 + case % 9}-1{case % 10}. "
    text_ = lead + body
    art = str(100 + case % 300)
    claims = [
        Claim("person", {"name": name, "role": "journalist"}, [(0, len(name))]),
        Claim("event", {"type": "arrest", "date": f"2021-0{1 + case % 9}-1{case % 10}",
                        "victims": [name], "place": "Almaty", "country": "KZ"},
              [(len(name) + 1, len(name) + 14)]),
        Claim("charge", {"person": name, "law": "Criminal Code", "article": art,
                         "country": "KZ"}, [(0, len(lead))]),
    ]  # fmt: skip
    return text_.encode("utf-8"), claims


def store_reports(db: Database, have: int, n_reports: int, n_cases: int, started: float) -> None:
    """Store reports ``have`` to ``n_reports`` with their claims (``report_and_claims``),
    2,000 a transaction, saying how far it got every 10,000 (time since ``started``)."""
    done, batch = have, 2000
    while done < n_reports:
        with db.transaction() as s:
            for index in range(done, min(done + batch, n_reports)):
                data, claims = report_and_claims(index, n_cases)
                rid = add_report(s, read_bytes(data, "bench.txt"), ingested_by="bench").report_id
                sync_claims(s, rid, claims, extractor="bench", actor="bench")
                done += 1
        if done % 10000 == 0 or done == n_reports:
            elapsed = time.perf_counter() - started
            print(f"    stored {done:,} reports ({elapsed:.0f} s)", flush=True)


def load(db: Database, n_reports: int, n_cases: int) -> None:
    """Store the reports with their claims (the real ``add_report`` and ``sync_claims``:
    blobs, search index, claims), 2,000 a transaction, then fold them all into cases at
    once with ``rebuild_cases`` (what ``vigil rebuild-cases`` runs; it makes the cases
    ``update_report`` makes one report at a time, ``tests/cases/test_rebuild.py``)."""
    from vigil.cases.rebuild import rebuild_cases
    from vigil.store.cases import CaseDossierRow, CaseRow, PersonMentionRow

    with db.read() as s:
        have = count_reports(s)
        folded = s.scalar(select(func.count()).select_from(PersonMentionRow)) or 0
        live = select(func.count()).select_from(CaseRow).where(CaseRow.merged_into.is_(None))
        kept = s.scalar(select(func.count()).select_from(CaseDossierRow)) or 0
        complete = folded and kept >= (s.scalar(live) or 0)
    if have >= n_reports and complete:
        print(f"    reusing {have:,} stored reports")
        return
    # Cached by an older Vigil (no stored dossiers yet): the rebuild below stores them.
    started = time.perf_counter()
    store_reports(db, have, n_reports, n_cases, started)

    def progress(stage: str, done: int, total: int) -> None:
        if done == total or done % 10000 == 0:
            elapsed = time.perf_counter() - started
            print(f"    {stage}: {done:,} / {total:,} ({elapsed:.0f} s)", flush=True)

    with db.transaction() as s:
        result = rebuild_cases(s, progress=progress)
    print(f"    {result.mentions:,} mentions into cases, {result.cases:,} cases refreshed "
          f"({time.perf_counter() - started:.0f} s in all)")  # fmt: skip
    with db.transaction() as s:
        ids = list(s.scalars(select(CaseRow.id).where(CaseRow.merged_into.is_(None))))
        s.query(Publication).delete()
        s.add_all(Publication(case_id=i, published_by="bench") for i in ids[::2])
        if not s.scalar(text("SELECT count(*) FROM users WHERE name = 'bench'")):
            add_user(s, "bench", "reviewer", PASSWORD, actor="bench")
    with db.transaction() as s:
        s.execute(text("PRAGMA optimize" if db.is_sqlite else "ANALYZE"))


def load_cases(url: str, n_reports: int, n_cases: int) -> tuple[list[int], list[int]]:
    """Load (or reuse) the reports and cases on ``url``; every case id and the published."""
    db = Database(url)
    try:
        db.migrate()
        load(db, n_reports, n_cases)
        return case_ids(db)
    finally:
        db.close()


def case_ids(db: Database) -> tuple[list[int], list[int]]:
    from vigil.store.cases import CaseRow

    with db.read() as s:
        every = list(s.scalars(select(CaseRow.id).where(CaseRow.merged_into.is_(None))))
        published = list(s.scalars(select(Publication.case_id)))
        n = s.scalar(select(func.count()).select_from(CaseRow))
    print(f"    {n:,} case rows, {len(every):,} cases, {len(published):,} published")
    return every, published


def free_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    sock.close()
    return port


def wait_until_up(proc: subprocess.Popen[bytes], port: int, seconds: float, what: str) -> str:
    """The server's base URL once it answers; killed, and the benchmark stopped, if it does
    not within ``seconds``."""
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/session", timeout=2).status_code == 200:
                return base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"{what} did not start")


def start_server(url: str, home: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "VIGIL_DATABASE_URL": url, "VIGIL_HOME": str(home),
           "VIGIL_SECRET_KEY": "bench-" + "k" * 40}  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "vigil.web:create_app", "--factory",
         "--port", str(port), "--workers", str(workers), "--log-level", "warning",
         "--no-access-log"],
        env=env,
    )  # fmt: skip
    return proc, wait_until_up(proc, port, 60, "the server")


@contextmanager
def serving(url: str, workers: int) -> Iterator[str]:
    """The real server on ``url``'s database, in a home of its own, for the time of the
    block; its base URL."""
    with tempfile.TemporaryDirectory() as home:
        proc, base = start_server(url, Path(home), workers)
        try:
            yield base
        finally:
            proc.terminate()
            proc.wait(10)


def login(base: str) -> dict[str, str]:
    with httpx.Client(base_url=base) as c:
        form = c.get("/login").text
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', form)
        assert csrf
        c.post("/login", data={"name": "bench", "password": PASSWORD, "csrf": csrf[1]})
        return dict(c.cookies)


async def run_load(
    base: str, cookies: dict[str, str], every: list[int], published: list[int],
    clients: int, requests: int, think: float,
) -> dict[str, list[float]]:  # fmt: skip
    rng = random.Random(5)
    words = ["arrested", "journalist", "Almaty", "detained", "court"]
    times: dict[str, list[float]] = {"dossier": [], "public dossier": [], "search": []}
    errors: dict[str, int] = {k: 0 for k in times}
    per_client = max(requests // clients, 1)

    # Every client is made before the clock starts: making one costs the load generator
    # ~25 ms of CPU (an SSL context), and 100 made while the first pages were in flight
    # blocked its event loop for seconds, which showed as seconds of server latency.
    pairs = [
        (
            httpx.AsyncClient(base_url=base, cookies=cookies, timeout=60),
            httpx.AsyncClient(base_url=base, timeout=60),
        )
        for _ in range(clients)
    ]

    async def one(k: int) -> None:
        internal, public = pairs[k]
        for _ in range(per_client):
            # Each client keeps to one kind of page, on its own connection, like a person
            # browsing (alternating idle keep-alive connections adds TCP delays that are
            # the benchmark's, not the server's).
            kind = ("dossier", "public dossier", "search")[k % 3]
            if kind == "dossier":
                client, path = internal, f"/cases/{rng.choice(every)}"
            elif kind == "public dossier":
                client, path = public, f"/cases/{rng.choice(published)}"
            else:
                name = person_name(rng.randrange(len(every))).split()[1]
                client = internal
                path = f"/search?q={rng.choice(words)}+{name}&country=KZ"
            started = time.perf_counter()
            try:
                answer = await client.get(path)
                ok = answer.status_code == 200
            except httpx.HTTPError:
                ok = False
            times[kind].append((time.perf_counter() - started) * 1000)
            errors[kind] += not ok
            if think:
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
        await internal.aclose()
        await public.aclose()

    async with httpx.AsyncClient(base_url=base, cookies=cookies, timeout=60) as internal:
        # Warm up (not measured): each server process opens its connections, loads the
        # city coordinates for maps and compiles its templates on its first pages.
        for _ in range(10):
            await internal.get(f"/cases/{every[0]}")
            await internal.get("/search?q=arrested&country=KZ")
        started_all = time.perf_counter()
        await asyncio.gather(*(one(k) for k in range(clients)))
    times["_errors"] = [float(sum(errors.values()))]
    times["_elapsed"] = [time.perf_counter() - started_all]
    for kind, n in errors.items():
        if n:
            print(f"    {kind}: {n} errors")
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


def print_figures(times: dict[str, list[float]], target_ms: float, width: int) -> bool:
    """Print pages per second, then p50, p95 and max per kind of page (in ms) and the
    errors, from what ``run_load`` measured; True when a p95 or the errors miss the target."""
    errors = int(times.pop("_errors")[0])
    elapsed = times.pop("_elapsed")[0]
    total = sum(len(v) for v in times.values())
    print(f"    {total:,} pages in {elapsed:.1f} s = {total / elapsed:.0f} pages/s")
    failed = False
    for kind, values in sorted(times.items()):
        worst = p95(values)
        verdict = "ok" if worst <= target_ms else "OVER"
        failed |= worst > target_ms
        print(f"    {kind:<{width}} n={len(values):>5}  p50 {statistics.median(values):6.1f} ms  "
              f"p95 {worst:6.1f} ms  max {max(values):7.1f} ms  "
              f"(target p95 <= {target_ms:.0f}) {verdict}")  # fmt: skip
    print(f"    errors: {errors} (target 0)")
    return failed or errors > 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=100_000)
    ap.add_argument("--cases", type=int, default=20_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=3000, help="in all, per backend")
    ap.add_argument(
        "--workers", type=int, default=1,
        help="server processes (on 2 cores, 2 processes answered ~40 ms slower each)",
    )  # fmt: skip
    ap.add_argument(
        "--think", type=float, default=1.0,
        help="seconds each client pauses between pages, on average, like a reader "
        "(0: every client asks again at once, which measures saturation, not latency)",
    )  # fmt: skip
    ap.add_argument("--backend", action="append", choices=["sqlite", "postgresql"])
    ap.add_argument("--quick", action="store_true", help="2,000 reports / 400 cases")
    ap.add_argument("--fresh", action="store_true", help="reload even when cached")
    args = ap.parse_args()
    if args.quick:
        args.reports, args.cases, args.requests = 2000, 400, 1500
    names = args.backend or ["sqlite", "postgresql"]
    purpose = f"web_{args.reports}_{args.cases}"
    print(f"Web pages: {args.reports:,} reports, {args.cases:,} cases, {args.clients} clients, "
          f"{args.workers} server processes, think time {args.think:g} s")  # fmt: skip
    failed = False
    for backend, url in backends(names, purpose, fresh=args.fresh):
        print(f"  {backend}")
        every, published = load_cases(url, args.reports, args.cases)
        with serving(url, args.workers) as base:
            cookies = login(base)
            times = asyncio.run(
                run_load(base, cookies, every, published, args.clients, args.requests, args.think)
            )
        failed |= print_figures(times, TARGET_MS, 15)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
