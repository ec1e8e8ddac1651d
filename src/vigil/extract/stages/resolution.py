"""resolution.v1: one reading of the whole report's events, after each sentence has told
its own (events.v1).

- An act named in passing ("the arrest of X", "his arrest") is the act the report tells
  elsewhere: it joins that telling, whose date wins ("expressed outrage on Tuesday over the
  arrest of two journalists" is not a second arrest on Tuesday).
- An act told for people the sentence does not name ("Eight activists were charged on
  Thursday"), followed closely by the same act naming them ("Those charged included X and
  Y"), is one event: the names of the one, the date of the other.
- An act that names no victim and is not stated for unnamed people is dropped, unless its
  type is one that hits crowds (data/events.yaml ``unnamed_ok``).
"""

from __future__ import annotations

import bisect

from vigil.extract.context import Context, Event
from vigil.extract.data import load
from vigil.extract.registry import stage

# How many sentences after an unnamed telling the same act may name its people.
_NAMES_WITHIN = 2


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _join(into: Event, other: Event, *, date_from_other: bool) -> None:
    if date_from_other and other.date and (into.date is None or _compatible(into.date, other.date)):
        if len(other.date) > len(into.date or ""):
            into.date = other.date
    elif into.date is None:
        into.date = other.date
    into.victims = list(dict.fromkeys([*into.victims, *other.victims]))
    into.perpetrators = list(dict.fromkeys([*into.perpetrators, *other.perpetrators]))[:3]
    into.time = into.time or other.time
    into.place = into.place or other.place
    into.unnamed = into.unnamed and other.unnamed


def _retold_joined(events: list[Event], types: frozenset[str]) -> list[Event]:
    """Each act named in passing joins a telling of the same act (same type, a shared
    victim); the telling keeps its date."""
    out = [e for e in events if not (e.retold and e.type in types)]
    for ev in events:
        if not (ev.retold and ev.type in types):
            continue
        told = next(
            (
                o
                for o in out
                if o.type == ev.type and not o.retold and set(o.victims) & set(ev.victims)
            ),
            None,
        )
        if told is None:
            out.append(ev)
        else:
            _join(told, ev, date_from_other=False)
    return sorted(out, key=lambda e: e.trigger[0])


def _named_later(ctx: Context, events: list[Event]) -> list[Event]:
    """An unnamed telling joins the same act named within the next sentences."""
    starts = [s for s, _e in ctx.sentences]

    def sentence_no(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    dropped: set[int] = set()
    for i, ev in enumerate(events):
        if ev.victims or ev.retold:
            continue
        here = sentence_no(ev.trigger[0])
        for j in range(i + 1, len(events)):
            later = events[j]
            if sentence_no(later.trigger[0]) - here > _NAMES_WITHIN:
                break
            if later.type == ev.type and later.victims and _compatible(later.date, ev.date):
                _join(later, ev, date_from_other=True)
                dropped.add(i)
                break
    return [e for i, e in enumerate(events) if i not in dropped]


@stage("resolution.v1", order=55)
def resolve_events(ctx: Context) -> None:
    data = load("events")
    events = sorted(ctx.events, key=lambda e: e.trigger[0])
    events = _named_later(ctx, events)
    events = _retold_joined(events, frozenset(data["retold_types"]))
    keep = frozenset(data["unnamed_ok"])
    ctx.events = [e for e in events if e.victims or e.unnamed or e.type in keep]
