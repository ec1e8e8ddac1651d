"""Who an act involves besides its named victims: the persons and bodies doing it, the
bodies it hits ("the site had been blocked"), and unnamed people it was done to."""

from __future__ import annotations

import re
from functools import cache

from vigil.extract.actors import orgs_in
from vigil.extract.context import Context
from vigil.extract.data import load
from vigil.extract.gazetteer import fold

CLAUSE = re.compile(
    r"[;:]|,\s+(?:but|while|whereas|although|and)\s|\b(?:after|before|since|because|who|which|when|where)\b"
)
# Between a doer's name and the verb: ", who", an adverb, an auxiliary.
_AGENT_GAP = re.compile(r"^,?\s*(?:who\s+)?(?:\w+ly\s+)?(?:has\s+|had\s+|have\s+)?$")
_VERB = re.compile(r"(?:ed|shot|beat|threw)$", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?$", re.I)


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


def unnamed_group(body: str, start: int, end: int) -> bool:
    """Unnamed people close to the trigger, in its clause ("dozens of protesters were held")."""
    rx, reach = _unnamed_rx()
    lo, hi = max(0, start - reach), min(len(body), end + reach)
    for cm in CLAUSE.finditer(body, lo, hi):
        if cm.group().strip().lower() in ("who", "which"):
            continue  # "11 protesters, who were released": the group is who
        if cm.end() <= start:
            lo = cm.end()
        elif cm.start() >= end:
            hi = cm.start()
            break
    return bool(rx.search(body, lo, hi))


@cache
def _trend_rx() -> re.Pattern[str]:
    return re.compile(load("events")["trend_spans"], re.I)


def trend(body: str) -> bool:
    """The sentence tells acts over a span of time ("since 2010", "in recent months")."""
    return bool(_trend_rx().search(body))


@cache
def _platforms() -> frozenset[str]:
    known = load("organizations")["known"]
    return frozenset(fold(name) for name, kind in known.items() if kind == "company")


def hit_orgs(
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


def org_anaphor(ctx: Context, sent: tuple[int, int]) -> list[int]:
    """ "the site", "its channel": the last organization named in the sentences before."""
    if not _ORG_ANAPHOR.search(ctx.clean, sent[0], sent[1]):
        return []
    idx = ctx.sentences.index(sent) if sent in ctx.sentences else -1
    for back in range(idx - 1, max(-1, idx - 3), -1):
        found = hit_orgs(ctx, *ctx.sentences[back])
        if found:
            return found[-1:]
    return []


def acting_persons(ctx: Context, sent: tuple[int, int], trig: tuple[int, int]) -> list[int]:
    """Persons who do the act: named just before an active-voice trigger in its clause.

    "Timur Kulibayev, who illegally dismissed thousands" makes Kulibayev the perpetrator.
    """
    before = ctx.clean[sent[0] : trig[0]]
    if _PASSIVE.search(before):
        return []
    clause_start = sent[0]
    for cm in CLAUSE.finditer(before):
        if cm.group().strip().lower() not in ("who", "which"):
            clause_start = sent[0] + cm.end()
    out = []
    for pm in ctx.mentions_in(clause_start, trig[0], "person"):
        gap = ctx.clean[pm.end : trig[0]]
        if _AGENT_GAP.match(gap) and _VERB.search(ctx.clean[trig[0] : trig[1]]):
            out.append(pm.index)
    # A victim named right after the trigger ("detained X") keeps the act's victim side.
    return out
