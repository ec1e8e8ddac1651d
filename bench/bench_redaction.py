"""Redaction benchmark: recall per category on tests/redaction/phrasings.yaml, false alarms
on tests/redaction/negatives.yaml and per sentence on the evaluation sets' reports.

    python bench/bench_redaction.py              # figures
    python bench/bench_redaction.py --misses     # and every miss and false alarm

Targets (issue 14): recall >= 0.95 per category, false alarms <= 0.05.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vigil.redaction import policy  # noqa: E402
from vigil.redaction.score import false_alarms, recall, report_alarms  # noqa: E402

DATA = ROOT / "tests" / "redaction"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", type=Path, default=Path("/work/shared/eval/dev"))
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    rules = policy()
    phrasings = yaml.safe_load((DATA / "phrasings.yaml").read_text(encoding="utf-8"))
    started = time.perf_counter()
    ok = True
    for category, tally in recall(rules, phrasings).items():
        ok &= tally.rate >= 0.95
        print(f"recall {category:14} {tally.hits:4}/{tally.total:<4} {tally.rate:.3f}")
        for miss in tally.misses if args.misses else ():
            print(f"    missed: {miss}")
    negatives = yaml.safe_load((DATA / "negatives.yaml").read_text(encoding="utf-8"))
    neg = false_alarms(rules, [*negatives["places"], *negatives["sentences"]])
    folders = sorted(p for p in (ROOT / "tests" / "eval").iterdir() if p.is_dir())
    folders += [args.dev] if args.dev.is_dir() else []
    confidential = yaml.safe_load((DATA / "confidential_in_reports.yaml").read_text("utf-8"))
    reports = report_alarms(rules, folders, confidential)
    for label, tally in (("negatives", neg), ("report sentences", reports)):
        ok &= tally.rate <= 0.05
        print(f"false alarms {label:18} {tally.hits:4}/{tally.total:<5} {tally.rate:.3f}")
        for miss in tally.misses if args.misses else ():
            print(f"    withheld: {miss}")
    print(f"({time.perf_counter() - started:.1f} s; folders: {', '.join(f.name for f in folders)})")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
