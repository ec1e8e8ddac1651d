"""dates.v1: every date and time in the report, resolved to ISO at the text's precision."""

from __future__ import annotations

import bisect
import re

from vigil.extract.context import Context, DateMention, TimeMention
from vigil.extract.dates import decide_day_first, find_dates, find_times, partial_date, resolve
from vigil.extract.later import later_dates
from vigil.extract.registry import stage

# Words of what is to come: "the court is scheduled to hear her appeal on 20 June".
_FUTURE = re.compile(
    r"\b(?:scheduled|will|is due|are due|set for|next|upcoming|planned for"
    r"|postponed (?:to|until))\b",
    re.I,
)


@stage("dates.v1", order=40)
def find_report_dates(ctx: Context) -> None:
    ctx.day_first = decide_day_first(ctx.clean, ctx.country)
    found = find_dates(ctx.clean, day_first=ctx.day_first, published=ctx.published)
    years = sorted((f.start, f.year) for f in found if f.year is not None and f.relative is None)
    year_starts = [s for s, _ in years]
    futures: dict[tuple[int, int], bool] = {}
    # A publication date known to the month or year only ("2011-02") still dates "on Tuesday"
    partial = partial_date(ctx.published_raw) if ctx.published is None else None
    for f in found:
        # Nearest explicit year before the candidate, else the first one in the text.
        k = bisect.bisect_left(year_starts, f.start)
        anchor = years[k - 1][1] if k else (years[0][1] if years else None)
        sent = ctx.sentence_of(f.start)
        future = futures.get(sent)
        if future is None:  # once per sentence: a sentence of 200,000 dates is one
            future = futures[sent] = bool(_FUTURE.search(ctx.clean[sent[0] : sent[1]]))
        value = resolve(f, ctx.published, anchor, future=future, partial=partial)
        if value is not None:
            ctx.dates.append(DateMention(f.start, f.end, value, f.year is not None))
    ctx.dates.extend(later_dates(ctx.clean, sorted(ctx.dates, key=lambda d: d.start)))
    ctx.dates.sort(key=lambda d: d.start)
    for s, e, value in find_times(ctx.clean):
        ctx.times.append(TimeMention(s, e, value))
