"""Numbers written in words or digits, and terms of years and months in months."""

from __future__ import annotations

import re

from vigil.extract.data import load

_WORDS: dict[str, int] = {str(w): int(n) for w, n in load("numbers")["numbers"].items()}
NUM = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
TERM = re.compile(
    rf"\b(?P<y>{NUM})(?P<half>\s+and\s+(?:a\s+)?half)?[- ](?:years?|yrs?)(?:['’]s?)?"
    rf"(?:,?\s+(?:and\s+)?(?P<m>{NUM})\s+months?)?(?![\w-])"
    rf"|\b(?P<mo>{NUM})[- ]months?['’]?(?![\w-])"
    rf"|\b(?P<d>{NUM})[- ]days?['’]?(?![\w-])",
    re.I,
)


def number(word: str) -> float | None:
    w = word.lower()
    if w in _WORDS:
        return float(_WORDS[w])
    try:
        return float(w.replace(",", ""))
    except ValueError:
        return None


def term_months(m: re.Match[str]) -> int | None:
    """Months of a TERM match; None for terms in days."""
    if m.group("y"):
        y = number(m.group("y")) or 0.0
        if m.group("half"):
            y += 0.5
        months = y * 12 + (number(m.group("m") or "0") or 0.0)
        return round(months)
    if m.group("mo"):
        return round(number(m.group("mo")) or 0)
    return None


_SCALE = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
# A sum of money's number: "30,000", "2 million", "one million", "1.5m".
AMOUNT = (
    r"(?:\d[\d,. ]*\d|\d|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
    r"(?:\s*(?:thousand|million|billion|bn|m)\b)?"
)


def amount(raw: str) -> float | None:
    """The value of an AMOUNT match: "2 million" -> 2000000.0, "30,000" -> 30000.0."""
    m = re.fullmatch(r"(?P<n>.+?)\s*(?P<scale>thousand|million|billion|bn|m)?", raw.strip(), re.I)
    if not m:
        return None
    n = m.group("n").strip()
    value = number(n) if n.lower() in _WORDS else number(re.sub(r"[ ,]", "", n))
    if value is None:
        return None
    scale = (m.group("scale") or "").lower()
    return value * _SCALE.get(scale, 1.0)
