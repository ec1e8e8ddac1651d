"""Timing of the readers (not a test): `.venv/bin/python tests/sources/bench_readers.py`."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from vigil.sources import read_bytes
from vigil.sources.decoding import decode
from vigil.sources.language import detect_language
from vigil.sources.textmap import normalise

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from pdfmaker import text_pdf  # noqa: E402

SENTENCE = "The defender was detained by police after the protest and charged with extremism. "


def per_call_ms(f: Callable[[], object], n: int) -> float:
    f()
    t0 = time.perf_counter()
    for _ in range(n):
        f()
    return (time.perf_counter() - t0) / n * 1000


def main() -> None:
    body = (SENTENCE * 50).encode()  # 650 words
    data = b"URL: https://x.org/a\nTITLE: T\nPUBLISHED: 2024-07-22\n\n" + body
    d = decode(data)
    ru = ("Правозащитник был задержан полицией после акции, сообщил его адвокат. " * 60).encode()
    page = (HERE / "sample_page.html").read_bytes()
    deep = b"<html><body>" + b"<div>" * 100_000 + b"text" + b"</div>" * 100_000
    pdf = text_pdf([SENTENCE * 25] * 200)
    rows = [
        ("txt 650 words, read_bytes", per_call_ms(lambda: read_bytes(data, "a.txt"), 500)),
        ("  of which decode", per_call_ms(lambda: decode(data), 500)),
        ("  of which normalise", per_call_ms(lambda: normalise(d.text, d.encode, 0), 500)),
        ("  of which detect_language", per_call_ms(lambda: detect_language(d.text), 500)),
        ("detect_language ru 600 words", per_call_ms(lambda: detect_language(ru.decode()), 500)),
        (
            "txt cp1251 600 words",
            per_call_ms(lambda: read_bytes(ru.decode().encode("cp1251"), "r.txt"), 30),
        ),
        ("html article page", per_call_ms(lambda: read_bytes(page, "p.html"), 20)),
        ("html 100k nested divs", per_call_ms(lambda: read_bytes(deep, "d.html"), 1)),
        ("pdf 200 text pages", per_call_ms(lambda: read_bytes(pdf, "p.pdf"), 2)),
    ]
    for name, ms in rows:
        print(f"{name:32} {ms:10.3f} ms")


if __name__ == "__main__":
    main()
