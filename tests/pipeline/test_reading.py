"""Reading in a process of its own (the web's uploads): the same document or error as
reading in place, and a reader process that dies fails one input, not the next."""

from __future__ import annotations

import asyncio
import os
import signal
from concurrent.futures.process import BrokenProcessPool

import pytest

from vigil.errors import UnsupportedFormat
from vigil.pipeline.reading import ReaderProcess
from vigil.sources import read_bytes

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
