"""Dates stated relative to another date of the text: "two days later", "a month later",
"the next day", "a week after the arrest", "an hour later" (the same day). Each takes the
nearest date before it, at most a paragraph or two back; with none there, it stays undated
(never guessed)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import cache

from vigil.extract.context import DateMention
from vigil.extract.data import load
from vigil.extract.numbers import number

# Numbers in words up to twelve ("three days later"), from numbers.yaml.
_NUMBER_WORDS = "|".join(w for w, n in load("numbers")["numbers"].items() if n <= 12)
# How far back the date an expression counts from may be (news paragraphs are short).
_REACH = 400


@cache
def _rx() -> re.Pattern[str]:
    return re.compile(
        r"\b(?:(?P<n>a|an|" + _NUMBER_WORDS + r"|\d{1,2})"
        r"\s+(?P<unit>day|days|week|weeks|month|months)\s+(?P<dir>later|after(?:wards)?)"
        r"|the\s+(?:next|following)\s+(?P<unit1>day|morning|evening|week|month)"
        r"|a\s+(?P<unit2>day)\s+after"
        r"|(?:an|a\s+few|several|\d{1,2}|two|three|four|five|six)\s+(?P<unit3>hours?)\s+later)\b",
        re.I,
    )


def _shift(base: str, unit: str, n: int) -> str | None:
    if unit.startswith("month"):
        if len(base) < 7:
            return None
        y, m = int(base[:4]), int(base[5:7]) + n
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
        return f"{y:04d}-{m:02d}"
    if len(base) != 10:
        return None  # "two days after" a month names no day
    if unit.startswith("hour"):
        return base  # "an hour later": the same day
    days = n * (7 if unit.startswith("week") else 1)
    return (dt.date.fromisoformat(base) + dt.timedelta(days=days)).isoformat()


def later_dates(text: str, dates: list[DateMention]) -> list[DateMention]:
    """DateMentions for the relative expressions in ``text``, given its resolved dates
    (sorted by start: each expression looks only at those within reach, by bisection)."""
    out: list[DateMention] = []
    starts = [d.start for d in dates]
    for m in _rx().finditer(text):
        lo = bisect.bisect_right(starts, m.start() - _REACH)
        hi = bisect.bisect_left(starts, m.start())
        before = [d for d in dates[lo:hi] if d.end <= m.start()]
        if not before:
            continue
        base = before[-1].value
        unit = (
            m.group("unit") or m.group("unit1") or m.group("unit2") or m.group("unit3") or "day"
        ).lower()
        if unit in ("morning", "evening"):
            unit = "day"
        raw = (m.group("n") or "one").lower()
        n = 1 if raw in ("a", "an") else int(number(raw) or 1)
        value = _shift(base, unit, n)
        if value:
            out.append(
                DateMention(m.start(), m.end(), value, before[-1].explicit_year, relative=True)
            )
    return out
