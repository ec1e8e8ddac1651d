"""Events of a lemma-read report: trigger lemmas per type, victims from the same sentence.

A sentence that names nobody but speaks of "the journalist" or "her" takes the person named
last before it. The same act told twice (same type and victims, no conflicting date) is one
event.
"""

from __future__ import annotations

from typing import Any

from vigil.extract.context import Context, Event
from vigil.extract.lemma.common import Lemmas, lemma_regex, lemmas
from vigil.extract.lemma.model import LemmaDoc

# Roles whose persons are not victims of what a sentence tells.
_NOT_VICTIMS = frozenset({"official", "lawyer"})
# Pronoun lemmas that point back to several people.
_PLURAL = frozenset({"они", "их", "им", "ими", "них"})


def sentence_victims(ctx: Context, start: int, end: int, lem: Lemmas, nouns: Any) -> list[str]:
    """Names of the persons a sentence is about (or the one named last, for "he")."""
    names: list[str] = []
    for mn in ctx.mentions_in(start, end, "person"):
        p = ctx.persons[mn.index]
        if p.role not in _NOT_VICTIMS and p.name not in names:
            names.append(p.name)
    if names:
        return names
    m = nouns.search(lem.string)
    if m is None:
        return []
    before = [
        mn
        for mn in ctx.mentions
        if mn.kind == "person"
        and mn.end <= start
        and ctx.persons[mn.index].role not in _NOT_VICTIMS
    ]
    if not before:
        return []
    if m.group() in _PLURAL:
        # "Их обвинили ...": everyone the last sentence with victims named.
        last = ctx.sentence_of(before[-1].start)
        return list(
            dict.fromkeys(ctx.persons[mn.index].name for mn in before if mn.start >= last[0])
        )
    return [ctx.persons[before[-1].index].name]


def find_events(ctx: Context, doc: LemmaDoc, spec: dict[str, Any]) -> None:
    triggers = {t: lemma_regex(tuple(ws)) for t, ws in spec["triggers"].items()}
    not_acts = lemma_regex(tuple(spec["not_acts"]))
    nouns = lemma_regex(tuple(spec["person_nouns"]))
    unnamed_ok = set(spec["unnamed_ok"])
    short = lemma_regex(tuple(spec["short_terms"]))
    for s, e in ctx.sentences:
        lem = lemmas(doc, s, e)
        if not lem.tokens:
            continue
        victims: list[str] | None = None
        for etype, pat in triggers.items():
            m = pat.search(lem.string)
            if m is not None and etype == "sentence" and short.search(lem.string):
                # "приговорили к 15 суткам": an administrative arrest is a detention.
                etype = "detention"
            if m is None:
                continue
            stop = not_acts.search(lem.string[: m.start()])
            if stop is not None:
                continue
            if victims is None:
                victims = sentence_victims(ctx, s, e, lem, nouns)
            orgs = [
                ctx.organizations[mn.index].name for mn in ctx.mentions_in(s, e, "organization")
            ]
            who = victims or (orgs[:1] if etype in ("search", "restriction", "charge") else [])
            if not who and etype not in unnamed_ok:
                continue
            t0, t1 = lem.span(m.start(), m.end())
            dates = [d for d in ctx.dates if s <= d.start < e]
            dates.sort(key=lambda d: (d.relative, abs(d.start - t0)))
            if not dates:
                # A news report tells its acts after the date it gave last.
                dates = [d for d in ctx.dates if d.start < s and not d.relative][-1:]
            if any(ev.type == etype and ev.start == s for ev in ctx.events):
                continue
            ctx.events.append(
                Event(
                    type=etype,
                    start=s,
                    end=e,
                    trigger=(t0, t1),
                    date=dates[0].value if dates else None,
                    victims=list(who),
                    country=ctx.country,
                    confidence=0.6 if who else 0.4,
                    unnamed=not who,
                )
            )
    _merge(ctx)


def _merge(ctx: Context) -> None:
    kept: list[Event] = []
    for ev in ctx.events:
        for k in kept:
            if (
                k.type == ev.type
                and set(k.victims) == set(ev.victims)
                and (k.date is None or ev.date is None or k.date == ev.date)
                and (k.victims or k.date == ev.date)
            ):
                k.date = k.date or ev.date
                break
        else:
            kept.append(ev)
    ctx.events = kept
