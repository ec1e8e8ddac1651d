"""The hostile-input set (bench/hostile.py) through ``vigil ingest``'s path, extraction on.

    .venv/bin/python bench/bench_hostile.py [--small] [--keep DIR] [--only GLOB ...]

Generates the set (>= 300 files) in a temporary folder, ingests each file with extraction
on (the default budget, VIGIL_EXTRACT_BUDGET_SECONDS) into a temporary SQLite database,
and prints: crashes (an exception out of the ingest of one input), aborts (inputs never
reached), stored, stored with a warning, refused (each refusal must be one line naming
the file), the slowest files' times (wall clock, and the CPU seconds this process spent:
on a loaded machine the wall clock measures the load as much as the work) and the peak
memory of the process. Exit 1 when
there is a crash, an abort or a refusal that does not name its file.
"""

from __future__ import annotations

import argparse
import fnmatch
import importlib.util
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent


def hostile_set() -> ModuleType:
    """``bench/hostile.py``, which makes the set of hostile files."""
    spec = importlib.util.spec_from_file_location("bench_hostile_set", HERE / "hostile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="one file per kind, small sizes")
    parser.add_argument("--keep", help="write the set here and keep it")
    parser.add_argument(
        "--only", nargs="+", metavar="GLOB", help="ingest only the files whose name matches"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp) / "hostile"
        os.environ["VIGIL_HOME"] = str(Path(tmp) / "home")
        paths = hostile_set().make(folder, small=args.small)
        if args.only:
            paths = [p for p in paths if any(fnmatch.fnmatch(p.name, g) for g in args.only)]
        from vigil.pipeline.extraction import ExtractionStage, update_cases
        from vigil.pipeline.ingest import Ingestor
        from vigil.pipeline.inputs import expand
        from vigil.settings import get_settings
        from vigil.store.db import Database

        settings = get_settings()
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        db.migrate()
        stage = ExtractionStage(
            actor="bench", model=settings.spacy_model, budget=settings.extract_budget_seconds
        )
        stage.extractor.extract("Ivan Petrov was detained in Minsk on 2 May 2021.")  # warm up
        ingestor = Ingestor(
            db,
            actor="bench",
            max_bytes=settings.max_report_bytes,
            after_store=[stage, update_cases],
        )
        counts = {"crash": 0, "stored": 0, "warned": 0, "refused": 0, "unnamed": 0}
        times: list[tuple[float, str]] = []
        cpu: list[tuple[float, str]] = []
        peak = (0.0, "")
        done = 0
        for item in expand([str(p) for p in paths]):
            started, cpu_started = time.perf_counter(), time.process_time()
            try:
                outcome = ingestor.ingest_one(item)
            except Exception as exc:  # what the batch would have died of
                counts["crash"] += 1
                print(f"   CRASH {item.name}: {type(exc).__name__}", flush=True)
                continue
            finally:
                times.append((time.perf_counter() - started, Path(item.name).name))
                cpu.append((time.process_time() - cpu_started, Path(item.name).name))
                done += 1
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                if rss > peak[0] + 50:  # where the peak memory grew
                    peak = (rss, Path(item.name).name)
            if outcome.status == "rejected":
                counts["refused"] += 1
                line = outcome.error or ""
                if Path(item.name).name not in line or "\n" in line:
                    counts["unnamed"] += 1
                    print(f"   UNNAMED refusal for {item.name}: {line!r}")
            else:
                counts["stored"] += 1
                tree = [outcome, *outcome.children]
                counts["warned"] += any(o.warnings for o in tree)
        db.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    times.sort(reverse=True)
    cpu.sort(reverse=True)
    aborts = len(paths) - done
    print(
        f"   {len(paths)} hostile files: {counts['crash']} crashes, {aborts} aborts, "
        f"{counts['stored']} stored ({counts['warned']} with a warning), "
        f"{counts['refused']} refused ({counts['unnamed']} without the file's name)"
    )
    slowest = ", ".join(f"{name} {secs:.1f} s" for secs, name in times[:5])
    print(f"   slowest: {slowest}")
    over = [f"{name} {secs:.1f} s" for secs, name in times if secs > 10]
    print(f"   over 10 s: {len(over)}{': ' if over else ''}{', '.join(over)}")
    slowest = ", ".join(f"{name} {secs:.1f} s" for secs, name in cpu[:5])
    print(f"   most CPU: {slowest}")
    over = [f"{name} {secs:.1f} s" for secs, name in cpu if secs > 10]
    print(f"   over 10 s of CPU: {len(over)}{': ' if over else ''}{', '.join(over)}")
    print(f"   peak RSS {peak_mb:.0f} MB (last grew by 50 MB or more at {peak[1]})")
    bad = counts["crash"] or aborts or counts["unnamed"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
