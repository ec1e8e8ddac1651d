"""Dates of a lemma-read report: day-month-year, numeric, month-year, year, weekday, relative.

Written forms come from ``data/<language>/dates.yaml``. A day and month without a year take
the year of PUBLISHED, else of the last year the text gave before them; with neither they
stay unresolved (null), as GUIDELINES ask. Weekdays and relative words count from the last
full date before them, else from PUBLISHED.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from vigil.extract.context import Context, DateMention


@cache
def _patterns(
    months: tuple[str, ...],
    weekdays: tuple[str, ...],
    rel: tuple[str, ...],
    seasons: tuple[str, ...],
) -> dict[str, re.Pattern[str]]:
    mon = "(?P<mon>" + "|".join(months) + r")\w*"
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    return {
        "dmy": re.compile(
            r"\b(?P<day>[0-3]?\d)(?:-?го)?\s+" + mon + r"(?:\s+" + year + r")?", re.I
        ),
        "num": re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b"),
        "my": re.compile(r"\b(?:в|во|с|по|до|к)?\s*" + mon + r"\s+" + year, re.I),
        "season": re.compile(r"\b(?:" + "|".join(seasons) + r")\w*\s+" + year, re.I),
        "year": re.compile(r"\b" + year + r"(?:-?(?:м|го|й)\b|\s*(?:год\w*|г\.))", re.I),
        "wd": re.compile(
            r"\bв?о?\s*(?:эт\w+\s+|прошл\w+\s+)?(?P<wd>" + "|".join(weekdays) + r")\w*", re.I
        ),
        "rel": re.compile(r"\b(?P<rel>" + "|".join(map(re.escape, rel)) + r")\b", re.I),
    }


def find_dates(ctx: Context, spec: dict[str, Any]) -> None:
    months = {str(k): int(v) for k, v in spec["months"].items()}
    weekdays = {str(k): int(v) for k, v in spec["weekdays"].items()}
    rel = {str(k): int(v) for k, v in spec["relative"].items()}
    pats = _patterns(tuple(months), tuple(weekdays), tuple(rel), tuple(spec["seasons"]))
    text = ctx.clean
    found: list[tuple[int, int, str, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    for kind in ("num", "dmy", "my", "season", "year", "wd", "rel"):
        for m in pats[kind].finditer(text):
            s, e = m.span()
            if kind in ("my", "wd"):
                s = m.start("mon") if kind == "my" else m.start("wd")
            if free(s, e):
                taken.append((s, e))
                found.append((s, e, kind, m))
    found.sort(key=lambda f: f[0])
    anchor: dt.date | None = ctx.published
    last_year: int | None = ctx.published.year if ctx.published else None
    for s, e, kind, m in found:
        g = m.groupdict()
        value: str | None = None
        relative = False
        if kind in ("num", "dmy"):
            mon = int(g["mnum"]) if kind == "num" else _month(g["mon"], months)
            year = (
                int(g["year"])
                if g.get("year")
                else (ctx.published.year if ctx.published else last_year)
            )
            if year is None or not mon:
                continue
            try:
                day = dt.date(year, mon, int(g["day"]))
            except ValueError:
                continue
            if not g.get("year") and ctx.published and day > ctx.published:
                day = day.replace(year=day.year - 1)
            value = day.isoformat()
            anchor = day
            last_year = day.year
            ctx.dates.append(DateMention(s, e, value, explicit_year=bool(g.get("year"))))
            continue
        if kind == "my":
            mon = _month(g["mon"], months)
            value = f"{int(g['year'])}-{mon:02d}"
            last_year = int(g["year"])
        elif kind in ("season", "year"):
            value = g["year"]
            last_year = int(g["year"])
        elif kind == "wd" and anchor is not None:
            wd = _month(g["wd"], weekdays)
            back = (anchor.weekday() - wd) % 7
            value = (anchor - dt.timedelta(days=back)).isoformat()
            relative = True
        elif kind == "rel" and anchor is not None:
            value = (anchor + dt.timedelta(days=rel[g["rel"].lower()])).isoformat()
            relative = True
        if value:
            ctx.dates.append(DateMention(s, e, value, relative=relative))
    ctx.dates.sort(key=lambda d: d.start)


def _month(word: str, table: dict[str, int]) -> int:
    low = word.lower()
    for stem, num in table.items():
        if re.match(stem, low):
            return num
    return 0
