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
    # (script, arguments at full size, arguments with --quick)
    ("bench_store.py", [], ["--ingest", "1000", "--search", "10000"]),
    ("bench_extract.py", [], ["--quick"]),
    ("bench_resolve.py", [], ["--quick"]),
    ("bench_cases.py", [], ["--quick"]),
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
