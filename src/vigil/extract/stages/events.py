"""events.v1: acts of the 14 GUIDELINES types, with victims, date, place and evidence."""

from __future__ import annotations

import re
from functools import cache

from vigil.extract.actors import orgs_in, victims_for
from vigil.extract.context import Context, Event
from vigil.extract.data import load
from vigil.extract.gazetteer import fold
from vigil.extract.registry import stage

EVIDENCE_MAX = 300
# A date starting this close after a trigger belongs to it more than one before it.
_CLOSE_AFTER = 24
_CLAUSE = re.compile(
    r"[;:]|,\s+(?:but|while|whereas|although|and)\s|\b(?:after|before|since|because|who|which|when|where)\b"
)
# Between a doer's name and the verb: ", who", an adverb, an auxiliary.
_AGENT_GAP = re.compile(r"^,?\s*(?:who\s+)?(?:\w+ly\s+)?(?:has\s+|had\s+|have\s+)?$")
_VERB = re.compile(r"(?:ed|shot|beat|threw)$", re.I)
_BORN = re.compile(r"\bborn\b", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?$", re.I)
_NEXT_DAY = re.compile(r"\b(?:the\s+)?(?:next|following)\s+day\b", re.I)
_SAME_DAY = re.compile(
    r"\b(?:the\s+)?same\s+day\b|\bthat\s+(?:morning|evening|night|afternoon)\b", re.I
)
# Charge wording that a conviction in the same sentence only implies (no charge event).
_IMPLIED_CHARGE = re.compile(r"charges?\s+of|on\s+(?:\w+\s+)?charges?|charges?\s+against", re.I)


@cache
def _rules() -> tuple[
    list[tuple[str, re.Pattern[str]]], re.Pattern[str], re.Pattern[str], int, frozenset[str]
]:
    data = load("events")
    triggers = [
        (etype, re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.I))
        for etype, words in data["triggers"].items()
    ]
    cues = re.compile(r"(?<![\w'])(?:" + "|".join(data["cues"]) + r")(?![\w])", re.I)
    perps = re.compile(r"(?<![\w-])(?:" + "|".join(data["perpetrators"]) + r")(?![\w-])", re.I)
    return triggers, cues, perps, int(data["cue_window"]), frozenset(data["carry_victims"])


@cache
def _any_trigger() -> re.Pattern[str]:
    """One pattern for every trigger: sentences without any are skipped cheaply."""
    data = load("events")
    words = [w for ws in data["triggers"].values() for w in ws]
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.I)


def _negated(
    text: str, sent_start: int, trig_start: int, cues: re.Pattern[str], window: int
) -> bool:
    lo = max(sent_start, trig_start - window)
    before = text[lo:trig_start]
    # only the clause the trigger is in
    parts = _CLAUSE.split(before)
    clause = parts[-1] if parts else before
    return bool(cues.search(clause))


@cache
def _after_cues() -> tuple[re.Pattern[str], int]:
    data = load("events")
    rx = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:" + "|".join(data["after_cues"]) + r")", re.I)
    return rx, int(data["after_window"])


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
    for m in _CLAUSE.finditer(text, lo, hi):
        if m.end() <= pos:
            c_lo = m.end()
        elif m.start() > pos:
            c_hi = m.start()
            break
    return c_lo, c_hi


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
    dated = [d for d in ctx.dates if not _BORN.search(text[max(0, d.start - 25) : d.start])]
    dates = [(d.start, d.end, d.value) for d in dated if not d.relative]
    relative = [(d.start, d.end, d.value) for d in dated if d.relative]
    times = [(t.start, t.end, t.value) for t in ctx.times]
    places = [(p.start, p.end, p.name) for p in ctx.places if not p.sensitive]
    place_country = {p.name: p.country for p in ctx.places}
    para_date: str | None = None
    prev_end = 0
    for sent in ctx.sentences:
        s, e = sent
        body = text[s:e]
        if "\n" in text[prev_end:s]:
            para_date = None  # a new paragraph starts without a date in force
        prev_end = e
        if is_furniture(text, sent):
            continue
        own = [d for d in dated if s <= d.start < e]
        # Only the paragraph's own date carries over; beyond it a date would be a guess.
        fallback = para_date
        if not own and para_date and _NEXT_DAY.search(body):
            fallback = _shift(para_date, 1)
        first = _any_trigger().search(body)
        if not first:
            if own:
                para_date = own[-1].value
            continue
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
                and not _negated(text, s, s + m.start(), cues, window)
                and not _undone(body, m.end())
            ]
            if hits:
                found.append((etype, hits))
        spans = [(h.start(), h.end(), t) for t, hs in found for h in hs]
        found = [
            (t, kept)
            for t, hs in found
            if (
                kept := [
                    h
                    for h in hs
                    if not any(
                        a <= h.start() and h.end() <= b and (b - a) > (h.end() - h.start())
                        for a, b, t2 in spans
                        if t2 != t
                    )
                ]
            )
        ]
        found = _retyped(found, body)
        kinds = {etype for etype, _h in found}
        for etype, hits in found:
            m = hits[0]
            trig = (s + m.start(), s + m.end())
            agents = _agents(ctx, sent, trig) if etype in carry else []
            victims = [
                ctx.persons[i].name
                for i in victims_for(ctx, sent, carry=etype in carry)
                if i not in agents
            ]
            perp_names = [ctx.persons[i].name for i in agents]
            if not victims and etype in ("search", "restriction", "threat", "attack"):
                victims = [ctx.organizations[i].name for i in _hit_orgs(ctx, s, e, trig)]
            elif etype in ("search", "restriction"):
                # "raided the office of X", "the legal status of X and Y": the body is hit
                targets = _hit_orgs(ctx, trig[1], min(e, trig[1] + 60))
                if targets:
                    victims = [ctx.organizations[i].name for i in targets]
            if not victims and etype in ("search", "restriction"):
                # "the site had been blocked", "its offices were searched": the body before
                victims = [ctx.organizations[i].name for i in _org_anaphor(ctx, sent)]
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
                for r in relative
                if s <= r[0] and r[1] <= c_hi and (r[0] >= c_lo or r[1] <= trig[0])
            ]
            date = _nearest(dates + own_relative, trig[0], s, e, text)
            inherited = date is None and fallback is not None
            date = date or fallback
            place = _nearest(places, trig[0], s, e)
            ev_s, ev_e = evidence(text, sent, trig)
            perpetrators = list(
                dict.fromkeys([*perp_names, *(p.group() for p in perps.finditer(body))])
            )[:3]
            unnamed = not victims and _unnamed_group(body, m.start(), m.end())
            ctx.events.append(
                Event(
                    type=etype,
                    start=ev_s,
                    end=ev_e,
                    trigger=trig,
                    date=date,
                    time=_nearest(times, trig[0], s, e),
                    place=place,
                    country=place_country.get(place or "") or ctx.country,
                    victims=victims,
                    perpetrators=perpetrators,
                    confidence=(0.6 if victims else 0.4) - (0.1 if inherited else 0.0),
                    unnamed=unnamed,
                )
            )
        if own:
            para_date = own[-1].value

    _merge(ctx)
    keep = frozenset(load("events")["unnamed_ok"])
    ctx.events = [e for e in ctx.events if e.victims or e.unnamed or e.type in keep]


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


# "blocked at the request of X", "suspended by X": X acts, it is not hit
_ORG_AGENT = re.compile(
    r"\b(?:by|at the request of|on the orders? of|requested by|on behalf of)\s+(?:the\s+)?$", re.I
)
_ORG_ANAPHOR = re.compile(
    r"\b(?:the|its|their)\s+(?:(?:news\s+)?(?:web)?site|channel|outlet|newspaper|paper|"
    r"organi[sz]ation|group|offices?|agency|initiative|association|NGO|party|movement|"
    r"publication|magazine|station|union)\b|\bits\s",
    re.I,
)


@cache
def _unnamed_rx() -> tuple[re.Pattern[str], int]:
    data = load("events")
    return re.compile(data["unnamed_groups"], re.I), int(data["unnamed_reach"])


def _unnamed_group(body: str, start: int, end: int) -> bool:
    """Unnamed people close to the trigger, in its clause ("dozens of protesters were held")."""
    rx, reach = _unnamed_rx()
    lo, hi = max(0, start - reach), min(len(body), end + reach)
    for cm in _CLAUSE.finditer(body, lo, hi):
        if cm.group().strip().lower() in ("who", "which"):
            continue  # "11 protesters, who were released": the group is who
        if cm.end() <= start:
            lo = cm.end()
        elif cm.start() >= end:
            hi = cm.start()
            break
    return bool(rx.search(body, lo, hi))


@cache
def _platforms() -> frozenset[str]:
    known = load("organizations")["known"]
    return frozenset(fold(name) for name, kind in known.items() if kind == "company")


def _hit_orgs(
    ctx: Context, start: int, end: int, trigger: tuple[int, int] | None = None
) -> list[int]:
    """Organizations in ``[start, end)`` that an act hits, not those doing it."""
    out = []
    acting = set(_org_agents(ctx, trigger)) if trigger else set()
    for i in orgs_in(ctx, start, end):
        if i in acting:
            continue
        if fold(ctx.organizations[i].name) in _platforms():
            continue  # "its Telegram channel was blocked": the channel's owner is hit
        spans = [m for m in ctx.mentions_in(start, end, "organization") if m.index == i]
        if all(_ORG_AGENT.search(ctx.clean[max(0, m.start - 30) : m.start]) for m in spans):
            continue
        out.append(i)
    return out


def _org_agents(ctx: Context, trig: tuple[int, int]) -> list[int]:
    """ "the Ethiopian Media Authority suspended ...": a body named just before an active verb."""
    sent = ctx.sentence_of(trig[0])
    before = ctx.clean[sent[0] : trig[0]]
    verb = ctx.clean[trig[0] : trig[1]].split()[0]  # "suspended the licence"
    if _PASSIVE.search(before) or not _VERB.search(verb):
        return []
    return [
        m.index
        for m in ctx.mentions_in(sent[0], trig[0], "organization")
        if _AGENT_GAP.match(ctx.clean[m.end : trig[0]])
    ]


def _org_anaphor(ctx: Context, sent: tuple[int, int]) -> list[int]:
    """ "the site", "its channel": the last organization named in the sentences before."""
    if not _ORG_ANAPHOR.search(ctx.clean, sent[0], sent[1]):
        return []
    idx = ctx.sentences.index(sent) if sent in ctx.sentences else -1
    for back in range(idx - 1, max(-1, idx - 3), -1):
        found = _hit_orgs(ctx, *ctx.sentences[back])
        if found:
            return found[-1:]
    return []


def _agents(ctx: Context, sent: tuple[int, int], trig: tuple[int, int]) -> list[int]:
    """Persons who do the act: named just before an active-voice trigger in its clause.

    "Timur Kulibayev, who illegally dismissed thousands" makes Kulibayev the perpetrator.
    """
    before = ctx.clean[sent[0] : trig[0]]
    if _PASSIVE.search(before):
        return []
    clause_start = sent[0]
    for cm in _CLAUSE.finditer(before):
        if cm.group().strip().lower() not in ("who", "which"):
            clause_start = sent[0] + cm.end()
    out = []
    for pm in ctx.mentions_in(clause_start, trig[0], "person"):
        gap = ctx.clean[pm.end : trig[0]]
        if _AGENT_GAP.match(gap) and _VERB.search(ctx.clean[trig[0] : trig[1]]):
            out.append(pm.index)
    # A victim named right after the trigger ("detained X") keeps the act's victim side.
    return out


def _shift(iso: str, days: int) -> str | None:
    import datetime as dt

    if len(iso) != 10:
        return None
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()


_FURNITURE_START = re.compile(r"^(?:-|\*|•|Categories:|Tags:|Topics:|Filed under)", re.I)


def is_furniture(text: str, sent: tuple[int, int]) -> bool:
    """A headline, menu item or list label rather than a sentence of the report."""
    s, e = sent
    body = text[s:e].strip()
    if _FURNITURE_START.match(body):
        return True
    lo = text.rfind("\n", 0, s) + 1
    hi = text.find("\n", e)
    line = text[lo : hi if hi >= 0 else len(text)].strip()
    if line != body:
        return False
    return len(body.split()) <= 16 and not re.search(r"[.!?”\"’)]$", body)


def _merge(ctx: Context) -> None:
    """One act, one event: same type and victims, compatible dates."""
    out: list[Event] = []
    for ev in ctx.events:
        for prev in out:
            if prev.type != ev.type or set(prev.victims) != set(ev.victims):
                continue
            if prev.date and ev.date and prev.date != ev.date:
                continue
            if not ev.victims and prev.date != ev.date:
                continue
            prev.date = prev.date or ev.date
            prev.time = prev.time or ev.time
            prev.place = prev.place or ev.place
            break
        else:
            out.append(ev)
    ctx.events = out
