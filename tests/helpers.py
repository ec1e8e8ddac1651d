"""Running the real ``vigil`` command in tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

VIGIL = [sys.executable, "-m", "vigil.cli.main"]


def vigil(
    *args: str | Path, env: dict[str, str], stdin: bytes | None = None, check: bool = False
) -> subprocess.CompletedProcess[bytes]:
    proc = subprocess.run(
        [*VIGIL, *map(str, args)], env=env, input=stdin, capture_output=True, timeout=300
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"vigil {args} failed: {proc.stderr.decode(errors='replace')}")
    return proc


_STAGES: dict[str, object] = {}


def extract_queued(db: object, **options: object) -> object:
    """Do every queued extraction job now, in this process (what the worker process
    does for ``vigil serve``): for tests that upload through the web and then need the
    facts. The model is loaded once per test session."""
    from vigil.pipeline.extraction import ExtractionStage
    from vigil.pipeline.jobworker import ExtractionWorker

    if "stage" not in _STAGES:
        _STAGES["stage"] = ExtractionStage(actor="vigil-web", budget=8)
    stage = _STAGES["stage"]
    return ExtractionWorker(db, stage, **options).drain()  # type: ignore[arg-type]
