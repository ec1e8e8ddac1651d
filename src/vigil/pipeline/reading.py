"""Reading inputs in a process of their own (the web's uploads).

Reading is bounded, but some hostile files take seconds of CPU to read (a page of 50,000
links: 17 s measured under load); in the web server's interpreter that time would be taken
from every page it serves at once. ``ReaderProcess`` reads in one spawned child process,
started on first use and kept: the server awaits the result without holding its
interpreter. A child that dies (out of memory on a bomb) fails that input alone; the next
read starts a new one.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from vigil.sources import read_bytes
from vigil.sources.document import SourceDocument


class ReaderProcess:
    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # spawn, not fork: the server has threads, and a fork copies their locks.
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            return self._pool

    async def read(self, data: bytes, name: str) -> SourceDocument:
        """``read_bytes(data, name)`` in the reader process; its errors are raised here."""
        pool = self._executor()
        try:
            return await asyncio.wrap_future(pool.submit(read_bytes, data, name))
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise

    def close(self) -> None:
        """Stop the reader process (reads under way fail)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
