"""One timeline from many reports: the same act told twice is one event with two sources.

Our rule for "the same act": same event type, and dates that agree at the precision both
give ("2011-12" and "2011-12-16" agree), or that differ by at most ``SAME_ACT_DAYS`` days
(reports often disagree by a day; the event then keeps the other date in ``other_dates``
and the dossier lists the disagreement). An undated telling joins the latest dated event of
its type that its report can refer to (dated no later than the report's publication); with
none, it stays an event of its own. A reviewer's date wins over the machine's (the
machine's is kept in the claim's history).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from vigil.cases.facts import StoredClaim
from vigil.cases.model import Evidence, TimelineEvent
from vigil.cases.status import date_key, event_order

SAME_ACT_DAYS = 3


@dataclass(slots=True)
class Telling:
    """One report's account of one event."""

    type: str
    date: str | None
    time: str | None
    place: str | None
    country: str | None
    victims: list[str]
    perpetrators: list[str]
    evidence: Evidence
    published: str | None


def _str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def telling(claim: StoredClaim, evidence: Evidence, published: str | None) -> Telling:
    """An event claim as one telling."""
    v = claim.value
    return Telling(
        type=str(v.get("type") or "other"),
        date=_str(v.get("date")),
        time=_str(v.get("time")),
        place=_str(v.get("place")),
        country=_str(v.get("country")),
        victims=[str(x) for x in v.get("victims") or []],
        perpetrators=[str(p) for p in v.get("perpetrators") or []],
        evidence=evidence,
        published=published,
    )


@dataclass(slots=True)
class _Act:
    type: str
    date: str | None
    tellings: list[Telling] = field(default_factory=list)
    other_dates: list[str] = field(default_factory=list)


def _as_date(value: str | None) -> dt.date | None:
    if value and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _agree(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return long.startswith(short)


def _near(a: str, b: str) -> bool:
    da, db = _as_date(a), _as_date(b)
    return da is not None and db is not None and abs((da - db).days) <= SAME_ACT_DAYS


def build_timeline(tellings: list[Telling]) -> list[TimelineEvent]:
    acts: list[_Act] = []
    dated = sorted(
        (t for t in tellings if t.date), key=lambda t: (date_key(t.date), -len(t.date or ""))
    )
    for t in dated:
        assert t.date is not None
        for act in acts:
            if act.type != t.type or act.date is None:
                continue
            if _agree(act.date, t.date):
                if len(t.date) > len(act.date):
                    act.date = t.date  # the more precise telling wins
                act.tellings.append(t)
                break
            if _near(act.date, t.date):
                if t.date not in act.other_dates:
                    act.other_dates.append(t.date)
                act.tellings.append(t)
                break
        else:
            acts.append(_Act(t.type, t.date, [t]))
    for t in (t for t in tellings if not t.date):
        limit = date_key(t.published) if t.published else (9, 0, 0, 0)
        candidates = [a for a in acts if a.type == t.type and a.date and date_key(a.date) <= limit]
        if candidates:
            max(candidates, key=lambda a: date_key(a.date)).tellings.append(t)
        else:
            same_undated = [a for a in acts if a.type == t.type and a.date is None]
            if same_undated and t.evidence.report_id not in {
                x.evidence.report_id for x in same_undated[0].tellings
            }:
                same_undated[0].tellings.append(t)
            else:
                acts.append(_Act(t.type, None, [t]))
    return sorted((_merge(a) for a in acts), key=sort_key)


def sort_key(event: TimelineEvent) -> tuple[tuple[int, int, int, int], int]:
    return (date_key(event.date), event_order(event.type))


def _first(values: list[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _reviewed_date(act: _Act, ts: list[Telling]) -> tuple[str | None, tuple[str, ...]]:
    """The act's date and the other dates given for it. A date a reviewer confirmed or
    corrected is the act's date; the machine's dates differing from it are listed as
    other dates, except those of reports whose own telling a reviewer settled (there the
    machine's date is superseded; it is kept in the claim's history)."""
    reviewed = [t.date for t in ts if t.evidence.reviewed and t.date]
    if not reviewed:
        return act.date, tuple(d for d in act.other_dates if d != act.date)
    date = max(reviewed, key=len)
    settled = {t.evidence.report_id for t in ts if t.evidence.reviewed}
    others: list[str] = []
    for t in ts:
        if not t.date or _agree(t.date, date) or t.date in others:
            continue
        if t.evidence.reviewed or t.evidence.report_id not in settled:
            others.append(t.date)
    return date, tuple(others)


def _merge(act: _Act) -> TimelineEvent:
    # Reviewed tellings first, then the most precise: their fields win.
    ts = sorted(act.tellings, key=lambda t: (not t.evidence.reviewed, -len(t.date or "")))
    date, other_dates = _reviewed_date(act, ts)
    victims: list[str] = []
    perpetrators: list[str] = []
    for t in ts:
        victims += [v for v in t.victims if v not in victims]
        perpetrators += [p for p in t.perpetrators if p not in perpetrators]
    return TimelineEvent(
        type=act.type,
        date=date,
        time=_first([t.time for t in ts]),
        place=_first([t.place for t in ts]),
        country=_first([t.country for t in ts]),
        victims=tuple(victims),
        perpetrators=tuple(perpetrators),
        evidence=tuple(t.evidence for t in ts),
        other_dates=other_dates,
    )
