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
