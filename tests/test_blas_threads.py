"""Vigil runs OpenBLAS on one thread unless told otherwise: natasha's small matrix products
were 7x slower with worker threads waiting on each other on a busy 2-core machine."""

from __future__ import annotations

import os
import subprocess
import sys


def _threads(env: dict[str, str]) -> str:
    code = "import vigil, os; print(os.environ['OPENBLAS_NUM_THREADS'])"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True)
    return out.stdout.decode().strip()


def test_one_blas_thread_unless_the_installation_says_otherwise() -> None:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    assert _threads(env) == "1"
    assert _threads({**env, "OPENBLAS_NUM_THREADS": "4"}) == "4"
