"""Highlighted snippets of a report's text for a query, computed the same way on both
backends (the engines' own snippet functions differ and would show folded text)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigil.store.fold import fold
from vigil.store.query import Query

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Fragment:
    text: str
    marked: bool


def _matches(token: str, query: Query) -> bool:
    folded = fold(token)
    for term in query.positive:
        for i, t in enumerate(term.tokens):
            last = i == len(term.tokens) - 1
            if folded == t or (term.prefix and last and folded.startswith(t)):
                return True
            # A token like "Abd-el" folds to several parts; match on any part.
            if t in re.findall(r"[a-z0-9]+", folded):
                return True
    return False


def snippet(text: str, query: Query, *, width: int = 240) -> list[Fragment]:
    """About ``width`` characters of ``text`` around the first dense group of matches, as
    fragments with ``marked`` set on matching words. Empty text gives no fragments."""
    if not text:
        return []
    hits = [(m.start(), m.end()) for m in _WORD.finditer(text) if _matches(m.group(), query)]
    if not hits:
        end = min(len(text), width)
        return [Fragment(_squash(text[:end]) + ("…" if end < len(text) else ""), False)]
    # The window that holds the most hits, starting at a hit.
    best_start, best_count = hits[0][0], 0
    for i, (start, _) in enumerate(hits):
        count = sum(1 for s, _ in hits[i:] if s < start + width)
        if count > best_count:
            best_start, best_count = start, count
    lo = max(0, best_start - width // 4)
    hi = min(len(text), lo + width)
    fragments: list[Fragment] = []
    if lo > 0:
        fragments.append(Fragment("…", False))
    pos = lo
    for s, e in hits:
        if s < lo or e > hi:
            continue
        if s > pos:
            fragments.append(Fragment(_squash(text[pos:s]), False))
        fragments.append(Fragment(text[s:e], True))
        pos = e
    if pos < hi:
        fragments.append(Fragment(_squash(text[pos:hi]), False))
    if hi < len(text):
        fragments.append(Fragment("…", False))
    return fragments


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s)
