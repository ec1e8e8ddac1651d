"""Decide whether two person mentions are the same person: ``compare(a, b) -> MatchDecision``.

The name decides first (``namematch.py``); the facts around it then confirm or overrule:

* A recorded relation between the two ("Elmurat Amirov, brother of Ajzhangul Amirova")
  forbids the merge, whatever the names say.
* Different full birth dates (or years) are two people; a partial date that fits ("1985"
  and "1985-03-02") is no conflict.
* Birth place, country and organisation are soft: agreeing ones add support (a "review"
  with a matching birth date, or two other matching facts, becomes "same"); a disagreeing
  birth place or country turns a "same" into "review", since people move and reports err.

Verdicts: "same" (merge automatically), "review" (propose to a person), "different".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from vigil.resolve.fold import fold
from vigil.resolve.mention import PersonMention
from vigil.resolve.namematch import NameMatch, compare_names
from vigil.resolve.names import parse_name

_RANK = {"same": 2, "review": 1, "different": 0}


@dataclass(frozen=True)
class MatchDecision:
    """The outcome of comparing two mentions, with the reasons a reviewer will read."""

    score: float  # 0..1
    verdict: str  # "same" | "review" | "different"
    reasons: tuple[str, ...]
    conflict: bool = False  # True: evidence of two people, never merged automatically


# Bounded: a long-running worker meets new names with every report (issue 14: peak memory).
@lru_cache(maxsize=200_000)
def _name_pair(a: str, b: str) -> NameMatch:
    return compare_names(parse_name(a), parse_name(b))


def match_names(a: str, b: str) -> NameMatch:
    """compare_names on two name strings, cached (the comparison is symmetric)."""
    return _name_pair(a, b) if a <= b else _name_pair(b, a)


def best_name_match(a: PersonMention, b: PersonMention) -> NameMatch:
    """The best-agreeing pair among the two mentions' names and aliases (the first pair
    that agrees fully ends the search: no other can do better)."""
    best: NameMatch | None = None
    for name_a in a.names:
        for name_b in b.names:
            match = match_names(name_a, name_b)
            if best is None or (_RANK[match.verdict], match.score) > (
                _RANK[best.verdict],
                best.score,
            ):
                best = match
            if best.verdict == "same" and best.score >= 1.0:
                return best
    assert best is not None
    return best


def date_agreement(a: str | None, b: str | None) -> int:
    """1 exact agreement, 0 unknown or partial fit, -1 conflict."""
    if not a or not b:
        return 0
    x, y = a.strip(), b.strip()
    if x == y and len(x) >= 10:
        return 1
    short, long = sorted((x, y), key=len)
    return 0 if long.startswith(short) else -1


def _text_agrees(a: str, b: str) -> bool:
    return Indel.normalized_similarity(fold(a), fold(b)) >= 0.85


def related(a: PersonMention, b: PersonMention) -> str | None:
    """The relation a report records between the two, if any ("brother")."""
    for one, other in ((a, b), (b, a)):
        for relative in one.relatives:
            for name in other.names:
                match = compare_names(parse_name(relative.name), parse_name(name))
                if match.verdict != "different":  # "her brother E. Amirov" is enough
                    return relative.relation
    return None


def _facts(a: PersonMention, b: PersonMention) -> tuple[int, int, list[str], str | None]:
    """(support, soft conflicts, reasons, hard conflict) from the facts around the names."""
    support, soft, reasons = 0, 0, []
    relation = related(a, b)
    if relation is not None:
        return 0, 0, [], f"a report records them as relatives ({relation})"
    birth = date_agreement(a.birth_date, b.birth_date)
    if birth < 0:
        return 0, 0, [], f"birth dates differ ({a.birth_date} / {b.birth_date})"
    if birth > 0:
        support += 2
        reasons.append("birth date agrees")
    for label, x, y in (
        ("birth place", a.birth_place, b.birth_place),
        ("country", a.country, b.country),
    ):
        if x and y:
            if _text_agrees(x, y):
                support += 1 if label == "birth place" else 0
                reasons.append(f"{label} agrees")
            else:
                soft += 1
                reasons.append(f"{label} differs")
    if any(_text_agrees(x, y) for x in a.affiliations for y in b.affiliations):
        support += 1
        reasons.append("an organisation agrees")
    return support, soft, reasons, None


def compare(a: PersonMention, b: PersonMention) -> MatchDecision:
    """Compare two mentions: name structure first, then the facts around the names."""
    name = best_name_match(a, b)
    if name.verdict == "different":  # facts cannot make two names one person
        return MatchDecision(name.score, "different", name.reasons, name.conflict)
    support, soft, fact_reasons, hard = _facts(a, b)
    reasons = (*name.reasons, *fact_reasons)
    if hard is not None:
        return MatchDecision(min(name.score, 0.1), "different", (*reasons, hard), True)
    score = min(1.0, max(0.0, name.score + 0.04 * support - 0.1 * soft))
    verdict = name.verdict
    if verdict == "same" and soft:
        verdict = "review"
    elif verdict == "review" and support >= 2 and not soft and name.score >= 0.6:
        verdict = "same"
    return MatchDecision(round(score, 3), verdict, reasons)
