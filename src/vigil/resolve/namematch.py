"""Compare two parsed names part by part: family, given name or initials, patronymic.

Our decisions (thresholds measured on ``data/name_pairs.tsv`` with ``bench/bench_resolve.py``):

* String similarity is rapidfuzz's normalised Indel similarity (the ``ratio`` of the issue)
  on folded readings, the best over readings. The issue measured it at 0.94-0.97 for
  transliteration variants and 0.52-0.70 for relatives; on folded text variants mostly reach
  1.0, so 0.85 is our "agrees" line and 0.75 our "might" line.
* Family names may also agree on their consonant skeleton (Mammadov / Mamedov): vowels are
  what transliterations of Azerbaijani, Arabic and Persian disagree on most. Given names may
  not (Marat / Murat are two names); they use the equivalence lines of ``names.yaml`` instead.
* A *conflict* is evidence of two people, not merely weak evidence of one: different gender
  forms (Amirov / Amirova), a different given name or first initial under the same family
  name (brother, sister, namesake), different patronymics (different fathers), gendered
  forms of one given name (Aleksandr / Aleksandra). The cluster step never merges across a
  conflict, so one ambiguous "A. Amirova" cannot chain two sisters together.
* A single initial ("A. Amirova") is never enough on its own: at most "review". Two initials
  that agree with given name and patronymic ("Amirova A.S.") are how Russian-language
  documents name a person, and count as the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel, Levenshtein

from vigil.resolve.lexicon import lexicon
from vigil.resolve.names import ParsedName, Token

AGREE = 0.85
MIGHT = 0.75
SKELETON_SIMILARITY = 0.8  # "close", never "agrees": see _family_similarity
SHORT_NAME = 5  # letters, folded
LOOSE_EQUAL = 0.9  # equal in a loose reading (Zeinab / Zaynab, Ilqar / Ilgar)
PATRONYMIC_AGREE = 0.85  # short stems ("iur" / "petr") and -zhan names need the full line


@dataclass(frozen=True)
class NameMatch:
    """How far two names say "same person"; ``conflict`` means they say "two people"."""

    score: float
    verdict: str  # "same" | "review" | "different"
    reasons: tuple[str, ...]
    conflict: bool = False


@lru_cache(maxsize=200_000)
def token_similarity(
    a: Token, b: Token, *, skeleton_ok: bool = False, strict: bool = False
) -> float:
    """Best similarity over strict readings; loose readings count only when equal.

    ``strict`` uses normalised Levenshtein instead of Indel: an added letter costs as much as
    a changed one, which keeps short given names apart (Amal / Jamal: Indel 0.89, ours 0.80).
    """
    measure = Levenshtein.normalized_similarity if strict else Indel.normalized_similarity
    best = float(max(measure(x, y) for x in a.readings for y in b.readings))
    if best < LOOSE_EQUAL and any(x == y for x, y in zip(a.loose, b.loose, strict=False)):
        best = LOOSE_EQUAL
    if skeleton_ok and best < SKELETON_SIMILARITY and a.skel == b.skel and len(a.skel) >= 3:
        return SKELETON_SIMILARITY
    return best


def _group(token: Token) -> int | None:
    groups = lexicon().given_groups
    for reading in token.readings:
        if reading in groups:
            return groups[reading]
    return None


@lru_cache(maxsize=200_000)
def _gendered_forms(a: Token, b: Token) -> bool:
    """Aleksandr / Aleksandra, Evgeniy / Evgeniya: one name, two genders."""
    for first in a.readings:
        for second in b.readings:
            x, y = sorted((first, second), key=len)
            if (
                y.endswith("a")
                and not x.endswith(("a", "e", "o", "u"))
                and (y[:-1] == x or y[:-2] == x or y[:-2] == x[:-1])
            ):
                return True
    return False


@lru_cache(maxsize=200_000)
def given_similarity(a: Token, b: Token) -> float:
    if _gendered_forms(a, b):
        return 0.0
    group = _group(a)
    if group is not None and group == _group(b):
        return 1.0
    return token_similarity(a, b, strict=True)


@lru_cache(maxsize=20_000)
def _joined(tokens: tuple[Token, ...]) -> Token:
    """The given names as one word (cached: each name meets many others)."""
    loose = tuple("".join(parts) for parts in zip(*(t.loose for t in tokens), strict=True))
    return Token.of("".join(t.raw for t in tokens), ("".join(t.key for t in tokens),), loose)


def _given(a: ParsedName, b: ParsedName) -> tuple[float, str] | None:
    """Similarity of the given names (or initials) and what was compared."""
    if a.given_main is not None and b.given_main is not None:
        if _gendered_forms(a.given_main, b.given_main):
            return -1.0, "gendered forms of one given name"
        best = given_similarity(a.given_main, b.given_main)
        vietnamese = a.vietnamese or b.vietnamese
        if best < AGREE and (len(a.given) > 1 or len(b.given) > 1) and not vietnamese:
            best = max(best, token_similarity(_joined(a.given), _joined(b.given)))
            others = (given_similarity(x, y) for x in a.given for y in b.given)
            best = max(best, 0.8 * max(others))
        return best, "given name"
    full, short = (a, b) if a.given_main is not None else (b, a)
    if full.given_main is not None and short.initials:
        return _initials(full, short), "initials"
    if a.initials and b.initials:
        pairs = zip(a.initials, b.initials, strict=False)
        ok = all(x.firsts & y.firsts for x, y in pairs)
        return (0.8 if ok else 0.0), "initials"
    return None


def _initials(full: ParsedName, short: ParsedName) -> float:
    """0 = first initial disagrees, 0.8 = it agrees, 0.9 = the second initial agrees too."""
    assert full.given_main is not None
    if not full.given_main.firsts & short.initials[0].firsts:
        return 0.0
    if len(short.initials) < 2:
        return 0.8
    second = full.patronymic or (full.given[1] if len(full.given) > 1 else None)
    if second is None:
        return 0.8
    return 0.9 if second.firsts & short.initials[1].firsts else 0.0


def _patronymic(a: ParsedName, b: ParsedName) -> float | None:
    if a.patronymic is not None and b.patronymic is not None:
        return token_similarity(a.patronymic, b.patronymic, strict=True)
    return None


def _words(name: ParsedName) -> list[Token]:
    return [*name.given, *([name.family] if name.family else [])]


def _swapped(a: ParsedName, b: ParsedName) -> bool:
    """Same words in another order (Ali Hassan / Hassan Ali) when the order is unsure.

    Only for names with the same number of words and no patronymic or initials: one word
    more or less is a different name (Mohammad Reza Ebrahimi / Reza Ebrahimi).
    """
    if a.family_certain and b.family_certain:
        return False
    if a.initials or b.initials or a.patronymic or b.patronymic:
        return False
    left, right = _words(a), _words(b)
    if len(left) != len(right) or len(left) < 2:
        return False
    unused = list(right)
    for word in left:
        match = next((w for w in unused if given_similarity(word, w) >= AGREE), None)
        if match is None:
            return False
        unused.remove(match)
    return True


def _family_similarity(a: ParsedName, b: ParsedName) -> float:
    """Family stems compared; consonant skeletons may agree too, except Vietnamese names
    (Duong and Dang are two short family names, not two spellings of one)."""
    assert a.family_stem is not None and b.family_stem is not None
    strict = True  # Levenshtein: Sharif / Sharifi, Qasem / Qasemi are two families
    best = token_similarity(a.family_stem, b.family_stem, strict=strict)
    vietnamese = a.vietnamese or b.vietnamese
    # Qasımov / Kasumov / Gasimov, Həsənov / Gasanov: Russian forms of Azerbaijani names
    # change vowels and g/k/h; the consonant skeleton agrees. Only "close": a person checks,
    # since Hasanova and Huseynova share a skeleton too.
    if (
        best < SKELETON_SIMILARITY
        and not vietnamese
        and a.family
        and b.family
        and a.family.skel == b.family.skel
        and len(a.family.skel) >= 3
    ):
        best = SKELETON_SIMILARITY
    return best


def _middles(name: ParsedName) -> frozenset[str]:
    """Vietnamese middle names (Van, Thi, Duc, Ngoc...): they tell siblings apart."""
    return frozenset(name.markers) | frozenset(
        t.key for t in name.given if t is not name.given_main
    )


def _shortest_given(a: ParsedName, b: ParsedName) -> int:
    return min(len(n.given_main.key) if n.given_main else 0 for n in (a, b))


def _different(score: float, reason: str) -> NameMatch:
    return NameMatch(min(score, 0.2), "different", (reason,), conflict=True)


def compare_names(a: ParsedName, b: ParsedName) -> NameMatch:
    """Compare two names on their structure; see the module docstring for the rules."""
    if a.gender and b.gender and a.gender != b.gender:
        return _different(0.1, "gender forms differ (e.g. -ov/-ova): two people")
    if a.family_stem is None or b.family_stem is None:
        given = _given(a, b)
        if given is not None and given[0] >= AGREE and given[1] == "given name":
            return NameMatch(0.6, "review", ("given name agrees, family name missing",))
        return NameMatch(0.1, "different", ("too little of the name to compare",))
    unsure = not (a.family_certain and b.family_certain)
    if unsure and a.family and b.family and _gendered_forms(a.family, b.family):
        return _different(0.1, "gendered forms of one given name")
    if a.vietnamese and b.vietnamese and _middles(a) and _middles(b) != _middles(a) and _middles(b):
        return _different(0.2, "different Vietnamese middle names (Van / Duc): two people")
    family = _family_similarity(a, b)
    given = _given(a, b)
    if given is not None and given[0] < 0:
        return _different(0.1, given[1])
    if (family < AGREE or (given is not None and given[0] < AGREE)) and _swapped(a, b):
        return NameMatch(0.88, "same", ("same words in the other order",))
    if family < MIGHT:
        return NameMatch(family / 2, "different", (f"family names differ ({family:.2f})",))
    reasons = [f"family name {'agrees' if family >= AGREE else 'is close'} ({family:.2f})"]
    if given is None:
        return NameMatch(0.5 * family, "review", (*reasons, "no given name to compare"))
    g, what = given
    if g < 0:
        return _different(0.1, what)
    patronymic = _patronymic(a, b)
    if patronymic is not None and patronymic < PATRONYMIC_AGREE:
        return _different(0.2, f"patronymics differ ({patronymic:.2f}): different fathers")
    if patronymic is not None:
        reasons.append(f"patronymic agrees ({patronymic:.2f})")
    # short names that differ by a letter are two names: Hung / Dung, Amal / Jamal
    short = what == "given name" and _shortest_given(a, b) <= SHORT_NAME
    if family >= AGREE and (g < MIGHT or (short and g < AGREE)):
        why = "first initial differs" if what == "initials" else f"given names differ ({g:.2f})"
        return _different(0.2, f"{why} under one family name: relatives or namesakes")
    parts = [family, g] + ([patronymic] if patronymic is not None else [])
    score = sum(parts) / len(parts)
    if what == "initials":
        reasons.append("initials agree" if g >= 0.9 else "first initial agrees")
        verdict = "same" if g >= 0.9 and family >= AGREE else "review"
        return NameMatch(min(score, 0.86 if verdict == "same" else 0.75), verdict, tuple(reasons))
    reasons.append(f"given name {'agrees' if g >= AGREE else 'is close'} ({g:.2f})")
    verdict = "same" if family >= AGREE and g >= AGREE else "review"
    return NameMatch(score if verdict == "same" else min(score, 0.8), verdict, tuple(reasons))
