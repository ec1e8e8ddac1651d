"""A user's search query, parsed once and translated per engine by ``dialect``.

Syntax (documented in docs/search.md): words are ANDed; ``"two words"`` is a phrase;
``amir*`` is a prefix; ``-word`` excludes. Every word becomes its search keys like the index
(``wordkeys``), so "Ramirez" finds "Ramírez", "Амировой" finds "Амирова" and "Amirova", and
"arrests" finds "arrested". Nothing a user types reaches an engine's query syntax unquoted:
terms are reduced to [a-z0-9] tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigil.store.wordkeys import WORD, prefix_keys, word_keys

_PART = re.compile(r'(-?)"([^"]*)"(\*?)|(-?)(\S+)')


@dataclass(frozen=True, slots=True)
class Term:
    tokens: tuple[str, ...]  # search keys; several form a phrase
    prefix: bool = False  # the last token is a prefix
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    raw: str
    terms: tuple[Term, ...]

    @property
    def positive(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.negated)


def parse_query(raw: str) -> Query:
    terms: list[Term] = []
    for m in _PART.finditer(raw):
        if m.group(2) is not None:
            neg, body, star = m.group(1) == "-", m.group(2), m.group(3) == "*"
        else:
            neg, body = m.group(4) == "-", m.group(5)
            star = body.endswith("*")
        tokens = _tokens(body, prefix=star)
        if not tokens:
            continue
        # A word such as "Abd-el-Fattah" has several keys, as the index splits it: it
        # becomes a phrase of its parts.
        terms.append(Term(tokens, prefix=star, negated=neg))
    return Query(raw=raw, terms=tuple(terms))


def _tokens(body: str, *, prefix: bool) -> tuple[str, ...]:
    words = WORD.findall(body)
    if not words:
        return ()
    out = [k for w in words[:-1] for k in word_keys(w)]
    out.extend(prefix_keys(words[-1]) if prefix else word_keys(words[-1]))
    return tuple(out)
