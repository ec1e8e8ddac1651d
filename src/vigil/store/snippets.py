"""Highlighted snippets of a report's text for a query, computed the same way on both
backends (the engines' own snippet functions differ and would show folded text)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from vigil.store.query import Query
from vigil.store.wordkeys import WORD, word_keys

# A word with at least one letter outside ASCII.
_NON_ASCII_WORD = re.compile(r"\w*[^\x00-\x7f\W]\w*")


@dataclass(frozen=True, slots=True)
class Fragment:
    text: str
    marked: bool


class Matcher:
    """Decides whether a word of the original text matches a query term, by its search
    keys (``wordkeys``): "Амировой" is marked for a search for "Амирова".

    Built once per query (and shared by every report of a result page): exact keys in a
    set, prefixes in a tuple; words seen before are answered from memory.
    """

    def __init__(self, query: Query) -> None:
        exact: set[str] = set()
        prefixes: list[str] = []
        for term in query.positive:
            *body, last = term.tokens
            exact.update(body)
            if term.prefix:
                prefixes.append(last)
            else:
                exact.add(last)
        self.exact = frozenset(exact)
        self._seen: dict[str, bool] = {}
        self.prefixes = tuple(prefixes)
        # The key of a word in ASCII letters begins its lower-cased spelling (only endings
        # are stripped), so a case-insensitive regex finds the candidates at C speed and
        # only those are keyed; words with other letters are each keyed.
        alternatives = [re.escape(t) for t in sorted(exact | set(prefixes))]
        self.ascii_words = (
            re.compile(r"\b(?:" + "|".join(alternatives) + r")\w*", re.IGNORECASE)
            if alternatives
            else None
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where matching words stand in ``text``, in order."""
        found = (
            [m.span() for m in self.ascii_words.finditer(text) if self(m.group())]
            if self.ascii_words
            else []
        )
        if not text.isascii():
            found += [m.span() for m in _NON_ASCII_WORD.finditer(text) if self(m.group())]
            found = sorted(set(found))
        return found

    def __call__(self, word: str) -> bool:
        known = self._seen.get(word)
        if known is None:
            if len(self._seen) > 50_000:
                self._seen.clear()
            known = self._seen[word] = self._match(word)
        return known

    def _match(self, word: str) -> bool:
        # One word of the text may have several keys ("Straße" folds to "strasse",
        # "l'Hôpital" to "l" and "hopital"): any of them may match.
        return any(
            key in self.exact or (self.prefixes and key.startswith(self.prefixes))
            for part in WORD.findall(word)
            for key in word_keys(part)
        )


def snippet(
    text: str, query: Query, *, width: int = 240, matcher: Matcher | None = None
) -> list[Fragment]:
    """About ``width`` characters of ``text`` around the first dense group of matches, as
    fragments with ``marked`` set on matching words. Empty text gives no fragments.
    ``matcher``: the query's, when many texts are cut for one query."""
    if not text:
        return []
    hits = (matcher or Matcher(query)).spans(text)
    if not hits:
        end = min(len(text), width)
        return [Fragment(_squash(text[:end]) + ("…" if end < len(text) else ""), False)]
    # The window that holds the most hits, starting at a hit.
    starts = [s for s, _ in hits]
    best_start, best_count = starts[0], 0
    for i, start in enumerate(starts):
        count = bisect.bisect_left(starts, start + width, lo=i) - i
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
