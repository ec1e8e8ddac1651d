"""Reading in a process of its own (the web's uploads): the same document or error as
reading in place, a reader process that dies fails one input, not the next, and a read
past the time limit is refused with one line naming the file."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from concurrent.futures.process import BrokenProcessPool

import pytest

from vigil.errors import UnreadableInput, UnsupportedFormat
from vigil.pipeline.reading import ReaderProcess
from vigil.sources import read_bytes
from vigil.sources.document import SourceDocument

TEXT = b"On 12 March 2021 the journalist Aigerim Tulegenova was detained in Almaty."


def test_reading_in_the_reader_process_is_reading_in_place() -> None:
    reader = ReaderProcess()
    try:
        doc = asyncio.run(reader.read(TEXT, "a.txt"))
        here = read_bytes(TEXT, "a.txt")
        assert (doc.text, doc.sha256, doc.reader, doc.language) == (
            here.text, here.sha256, here.reader, here.language,
        )  # fmt: skip
        with pytest.raises(UnsupportedFormat) as refused:
            asyncio.run(reader.read(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "p.png"))
        assert refused.value.message == "unsupported format: PNG image"
    finally:
        reader.close()


def test_a_reader_process_that_dies_fails_one_input_only() -> None:
    reader = ReaderProcess()
    try:
        asyncio.run(reader.read(TEXT, "a.txt"))
        pool = reader._pool
        assert pool is not None
        for pid in list(pool._processes):  # type: ignore[attr-defined]
            os.kill(pid, signal.SIGKILL)  # as the kernel does to a process out of memory
        with pytest.raises(BrokenProcessPool):
            asyncio.run(reader.read(TEXT, "b.txt"))
        assert asyncio.run(reader.read(TEXT, "c.txt")).text.startswith("On 12 March")
    finally:
        reader.close()


def stuck(data: bytes, name: str) -> SourceDocument:
    """A reader that never finishes on ``stuck.txt`` (in the reader process)."""
    while name == "stuck.txt":
        time.sleep(1)
    return read_bytes(data, name)


def test_a_read_past_the_time_limit_is_refused_and_its_process_stopped(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    reader = ReaderProcess(read=stuck)
    try:
        # No limit while the child starts (spawning it takes seconds on a busy machine).
        monkeypatch.setenv("VIGIL_READ_TIMEOUT_SECONDS", "0")
        asyncio.run(reader.read(TEXT, "a.txt"))
        pool = reader._pool
        assert pool is not None
        children = list(pool._processes.values())
        monkeypatch.setenv("VIGIL_READ_TIMEOUT_SECONDS", "1.5")
        with pytest.raises(UnreadableInput) as refused:
            asyncio.run(reader.read(TEXT, "stuck.txt"))
        assert str(refused.value) == (
            "stuck.txt: reading took longer than 1.5 s (VIGIL_READ_TIMEOUT_SECONDS); the "
            "input is refused [E104]"
        )
        assert [child.is_alive() for child in children] == [False]
        monkeypatch.setenv("VIGIL_READ_TIMEOUT_SECONDS", "0")
        assert asyncio.run(reader.read(TEXT, "c.txt")).text.startswith("On 12 March")
    finally:
        reader.close()
