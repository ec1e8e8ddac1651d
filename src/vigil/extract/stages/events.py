"""events.v1: acts of the 14 GUIDELINES types, with victims, date, place and evidence."""

from __future__ import annotations

import bisect
import re
from functools import cache

from vigil.extract import syntax
from vigil.extract.actors import victims_for
from vigil.extract.context import Context, Event
from vigil.extract.data import load
from vigil.extract.event_parties import (
    CLAUSE,
    acting_persons,
    hit_orgs,
    org_anaphor,
    trend,
    unnamed_group,
)
from vigil.extract.furniture import is_short_line, line_at
from vigil.extract.registry import stage

EVIDENCE_MAX = 300
# A date starting this close after a trigger belongs to it more than one before it.
_CLOSE_AFTER = 24
_BORN = re.compile(r"\bborn\b", re.I)
# "held in pre-trial detention until April 3": the day custody ends does not date the act.
_UNTIL = re.compile(r"\b(?:until|till|through)\s*$", re.I)
# Charge wording that a conviction in the same sentence only implies (no charge event).
_IMPLIED_CHARGE = re.compile(
    r"charges?\s+(?:of|against|including)|on\s+(?:the\s+)?(?:[\w-]+\s+)?(?:charges?|accusations?|allegations?)"
    r"|(?:accusations?|allegations?)\s+(?:of|including)",
    re.I,
)


@cache
def _rules() -> tuple[
    list[tuple[str, re.Pattern[str]]], re.Pattern[str], re.Pattern[str], int, frozenset[str]
]:
    data = load("events")
    triggers = [
        (etype, re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.I))
        for etype, words in data["triggers"].items()
    ]
    cues = _cue_rx([*data["cues"], *data["future_cues"]])
    perps = re.compile(r"(?<![\w-])(?:" + "|".join(data["perpetrators"]) + r")(?![\w-])", re.I)
    return triggers, cues, perps, int(data["cue_window"]), frozenset(data["carry_victims"])


@cache
def _any_trigger() -> re.Pattern[str]:
    """One pattern for every trigger: sentences without any are skipped cheaply."""
    data = load("events")
    words = [w for ws in data["triggers"].values() for w in ws]
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.I)


def _cue_rx(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])(?:" + "|".join(words) + r")(?![\w])", re.I)


@cache
def _scheduled_cues() -> re.Pattern[str]:
    """The cues without those of what is to come: a trial counts when scheduled."""
    return _cue_rx(load("events")["cues"])


def _negated(
    text: str, sent_start: int, trig_start: int, cues: re.Pattern[str], window: int
) -> bool:
    lo = max(sent_start, trig_start - window)
    before = text[lo:trig_start]
    # only the clause the trigger is in
    parts = CLAUSE.split(before)
    clause = parts[-1] if parts else before
    return bool(cues.search(clause))


@cache
def _after_cues() -> tuple[re.Pattern[str], int]:
    data = load("events")
    rx = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:" + "|".join(data["after_cues"]) + r")", re.I)
    return rx, int(data["after_window"])


@cache
def _cause_cues() -> tuple[re.Pattern[str], frozenset[str], int]:
    data = load("events")
    rx = re.compile(
        r"(?<![\w-])(?:" + "|".join(data["cause_cues"]) + r")\W+(?:[\w’'-]+\W+){0,4}?$", re.I
    )
    return rx, frozenset(data["cause_types"]), int(data["cause_reach"])


def _named_cause(etype: str, body: str, hit: re.Match[str], dates: list[int]) -> bool:
    """ "sentenced for taking part in peaceful protests": the protest is the reason named
    for another act, not an act told, unless a date of its own stands beside it."""
    rx, types, reach = _cause_cues()
    if etype not in types or not rx.search(body[max(0, hit.start() - 70) : hit.start()]):
        return False
    # "the 19 December protest rally", "the protests of July 11, 2021"
    return not any(hit.start() - 20 <= d <= hit.end() + reach for d in dates)


def _undone(body: str, end: int) -> bool:
    rx, window = _after_cues()
    return bool(rx.match(body[end : end + window]))


# A long direct quotation: a speaker's comment, not the report's account.
# Straight quotes are paired in order, so the text between two quotations is not one.
_QUOTE = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
_QUOTE_MIN = 62


def is_hypothetical(text: str, sent_start: int, pos: int) -> bool:
    """A negation, demand or hypothetical governs the words at ``pos``."""
    _t, cues, _p, window, _c = _rules()
    return _negated(text, sent_start, pos, cues, window)


def _clause(text: str, lo: int, hi: int, pos: int) -> tuple[int, int]:
    """The bounds of the clause of ``[lo, hi)`` that holds ``pos``."""
    c_lo, c_hi = lo, hi
    for m in CLAUSE.finditer(text, lo, hi):
        if m.end() <= pos:
            c_lo = m.end()
        elif m.start() > pos:
            c_hi = m.start()
            break
    return c_lo, c_hi


def _by_sentence(
    items: list[tuple[int, int, str]], sentences: list[tuple[int, int]]
) -> list[list[tuple[int, int, str]]]:
    """For each sentence, the items (start, end, value) lying wholly within it, in the
    items' own order (sentences are in text order and do not overlap)."""
    starts = [s for s, _e in sentences]
    out: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
    for item in items:
        i = bisect.bisect_right(starts, item[0]) - 1
        if i >= 0 and item[1] <= sentences[i][1]:
            out[i].append(item)
    return out


def _nearest(
    items: list[tuple[int, int, str]], pos: int, lo: int, hi: int, text: str | None = None
) -> str | None:
    """The item nearest ``pos`` in ``[lo, hi)``; with ``text``, its own clause comes first."""
    if text is not None:
        c_lo, c_hi = _clause(text, lo, hi, pos)
        inside = _nearest(items, pos, c_lo, c_hi)
        if inside is not None:
            return inside
    best: tuple[int, str] | None = None
    for s, e, v in items:
        if s >= lo and e <= hi:
            d = s - pos if s >= pos else (pos - e) + 1
            # prefer what comes before the trigger, unless it follows close behind
            # ("charged two days later", "arrested on 5 May")
            if s > pos:
                d = d // 2 if s <= pos + _CLOSE_AFTER else d * 2
            if best is None or d < best[0]:
                best = (d, v)
    return best[1] if best else None


def _act_date(
    ctx: Context,
    sent: tuple[int, int],
    hits: list[tuple[int, int]],
    anchors: list[tuple[int, int]],
    candidates: list[tuple[int, int, str]],
    fallback: str | None,
    *,
    described: bool,
) -> tuple[str | None, str | None]:
    """The date an act's sentence gives it, and the paragraph's date it may fall back on.

    With a parse, a date modifying another act of the sentence is never taken ("charged
    the activist who was arrested on 5 May"); "after her arrest" takes only a date of its
    own; "the detained workers" is undated.
    """
    s, e = sent
    text, trig = ctx.clean, hits[0][0]
    if described:
        return None, None
    again = [syntax.told_again(ctx, a, b) for a, b in hits]
    if all(again):
        inside = [c for c in candidates if any(a[0] <= c[0] < a[1] for a in again if a)]
        return _nearest(inside, trig, s, e), None
    ranked = syntax.date_ranks(
        ctx, hits, anchors, [c for c in candidates if s <= c[0] and c[1] <= e]
    )
    if ranked is None:
        return _nearest(candidates, trig, s, e, text), fallback
    date = next((d for rank in ranked if (d := _nearest(rank, trig, s, e, text))), None)
    return date, fallback


def evidence(text: str, sent: tuple[int, int], trig: tuple[int, int]) -> tuple[int, int]:
    s, e = sent
    if e - s <= EVIDENCE_MAX:
        return s, e
    lo = max(s, trig[0] - EVIDENCE_MAX // 2)
    hi = min(e, lo + EVIDENCE_MAX)
    while lo > s and not text[lo - 1].isspace():
        lo += 1
    while hi < e and not text[hi].isspace():
        hi -= 1
    return lo, hi


@stage("events.v1", order=50)
def find_events(ctx: Context) -> None:
    triggers, cues, perps, window, carry = _rules()
    text = ctx.clean
    # Birth dates never date an act.
    dated = [
        d
        for d in ctx.dates
        if not _BORN.search(text[max(0, d.start - 25) : d.start])
        and not _UNTIL.search(text[max(0, d.start - 12) : d.start])
    ]
    dated.sort(key=lambda d: d.start)
    dated_starts = [d.start for d in dated]
    dates = [(d.start, d.end, d.value) for d in dated if not d.relative]
    relative = [(d.start, d.end, d.value) for d in dated if d.relative]
    times = [(t.start, t.end, t.value) for t in ctx.times]
    places = [(p.start, p.end, p.name) for p in ctx.places if not p.sensitive]
    place_country = {p.name: p.country for p in ctx.places}
    # Each sentence's own dates, times and places: an act takes only those of its
    # sentence, and a scan of the whole report's for every act was quadratic.
    dates_in, relative_in, times_in, places_in = (
        _by_sentence(items, ctx.sentences) for items in (dates, relative, times, places)
    )
    para_date: str | None = None
    story_date: str | None = None  # the date of the last act told with a date of its own
    prev_end = 0
    for number, sent in enumerate(ctx.sentences):
        s, e = sent
        if ctx.deadline.passed():
            ctx.warnings.append(
                f"time budget spent (VIGIL_EXTRACT_BUDGET_SECONDS): events were read in the "
                f"first {s:,} of {len(text):,} characters; the record is partial"
            )
            break
        body = text[s:e]
        if "\n" in text[prev_end:s]:
            para_date = None  # a new paragraph starts without a date in force
        prev_end = e
        if is_furniture(text, sent):
            continue
        own = dated[bisect.bisect_left(dated_starts, s) : bisect.bisect_left(dated_starts, e)]
        # The paragraph's own date carries over; past it, the date of the last act the
        # report told ("were arrested on 12 January. ... They were charged with
        # defamation" is the January of the arrest; "the next day" is a date of its own:
        # extract/later.py).
        fallback = para_date or story_date
        first = _any_trigger().search(body)
        if not first:
            if own:
                para_date = own[-1].value
            continue
        own_starts = [d.start - s for d in own]
        found: list[tuple[str, list[re.Match[str]]]] = []
        quotes = (
            [q.span() for q in _QUOTE.finditer(body) if len(q.group()) >= _QUOTE_MIN]
            if "“" in body or '"' in body
            else []
        )
        # Words of a name are not triggers ("Regional Trial Court", "Popular Front").
        quotes += [(m.start - s - 1, m.end - s + 1) for m in ctx.mentions_in(s, e, "organization")]
        for etype, rx in triggers:
            hits = [
                m
                for m in rx.finditer(body, first.start())
                if not any(a < m.start() < b for a, b in quotes)
                and not _negated(
                    text, s, s + m.start(), _scheduled_cues() if etype == "trial" else cues, window
                )
                and not _undone(body, m.end())
                and not _named_cause(etype, body, m, own_starts)
            ]
            if hits:
                found.append((etype, hits))
        found = _inside_longer_dropped(found)
        found = _retyped(found, body)
        found = _natural_deaths_dropped(found, body)
        kinds = {etype for etype, _h in found}
        anchors = [(s + h.start(), s + h.end()) for _t, hs in found for h in hs]
        for etype, all_hits in found:
            readings = [(h, syntax.read(ctx, s + h.start(), s + h.end())) for h in all_hits]
            read_hits = [(h, r) for h, r in readings if r is None or r.eventive]
            if not read_hits:
                continue  # "hundreds of attacks", "a banned group": no act stated
            hits = [h for h, _r in read_hits]
            m = hits[0]
            trig = (s + m.start(), s + m.end())
            parsed = syntax.parties(ctx, etype, [(s + h.start(), s + h.end()) for h in hits])
            if parsed is not None and parsed.not_on_person:
                continue  # "his laptop and documents were taken": not an act on a person
            agents = (
                acting_persons(ctx, sent, trig)
                if etype in carry and not syntax.subject_undergoes(ctx, *trig)
                else []
            )
            if parsed is not None:
                agents = list(dict.fromkeys([*agents, *parsed.agents]))
                victims = [ctx.persons[i].name for i in parsed.victims if i not in agents]
            else:
                victims = [
                    ctx.persons[i].name
                    for i in victims_for(ctx, sent, carry=etype in carry)
                    if i not in agents
                ]
            perp_names = [ctx.persons[i].name for i in agents]
            if not victims and etype in ("search", "restriction", "threat", "attack"):
                victims = [ctx.organizations[i].name for i in hit_orgs(ctx, s, e, trig)]
            elif etype in ("search", "restriction"):
                # "raided the office of X", "the legal status of X and Y": the body is hit
                targets = hit_orgs(ctx, trig[1], min(e, trig[1] + 60))
                if targets:
                    victims = [ctx.organizations[i].name for i in targets]
            if not victims and etype in ("search", "restriction"):
                # "the site had been blocked", "its offices were searched": the body before
                victims = [ctx.organizations[i].name for i in org_anaphor(ctx, sent)]
            if (
                etype == "charge"
                and "sentence" in kinds
                and all(_IMPLIED_CHARGE.match(body, h.start()) for h in hits)
            ):
                continue
            c_lo, c_hi = _clause(text, s, e, trig[0])
            # "arrested 11 protesters, who were released the following day": a date counted
            # from another does not reach back from a later clause
            own_relative = [
                r
                for r in relative_in[number]
                if s <= r[0] and r[1] <= c_hi and (r[0] >= c_lo or r[1] <= trig[0])
            ]
            hit_spans = [(s + h.start(), s + h.end()) for h in hits]
            described = parsed is not None and parsed.described
            date, carried = _act_date(
                ctx,
                sent,
                hit_spans,
                anchors,
                dates_in[number] + own_relative,
                fallback,
                described=described,
            )
            inherited = date is None and carried is not None
            own_date = date
            date = date or carried
            place = _act_place(text, places_in[number], trig[0], s, e)
            ev_s, ev_e = evidence(text, sent, trig)
            perpetrators = list(
                dict.fromkeys([*perp_names, *(p.group() for p in perps.finditer(body))])
            )[:3]
            told = ctx.acts.setdefault((s, etype), [])
            told.extend(v for v in victims if v not in told)
            if not victims and trend(body):
                continue  # "at least 101 activists murdered since 2010": a trend
            unnamed = not victims and (
                (parsed is not None and parsed.unnamed)
                or unnamed_group(body, m.start(), m.end())
                or syntax.counted_people(ctx, *trig)
            )
            story_date = own_date or story_date
            ctx.events.append(
                Event(
                    type=etype,
                    start=ev_s,
                    end=ev_e,
                    trigger=trig,
                    date=date,
                    time=_nearest(times_in[number], trig[0], s, e),
                    place=place,
                    country=place_country.get(place or "") or ctx.country,
                    victims=victims,
                    perpetrators=perpetrators,
                    confidence=(0.6 if victims else 0.4) - (0.1 if inherited else 0.0),
                    unnamed=unnamed,
                    retold=all(syntax.retold(ctx, a, b) for a, b in hit_spans),
                )
            )
        if own:
            para_date = own[-1].value

    _merge(ctx)
    # Events naming no victim stay for the document-level resolution (resolution.v1), which
    # joins them to a telling that names the people or drops them.


# "head of the Popular Front of the Mangistau region": the place a title or a body belongs
# to, not where an act happened.
_OF_PLACE = re.compile(r"\bof\s+(?:the\s+)?$", re.I)


@cache
def _facility() -> re.Pattern[str]:
    words = "|".join(load("events")["place_facilities"])
    return re.compile(
        rf"\b(?:at|in|near|outside|to|from)\s+the\s+(?P<f>{words})\s+(?:in|of)\s+$", re.I
    )


def _act_place(
    text: str, places: list[tuple[int, int, str]], pos: int, lo: int, hi: int
) -> str | None:
    """The place of the act at ``pos``: the nearest in its sentence that is not the
    "of"-place of a title or body; "at the airport in Aktau" is "Aktau airport"."""
    inside = [p for p in places if p[0] >= lo and p[1] <= hi]
    where = [p for p in inside if not _OF_PLACE.search(text[max(lo, p[0] - 12) : p[0]])]
    name = _nearest(where or inside, pos, lo, hi)
    if name is None:
        return None
    start = next(p[0] for p in where or inside if p[2] == name)
    facility = _facility().search(text[max(lo, start - 40) : start])
    return f"{name} {facility.group('f').lower()}" if facility else name


def _inside_longer_dropped(
    found: list[tuple[str, list[re.Match[str]]]],
) -> list[tuple[str, list[re.Match[str]]]]:
    """A hit inside a longer hit of another type is that one's word ("house arrest" in
    "placed under house arrest"). Only hits starting at most the longest hit's length
    before can hold one (a sentence of thousands of triggers stays linear)."""
    spans = sorted((h.start(), h.end(), t) for t, hs in found for h in hs)
    starts = [a for a, _b, _t in spans]
    reach = max((b - a for a, b, _t in spans), default=0)
    out = []
    for t, hs in found:
        kept = []
        for h in hs:
            lo = bisect.bisect_left(starts, h.start() - reach)
            hi = bisect.bisect_right(starts, h.start())
            if not any(
                h.end() <= b and (b - a) > (h.end() - h.start()) and t2 != t
                for a, b, t2 in spans[lo:hi]
            ):
                kept.append(h)
        if kept:
            out.append((t, kept))
    return out


@cache
def _retype_rules() -> list[tuple[str, str, re.Pattern[str], re.Pattern[str] | None]]:
    return [
        (
            r["from"],
            r["to"],
            re.compile(r["when"], re.I),
            re.compile(r["unless"], re.I) if r.get("unless") else None,
        )
        for r in load("events")["retype"]
    ]


def _retyped(
    found: list[tuple[str, list[re.Match[str]]]], body: str
) -> list[tuple[str, list[re.Match[str]]]]:
    """Apply the ``retype`` rules (a beating in custody is torture), merging hits by type."""
    out: dict[str, list[re.Match[str]]] = {}
    for etype, hits in found:
        for src, dst, when, unless in _retype_rules():
            if etype == src and when.search(body) and not (unless and unless.search(body)):
                etype = dst
        out.setdefault(etype, []).extend(hits)
    return list(out.items())


@cache
def _natural_death() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load("events")["natural_death"]
    return re.compile(data["words"], re.I), re.compile(data["violence"], re.I)


def _natural_deaths_dropped(
    found: list[tuple[str, list[re.Match[str]]]], body: str
) -> list[tuple[str, list[re.Match[str]]]]:
    """ "the sudden death of X", "died while serving his sentence": no killing where the
    sentence tells no violence or custody."""
    words, violence = _natural_death()
    if violence.search(body):
        return found
    out = []
    for etype, hits in found:
        if etype == "killing":
            hits = [h for h in hits if not words.match(h.group())]
        if hits:
            out.append((etype, hits))
    return out


_FURNITURE_START = re.compile(r"^(?:-|\*|•|Categories:|Tags:|Topics:|Filed under)", re.I)


def is_furniture(text: str, sent: tuple[int, int]) -> bool:
    """A headline, menu item or list label rather than a sentence of the report."""
    s, e = sent
    body = text[s:e].strip()
    if _FURNITURE_START.match(body):
        return True
    lo, hi = line_at(text, s, e)
    if text[lo:hi].strip() != body:
        return False
    return is_short_line(text, lo, hi, 16)


def _compatible(a: str | None, b: str | None) -> bool:
    """Two dates that may name the same day: equal, one missing, or one within the other."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _merge(ctx: Context) -> None:
    """One act, one event: a later mention of the same act (same type, a shared victim,
    compatible dates) merges into the earlier one, which keeps the most precise date."""
    out: list[Event] = []
    # The earlier events one may merge into, by (type, victim), and those without victims
    # by (type, date): the only ones the rules above let it merge with. A scan of every
    # earlier event for every event was quadratic on reports telling thousands.
    by_victim: dict[tuple[str, str], set[int]] = {}
    by_date: dict[tuple[str, str | None], list[int]] = {}
    for ev in ctx.events:
        if ev.victims:
            pool = sorted({k for v in ev.victims for k in by_victim.get((ev.type, v), ())})
        else:
            pool = by_date.get((ev.type, ev.date), [])
        for k in pool:
            prev = out[k]
            if not _compatible(prev.date, ev.date):
                continue
            if len(ev.date or "") > len(prev.date or ""):
                prev.date = ev.date
            prev.victims = list(dict.fromkeys([*prev.victims, *ev.victims]))
            prev.time = prev.time or ev.time
            prev.place = prev.place or ev.place
            for v in ev.victims:
                by_victim.setdefault((ev.type, v), set()).add(k)
            break
        else:
            out.append(ev)
            for v in ev.victims:
                by_victim.setdefault((ev.type, v), set()).add(len(out) - 1)
            if not ev.victims:
                by_date.setdefault((ev.type, ev.date), []).append(len(out) - 1)
    ctx.events = out
