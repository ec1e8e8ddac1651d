"""Public pages under load: 50 readers without pauses, on each backend (issue 14, item 11).

    python bench/bench_public.py                 # 2,000 reports, 2,000 cases, 1,000 published
    python bench/bench_public.py --backend sqlite --requests 1000

Loads generated reports as bench_web.py does (one person per case, every other case
published; cached under bench/out/ or a PostgreSQL schema), serves them with the real
server (``vigil.web:create_app``, one process) and has ``--clients`` anonymous readers ask,
each without pausing, for the public pages at random: home (the public case list), home
filtered, one dossier, organisations, one organisation, laws, one law, alerts. Prints p50,
p95 and max per page and the errors; target: p95 under 1 s on every page, no errors.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from pathlib import Path
from urllib.parse import quote_plus

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import backends
from bench_web import load_cases, print_figures, serving

TARGET_MS = 1000.0


def pages(base: str, published: list[int]) -> list[str]:
    """The public pages a reader visits, with real organisations and articles."""
    with httpx.Client(base_url=base, timeout=300) as c:
        orgs = [o["name"] for o in c.get("/api/organizations").json()["organizations"][:20]]
        laws = [a["article"] for a in c.get("/api/laws").json()["articles"][:20]]
    paths = ["/", "/?country=KZ", "/organizations", "/laws", "/alerts"]
    paths += [f"/cases/{i}" for i in published[:50]]
    paths += [f"/organizations/view?name={quote_plus(o)}" for o in orgs if o]
    paths += [f"/laws/view?article={quote_plus(str(a))}" for a in laws if a]
    return paths


def kind(path: str) -> str:
    if path.startswith("/cases/"):
        return "/cases/ID"
    return path.split("=")[0] + ("=..." if "=" in path else "")


async def run_load(
    base: str, paths: list[str], clients: int, requests: int
) -> dict[str, list[float]]:
    rng = random.Random(7)
    times: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    per_client = max(requests // clients, 1)
    pool = [httpx.AsyncClient(base_url=base, timeout=120) for _ in range(clients)]

    async def one(client: httpx.AsyncClient) -> None:
        for _ in range(per_client):
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                ok = (await client.get(path)).status_code == 200
            except httpx.HTTPError:
                ok = False
            times.setdefault(kind(path), []).append((time.perf_counter() - started) * 1000)
            errors[kind(path)] = errors.get(kind(path), 0) + (not ok)
        await client.aclose()

    started = time.perf_counter()
    await asyncio.gather(*(one(c) for c in pool))
    times["_elapsed"] = [time.perf_counter() - started]
    times["_errors"] = [float(sum(errors.values()))]
    for name, n in sorted(errors.items()):
        if n:
            print(f"    {name}: {n} errors")
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=2000, help="in all, per backend")
    ap.add_argument("--backend", action="append", choices=["sqlite", "postgresql"])
    ap.add_argument("--fresh", action="store_true", help="reload even when cached")
    args = ap.parse_args()
    names = args.backend or ["sqlite", "postgresql"]
    print(f"Public pages: {args.reports:,} reports, {args.cases:,} cases (half published), "
          f"{args.clients} readers without pauses, {args.requests:,} pages a backend")  # fmt: skip
    failed = False
    purpose = f"public_{args.reports}_{args.cases}"
    for backend, url in backends(names, purpose, fresh=args.fresh):
        print(f"  {backend}")
        _, published = load_cases(url, args.reports, args.cases)
        with serving(url, 1) as base:
            paths = pages(base, published)
            times = asyncio.run(run_load(base, paths, args.clients, args.requests))
        failed |= print_figures(times, TARGET_MS, 26)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
