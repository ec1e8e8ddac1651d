"""Clean decoded text (CRLF to LF, control characters out) and keep the map to the bytes.

Kept text is copied in runs; each run becomes one offset segment whose byte range is
exactly the run's original bytes, so ``text[seg]`` equals ``original[seg].decode(codec)``.
A lone CR becomes a newline that maps to nothing (it is not a copy of the original).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from vigil.sources.document import OffsetMap

# Everything but: C0 controls other than \t and \n, DEL, and CR (handled apart).
_KEEP = re.compile(r"[^\x00-\x08\x0b-\x1f\x7f]+")
_CLEAN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def normalise(text: str, encode: Callable[[str], bytes], base: int) -> tuple[str, OffsetMap]:
    """``text`` without CRs and control characters, and its map into the original bytes.

    ``encode`` gives the original bytes of a piece of ``text``; ``base`` is the byte offset
    of ``text[0]`` in the original.
    """
    offsets = OffsetMap(unit="byte")
    if not _CLEAN.search(text):
        # The common case: one run, one segment.
        offsets.add(0, len(text), base, base + len(encode(text)))
        return text, offsets

    out: list[str] = []
    out_len = 0
    byte = base
    pos = 0
    for m in _KEEP.finditer(text):
        if m.start() > pos:
            byte, out_len = _skipped(text, pos, m.start(), encode, byte, out, out_len)
        run = m.group()
        size = len(encode(run))
        out.append(run)
        offsets.add(out_len, out_len + len(run), byte, byte + size)
        out_len += len(run)
        byte += size
        pos = m.end()
    if pos < len(text):
        _skipped(text, pos, len(text), encode, byte, out, out_len)
    return "".join(out), offsets


def _skipped(
    text: str,
    start: int,
    end: int,
    encode: Callable[[str], bytes],
    byte: int,
    out: list[str],
    out_len: int,
) -> tuple[int, int]:
    """Drop control characters in ``text[start:end]``; a CR not before LF becomes LF."""
    dropped = text[start:end]
    for i, ch in enumerate(dropped):
        if ch == "\r" and not (start + i + 1 < len(text) and text[start + i + 1] == "\n"):
            out.append("\n")
            out_len += 1
    return byte + len(encode(dropped)), out_len
