"""A report's text cut into segments, each marked with the claims that cover it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n")


@dataclass(slots=True)
class Segment:
    text: str
    kind: str | None = None  # kind of the narrowest claim covering the segment
    claims: list[int] = field(default_factory=list)
    anchors: list[int] = field(default_factory=list)  # claims whose first span starts here


def segments(text: str, marks: list[tuple[int, int, int, str]]) -> list[Segment]:
    """``marks`` are (start, end, claim_id, kind); overlapping marks are allowed."""
    size = len(text)
    clean = [(max(0, a), min(size, b), cid, k) for a, b, cid, k in marks if 0 <= a < b]
    cuts = sorted({0, size, *(a for a, *_ in clean), *(b for _, b, *_ in clean)})
    firsts: dict[int, int] = {}
    for a, _b, cid, _k in sorted(clean):
        firsts.setdefault(cid, a)
    anchors: dict[int, list[int]] = {}
    for cid, pos in sorted(firsts.items()):
        anchors.setdefault(pos, []).append(cid)
    out: list[Segment] = []
    for lo, hi in pairwise(cuts):
        if lo >= hi:
            continue
        covering = [(b - a, cid, k) for a, b, cid, k in clean if a <= lo and hi <= b]
        covering.sort()
        out.append(
            Segment(
                text[lo:hi],
                covering[0][2] if covering else None,
                sorted({cid for _, cid, _ in covering}),
                anchors.get(lo, []),
            )
        )
    return out


def sentence_around(text: str, start: int, end: int, *, limit: int = 400) -> str:
    """The sentence (or line) holding ``text[start:end]``, cut to ``limit`` characters."""
    left, right = sentence_bounds(text, start, end, limit=limit)
    return text[left:right].strip()


def evidence_parts(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The sentence around a span as (before, the span, after), for showing it marked."""
    left, right = sentence_bounds(text, start, end)
    start, end = max(left, start), min(right, end)
    return text[left:start].lstrip(), text[start:end], text[end:right].rstrip()


def sentence_bounds(text: str, start: int, end: int, *, limit: int = 400) -> tuple[int, int]:
    start, end = max(0, start), min(len(text), end)
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    stop = _SENTENCE_END.search(text, end)
    right = stop.start() if stop else len(text)
    if right - left > limit:
        left = max(left, start - limit // 2)
        right = min(right, end + limit // 2)
    return left, max(left, right)
