"""A user's search query, parsed once and translated per engine by ``dialect``.

Syntax (documented in docs/search.md): words are ANDed; ``"two words"`` is a phrase;
``amir*`` is a prefix; ``-word`` excludes. Everything is folded like the index (``fold``),
so "Ramirez" finds "Ramírez" and "Амирова" finds "Amirova". Nothing a user types reaches an
engine's query syntax unquoted: terms are reduced to [a-z0-9] tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigil.store.fold import fold_tokens

_PART = re.compile(r'(-?)"([^"]*)"(\*?)|(-?)(\S+)')


@dataclass(frozen=True, slots=True)
class Term:
    tokens: tuple[str, ...]  # folded tokens; several form a phrase
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
        tokens = tuple(fold_tokens(body))
        if not tokens:
            continue
        # A word such as "Abd-el-Fattah" folds to several tokens, as the engines split it
        # in the index: it becomes a phrase of its parts.
        terms.append(Term(tokens, prefix=star, negated=neg))
    return Query(raw=raw, terms=tuple(terms))
