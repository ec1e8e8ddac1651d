"""Reading inputs in a process of their own (the web's uploads).

Reading is bounded, but some hostile files take seconds of CPU to read (a page of 50,000
links: 17 s measured under load); in the web server's interpreter that time would be taken
from every page it serves at once. ``ReaderProcess`` reads in one spawned child process,
started on first use and kept: the server awaits the result without holding its
interpreter. A child that dies (out of memory on a bomb) fails that input alone; the next
read starts a new one. A read that takes longer than VIGIL_READ_TIMEOUT_SECONDS is
refused with one line naming the file, and its child is killed (a reader stuck in a loop
would otherwise hold the reader process for every later upload).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from vigil.errors import UnreadableInput
from vigil.settings import get_settings
from vigil.sources import read_bytes
from vigil.sources.document import SourceDocument

Read = Callable[[bytes, str], SourceDocument]


class ReaderProcess:
    """``read`` is ``read_bytes`` (tests give a slow one); it runs in the child, so it must
    be a module-level function. Each read may take VIGIL_READ_TIMEOUT_SECONDS (as set
    when it starts; 0: no limit)."""

    def __init__(self, *, read: Read = read_bytes) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._read = read

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # spawn, not fork: the server has threads, and a fork copies their locks.
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            return self._pool

    async def read(self, data: bytes, name: str) -> SourceDocument:
        """``read_bytes(data, name)`` in the reader process; its errors are raised here,
        and UnreadableInput when it takes longer than the time limit."""
        limit = get_settings().read_timeout_seconds
        pool = self._executor()
        try:
            future = asyncio.wrap_future(pool.submit(self._read, data, name))
            return await asyncio.wait_for(future, limit if limit > 0 else None)
        except TimeoutError:
            self._kill(pool)
            raise UnreadableInput(
                f"reading took longer than {limit:g} s (VIGIL_READ_TIMEOUT_SECONDS); "
                "the input is refused",
                subject=name,
            ) from None
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise

    def _kill(self, pool: ProcessPoolExecutor) -> None:
        """Stop ``pool``'s child in the middle of a read; the next read starts a new one."""
        with self._lock:
            if self._pool is pool:
                self._pool = None
        children = list(pool._processes.values())  # shutdown() does not stop a busy child
        pool.shutdown(wait=False, cancel_futures=True)
        for child in children:
            child.kill()
            child.join(5)

    def close(self) -> None:
        """Stop the reader process (reads under way fail)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
