"""Vigil: structured, source-linked case records from reports about people at risk."""

import os

# Vigil's matrix products are small (natasha's Russian NER multiplies a few hundred words
# at a time): OpenBLAS's worker threads cost more in waiting on each other than they save,
# seven times the work on a busy 2-core machine (measured). One thread, unless the
# installation says otherwise; read by OpenBLAS when numpy loads, so set before any import.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
