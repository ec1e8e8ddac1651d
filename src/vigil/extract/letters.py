"""Character classes for capital and small letters of the Latin, Greek and Cyrillic scripts.

Rules that find names must see "Şeyma Karataş", "Łukasz Żak" and "Đặng Thị Huệ" as capitalised
words; ``[A-Z][a-z]+`` does not. ``UP`` and ``LOW`` are the inside of a regex character class
(use them as ``rf"[{UP}][{LOW}’'-]+"``).
"""

from __future__ import annotations

import re

# Basic Latin to Cyrillic Supplement, and Latin Extended Additional (Vietnamese).
_BLOCKS = ((0x41, 0x530), (0x1E00, 0x1F00))


def _ranges(test: str) -> str:
    chars = [chr(c) for lo, hi in _BLOCKS for c in range(lo, hi) if getattr(chr(c), test)()]
    out: list[str] = []
    start = prev = chars[0]
    for ch in [*chars[1:], "\0"]:
        if ord(ch) == ord(prev) + 1:
            prev = ch
            continue
        out.append(re.escape(start) if start == prev else f"{re.escape(start)}-{re.escape(prev)}")
        start = prev = ch
    return "".join(out)


UP = _ranges("isupper")
LOW = _ranges("islower")
