"""A small timeline chart: one dot per dated event on a time axis, as plain SVG numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

WIDTH, HEIGHT, PAD = 600, 60, 20
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    label: str  # "2021-03-12 arrest"
    kind: str


@dataclass(frozen=True, slots=True)
class Chart:
    dots: list[Dot]
    first: str
    last: str
    width: int = WIDTH
    height: int = HEIGHT


def _ordinal(raw: str | None) -> int | None:
    m = _DATE.match(raw or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2] or 1), int(m[3] or 1)).toordinal()
    except ValueError:
        return None


def timeline_chart(events: list[dict[str, Any]]) -> Chart | None:
    dated = [(o, e) for e in events if (o := _ordinal(e.get("date"))) is not None]
    if not dated:
        return None
    lo = min(o for o, _ in dated)
    hi = max(o for o, _ in dated)
    span = max(hi - lo, 1)
    dots = [
        Dot(
            round(PAD + (o - lo) / span * (WIDTH - 2 * PAD), 1),
            f"{e.get('date')} {e.get('type')}",
            str(e.get("type") or "event"),
        )
        for o, e in sorted(dated, key=lambda p: p[0])
    ]
    first = date.fromordinal(lo).isoformat()
    last = date.fromordinal(hi).isoformat()
    return Chart(dots, first, last)
