"""``make bench``: every benchmark the issues ask for, one after another, figures printed.

python bench/run.py            # all, at the issues' sizes
python bench/run.py --quick    # smaller sizes, for a first look
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

BENCHES: list[tuple[str, list[str], list[str]]] = [
    # (script, arguments at the issues' sizes, arguments with --quick)
    ("bench_store.py", [], ["--ingest", "1000", "--search", "10000"]),
    ("bench_extract.py", ["--docs", "200", "--rounds", "3"], ["--docs", "40", "--rounds", "1"]),
    (
        "bench_extract.py",
        ["--docs", "200", "--rounds", "3", "--processes", "2"],
        ["--docs", "40", "--rounds", "1", "--processes", "2"],
    ),
    ("bench_resolve.py", [], ["--quick"]),
    ("bench_cases.py", [], ["--quick"]),
    ("bench_web.py", [], ["--quick"]),
    ("bench_review.py", [], ["--quick"]),
    ("bench_public.py", [], ["--requests", "1000"]),
    ("bench_redaction.py", [], []),
    ("bench_hostile.py", [], ["--small"]),
    ("bench_upload.py", [], ["--small", "--reports", "500", "--cases", "100"]),
    ("bench_alerts.py", [], ["--subscribers", "1000", "--webhooks", "10"]),
    (
        "bench_alerts.py",
        ["--postgres"],
        ["--postgres", "--subscribers", "1000", "--webhooks", "10"],
    ),
]


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    failed = 0
    for script, full, small in BENCHES:
        path = HERE / script
        if not path.exists():
            print(f"== {script}: not present, skipped")
            continue
        print(f"== {script}", flush=True)
        started = time.perf_counter()
        rc = subprocess.call([sys.executable, str(path), *(small if quick else full)])
        print(f"   ({time.perf_counter() - started:.0f} s, exit {rc})", flush=True)
        failed += rc != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
