"""Find and read dates and times with our own patterns (faster and safer than dateparser).

dateparser reads 06/01/2012 as June 1 unless told the order and turns bare numbers into
dates; here only shapes that are dates become candidates, and day/month order is decided by
the report's own unambiguous dates and its country.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from vigil.extract.data import load


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    relative: str | None = None  # "days:1", "month-1", "year", "weekday:3", "last-year-anchor"


@cache
def _rx() -> dict[str, re.Pattern[str]]:
    data = load("dates")
    mon = "|".join(sorted(_month_numbers(), key=len, reverse=True))
    mon = rf"(?=[JFMASONDjfmasond])(?P<mon>{mon})\.?"  # the lookahead skips most positions
    wd = "|".join(data["weekdays"])
    wd_cap = "|".join(w.capitalize() for w in data["weekdays"])
    rel_days = "|".join(
        sorted((re.escape(k) for k in data["relative_days"]), key=len, reverse=True)
    )
    rel_units = "|".join(
        sorted((re.escape(k) for k in data["relative_units"]), key=len, reverse=True)
    )
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    return {
        "iso": re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
        "numeric": re.compile(
            r"(?<![\d.,/])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[01]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)(?![\d])"
        ),
        "dmy": re.compile(
            rf"\b{day}(?:\s*[-–]\s*[0-3]?\d)?(?:\s+of)?\s+{mon}(?:,?\s+{year})?\b", re.I
        ),
        "mdy": re.compile(
            rf"\b{mon}\s+{day}(?:\s*[-–]\s*[0-3]?\d)?(?!\d)(?:(?:,\s*|\s+){year})?\b", re.I
        ),
        "my": re.compile(rf"\b{mon}(?:\s+of)?,?\s+{year}\b", re.I),
        "month_only": re.compile(
            r"\b(?:in|since|from|until|till|by|early|late|mid|mid-|end of|beginning of|last)\s+"
            rf"(?:early\s+|late\s+|mid-)?{mon}(?!\s+\d)\b",
            re.I,
        ),
        "year_only": re.compile(
            rf"\b(?i:in|since|from|until|till|by|during|of|early|late|mid-?)\s+{year}\b(?![-/.]\d)"
        ),
        "weekday": re.compile(
            rf"\b(?:on|last|this|next)\s+(?P<wd>{wd})\b(?!\s*,?\s*(?:\d|{mon}))", re.I
        ),
        # "was arrested Thursday", "Tuesday's verdict": news style, the capitalised name alone
        "bare_weekday": re.compile(
            rf"(?<!\bGood )(?<!\bBlack )(?<!\bSuper )(?<!\bAsh )(?<!\bevery )(?<!\beach )"
            rf"\b(?P<wd>{wd_cap})(?![\w-])(?!\s*,?\s*(?:\d|{mon}))"
        ),
        "rel_days": re.compile(rf"\b(?:{rel_days})\b", re.I),
        "rel_units": re.compile(rf"\b(?:{rel_units})\b", re.I),
        "last_year_after": re.compile(r"^\s*(?:,\s*)?(?:of\s+)?last\s+year\b", re.I),
        "time": re.compile(
            r"(?=\d)(?<![\d.:])(?P<h>[0-2]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)(?![a-z])"
            r"|(?<![\d.:])(?P<h2>[0-2]?\d):(?P<mi2>[0-5]\d)(?![\d:])",
            re.I,
        ),
    }


def _months() -> dict[str, int]:
    return _month_numbers()


def decide_day_first(text: str, country: str | None) -> bool:
    """Day before month in numeric dates, by the report's unambiguous dates, else country."""
    votes = 0
    for m in _rx()["numeric"].finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 >= b:
            votes += 1
        elif b > 12 >= a:
            votes -= 1
    if votes:
        return votes > 0
    return country not in set(load("dates")["month_first_countries"])


def find_dates(
    text: str, *, day_first: bool = True, published: dt.date | None = None
) -> list[Found]:
    """Every date candidate in ``text``, longest match first where they overlap.

    A numeric date that would fall after ``published`` in the report's order, but not in
    the other, is read in the other order (a report cannot tell of a later day).
    """
    rx = _rx()
    months = _months()
    out: list[Found] = []
    # Ranges taken so far, kept sorted and without overlap (a bisect finds a new range's
    # neighbours: checking every earlier range was quadratic on 200,000 dates).
    starts: list[int] = []
    ends: list[int] = []

    def free(s: int, e: int) -> bool:
        i = bisect.bisect_right(starts, s)
        return (i == 0 or ends[i - 1] <= s) and (i == len(starts) or starts[i] >= e)

    def put(f: Found) -> None:
        if free(f.start, f.end):
            out.append(f)
            i = bisect.bisect_right(starts, f.start)
            starts.insert(i, f.start)
            ends.insert(i, f.end)

    for m in rx["iso"].finditer(text):
        put(
            _checked(m.start(), m.end(), int(m.group("year")), int(m.group("m")), int(m.group("d")))
        )
    for m in rx["numeric"].finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        d, mo = (a, b) if day_first else (b, a)
        if mo > 12 and d <= 12:
            d, mo = mo, d
        year = int(m.group("year"))
        later = published is not None and d <= 12 and _after(year, mo, d, published)
        if later and published is not None and not _after(year, d, mo, published):
            d, mo = mo, d
        put(_checked(m.start(), m.end(), year, mo, d))
    for key in ("dmy", "mdy"):
        for m in rx[key].finditer(text):
            mo = months[m.group("mon").lower().rstrip(".")]
            if m.group("mon") == "may" and not m.group("year") and key == "mdy":
                continue  # "may 5" in lower case is the verb; "on May 5" is the month
            y = int(m.group("year")) if m.group("year") else None
            if y is None and m.group("mon")[0].islower():
                continue
            rel = None
            end = m.end()
            ly = rx["last_year_after"].match(text[end : end + 20]) if y is None else None
            if ly:
                rel, end = "last-year", end + ly.end()
            put(_checked(m.start(), end, y, mo, int(m.group("day")), rel))
    for m in rx["my"].finditer(text):
        put(
            Found(
                m.start("mon"),
                m.end(),
                int(m.group("year")),
                months[m.group("mon").lower().rstrip(".")],
                None,
            )
        )
    for m in rx["month_only"].finditer(text):
        if m.group("mon")[0].isupper():
            put(
                Found(
                    m.start("mon"), m.end(), None, months[m.group("mon").lower().rstrip(".")], None
                )
            )
    for m in rx["year_only"].finditer(text):
        put(Found(m.start("year"), m.end(), int(m.group("year")), None, None))
    for m in rx["weekday"].finditer(text):
        wd = load("dates")["weekdays"][m.group("wd").lower()]
        put(Found(m.start(), m.end(), None, None, None, f"weekday:{wd}"))
    for m in rx["bare_weekday"].finditer(text):
        wd = load("dates")["weekdays"][m.group("wd").lower()]
        put(Found(m.start(), m.end(), None, None, None, f"weekday:{wd}"))
    rel_days = {k.lower(): v for k, v in load("dates")["relative_days"].items()}
    for m in rx["rel_days"].finditer(text):
        put(Found(m.start(), m.end(), None, None, None, f"days:{rel_days[m.group().lower()]}"))
    rel_units = {k.lower(): v for k, v in load("dates")["relative_units"].items()}
    for m in rx["rel_units"].finditer(text):
        put(Found(m.start(), m.end(), None, None, None, str(rel_units[m.group().lower()])))
    return sorted(out, key=lambda f: f.start)


def _after(y: int, mo: int, d: int, published: dt.date) -> bool:
    try:
        return dt.date(y, mo, d) > published
    except ValueError:
        return True


def _checked(s: int, e: int, y: int | None, mo: int, d: int, rel: str | None = None) -> Found:
    try:
        dt.date(y or 2000, mo, d)
    except ValueError:
        return Found(s, e, None, None, None, "invalid")
    return Found(s, e, y, mo, d, rel)


_PARTIAL = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)(?:-(?P<m>[01]\d))?\s*$")


def partial_date(raw: str | None) -> tuple[int, int | None] | None:
    """(year, month or None) of a publication date known only to the month or year
    ("2011-02", "2003"); None for a full date or none."""
    m = _PARTIAL.match(raw or "")
    if m is None:
        return None
    month = int(m.group("m")) if m.group("m") else None
    return int(m.group("y")), month if month and 1 <= month <= 12 else None


def _resolve_partial(found: Found, partial: tuple[int, int | None], *, future: bool) -> str | None:
    """A candidate resolved against a publication date known to the month or the year:
    a weekday or "today" in a report of 2011-02 is 2011-02; a month later in the year than
    the report's month is last year's."""
    y, mo = partial
    rel = found.relative or ""
    if rel.startswith(("days:", "weekday:")):
        return f"{y:04d}-{mo:02d}" if mo and (rel[0] == "w" or int(rel[5:]) <= 1) else None
    if rel in ("month", "month-1"):
        if mo is None:
            return None
        y2, mo2 = (y, mo - 1) if rel == "month-1" else (y, mo)
        return f"{y2 - 1:04d}-12" if mo2 == 0 else f"{y2:04d}-{mo2:02d}"
    if rel in ("year", "year-1"):
        return f"{y - (1 if rel == 'year-1' else 0):04d}"
    if found.month is None:
        return None
    later = mo is not None and found.month > mo
    if rel == "last-year" or (later and not future):
        y -= 1
    return _iso(y, found.month, found.day)


def resolve(
    found: Found,
    published: dt.date | None,
    anchor_year: int | None,
    *,
    future: bool = False,
    partial: tuple[int, int | None] | None = None,
) -> str | None:
    """ISO text of a candidate at the precision it has; None when it cannot be resolved.

    A day and month without a year take the publication year, or the year before when that
    would put them after publication, unless ``future`` (the text speaks of what is to come).
    ``partial`` is a publication date known only to the month or year (``partial_date``),
    used when ``published`` is None.
    """
    rel = found.relative
    if rel == "invalid":
        return None
    if found.year is not None and rel is None:
        return _iso(found.year, found.month, found.day)
    if published is None and partial is not None:
        return _resolve_partial(found, partial, future=future)
    if rel and rel.startswith("days:"):
        if published is None:
            return None
        return (published - dt.timedelta(days=int(rel[5:]))).isoformat()
    if rel and rel.startswith("weekday:"):
        if published is None:
            return None
        back = (published.weekday() - int(rel[8:])) % 7
        return (published - dt.timedelta(days=back)).isoformat()
    if rel in ("month", "month-1"):
        if published is None:
            return None
        y, mo = published.year, published.month - (1 if rel == "month-1" else 0)
        if mo == 0:
            y, mo = y - 1, 12
        return f"{y:04d}-{mo:02d}"
    if rel in ("year", "year-1"):
        if published is None:
            return None
        return f"{published.year - (1 if rel == 'year-1' else 0):04d}"
    # Month (and day) without a year: the publication year, or a year the text gives.
    if found.month is None:
        return None
    if published is not None:
        y = published.year
        later = (found.month, found.day or 1) > (published.month, published.day)
        if rel == "last-year" or (later and not future):
            y -= 1
    elif anchor_year is not None:
        y = anchor_year - (1 if rel == "last-year" else 0)
    else:
        return None
    return _iso(y, found.month, found.day)


def _iso(y: int, mo: int | None, d: int | None) -> str:
    if mo is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{mo:02d}"
    return f"{y:04d}-{mo:02d}-{d:02d}"


def find_times(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _rx()["time"].finditer(text):
        if m.group("h") is not None:
            h, mi = int(m.group("h")), int(m.group("mi") or 0)
            ap = m.group("ap").lower()[0]
            if h > 12:
                continue
            if ap == "p" and h < 12:
                h += 12
            elif ap == "a" and h == 12:
                h = 0
        else:
            h, mi = int(m.group("h2")), int(m.group("mi2"))
            if h > 23:
                continue
        out.append((m.start(), m.end(), f"{h:02d}:{mi:02d}"))
    return out


def month_names() -> list[str]:
    """Full month names as dates.yaml writes them ("january" ... "december")."""
    return [str(w) for w in load("dates")["months"]]


def short_months() -> list[str]:
    """Short month names ("jan", "sept")."""
    return [str(w) for w in load("dates")["month_abbreviations"]]


def calendar_words() -> frozenset[str]:
    """Weekday and full month names, capitalised as a text writes them ("Monday", "March")."""
    data = load("dates")
    return frozenset(str(w).capitalize() for w in (*data["weekdays"], *data["months"]))


@cache
def _month_numbers() -> dict[str, int]:
    """Every spelling of a month (full and short) -> its number."""
    data = load("dates")
    return {str(k): int(v) for k, v in {**data["months"], **data["month_abbreviations"]}.items()}
