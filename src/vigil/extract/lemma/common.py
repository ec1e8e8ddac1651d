"""What every lemma stage needs: its language's data, and sentences as lemma strings."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from vigil.extract.context import Context
from vigil.extract.data import load
from vigil.extract.languages import entries
from vigil.extract.lemma.model import LemmaDoc, Token


def data(ctx: Context, name: str) -> dict[str, Any]:
    """``data/<folder>/<name>.yaml`` of the language entry reading the report."""
    folder = entries()[ctx.reading].data or ctx.reading
    return load(f"{folder}/{name}")


@cache
def lemma_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for lemma phrases, matched on whole words of a lemma string."""
    alts = sorted(set(phrases), key=len, reverse=True)
    return re.compile(r"(?<!\S)(?:" + "|".join(alts) + r")(?!\S)")


@dataclass(slots=True)
class Lemmas:
    """A stretch of text as its tokens' lemmas joined by spaces, mapped back to offsets."""

    tokens: list[Token]
    string: str
    starts: list[int]  # where each token's lemma begins in ``string``

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        """Text offsets of the tokens a match ``string[lo:hi]`` covers."""
        i = max(bisect.bisect_right(self.starts, lo) - 1, 0)
        j = max(bisect.bisect_right(self.starts, max(hi - 1, lo)) - 1, i)
        return self.tokens[i].start, self.tokens[j].end


def lemmas(doc: LemmaDoc, start: int, end: int) -> Lemmas:
    lo = bisect.bisect_left(doc.starts, start)
    hi = bisect.bisect_left(doc.starts, end)
    toks = [t for t in doc.tokens[lo:hi] if t.end <= end]
    starts: list[int] = []
    pos = 0
    for t in toks:
        starts.append(pos)
        pos += len(t.lemma) + 1
    return Lemmas(toks, " ".join(t.lemma for t in toks), starts)
