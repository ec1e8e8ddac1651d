"""Events of a lemma-read report: trigger lemmas per type, victims from the same sentence.

A sentence that names nobody but speaks of "the journalist" or "her" takes the person named
last before it. The same act told twice (same type and victims, no conflicting date) is one
event.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from vigil.extract.context import Context, Event, Mention
from vigil.extract.lemma.attach import predicates, reading, token_at
from vigil.extract.lemma.common import Lemmas, lemma_regex, lemmas
from vigil.extract.lemma.model import LemmaDoc, lemma, parses

# Roles whose persons are not victims of what a sentence tells.
_NOT_VICTIMS = frozenset({"official", "lawyer"})
# Kinds of organisations that act, never suffer what a sentence tells.
_ACTORS = frozenset({"state_body", "court"})
_WORDS = re.compile(r"[\w-]+")
_CLAUSE = re.compile(r"[,:;«\"“]|\bчто\b|\bкак\b", re.I)


@dataclass(frozen=True, slots=True)
class Referents:
    """How a sentence that names nobody points at someone (data/<lang>/events.yaml):
    pronouns, role nouns ("блогера"), plural pronouns, and the speech verbs whose speaker
    is a source, not the person a sentence is about."""

    nouns: re.Pattern[str]
    pronouns: frozenset[str]
    plural: frozenset[str]
    speech: frozenset[str]
    attribution: re.Pattern[str]
    # prepositions of an oblique an act is done to ("в отношении X", "обыск у X")
    patient_marks: frozenset[str]

    @classmethod
    def of(cls, spec: dict[str, Any]) -> Referents:
        return cls(
            lemma_regex(tuple(spec["person_nouns"] + spec["pronouns"])),
            frozenset(spec["pronouns"]),
            frozenset(spec["plural_pronouns"]),
            frozenset(spec["speech_verbs"]),
            re.compile(spec["attribution"], re.I),
            frozenset(spec["patient_prepositions"]),
        )


def _words_before(ctx: Context, pos: int, n: int) -> list[str]:
    return [lemma(w) for w in _WORDS.findall(ctx.clean[max(0, pos - 60) : pos])[-n:]]


def speaker(ctx: Context, mn: Mention, speech: frozenset[str]) -> bool:
    """ "сообщил правозащитник Абдурахмон Ташанов", "Ванецян заявил": a source, not a victim.
    A name right after a speech verb (a title or an outlet between them) or right before one.
    """
    s, e = ctx.sentence_of(mn.start)
    # "сообщил, что Ивана Петрова задержали": a name past a clause's start is not the
    # speaker's.
    text = _CLAUSE.split(ctx.clean[max(s, mn.start - 40) : mn.start])[-1]
    before = [w for w in _WORDS.findall(text)][-3:]
    after = _WORDS.findall(ctx.clean[mn.end : min(e, mn.end + 30)])[:1]
    return any(lemma(w) in speech for w in before + after)


def _source(ctx: Context, mn: Mention, refs: Referents) -> bool:
    """A person named only as the source of a sentence that tells nothing else: "Об этом
    сообщил правозащитник Абдурахмон Ташанов." ("его" after it is not Ташанов)."""
    s, e = ctx.sentence_of(mn.start)
    return bool(refs.attribution.search(ctx.clean[s:e])) and speaker(ctx, mn, refs.speech)


def _introduced(ctx: Context, mn: Mention, noun: str) -> bool:
    """Whether the text names this person right after the noun ("блогер Олимжон Хайдаров")."""
    return noun in _words_before(ctx, mn.start, 3)


def sentence_victims(ctx: Context, start: int, end: int, lem: Lemmas, refs: Referents) -> list[str]:
    """Names of the persons a sentence is about; in a sentence that names nobody, "их" is
    everyone the last sentence with victims named, "блогера" the person the text calls a
    blogger (before the sentence, else after it), "он" the person named last."""
    names: list[str] = []
    for mn in ctx.mentions_in(start, end, "person"):
        p = ctx.persons[mn.index]
        if p.role not in _NOT_VICTIMS and p.name not in names and not speaker(ctx, mn, refs.speech):
            names.append(p.name)
    if names:
        return names
    found = list(refs.nouns.finditer(lem.string))
    if not found:
        return []
    candidates = [
        mn
        for mn in ctx.mentions
        if mn.kind == "person"
        and ctx.persons[mn.index].role not in _NOT_VICTIMS
        and not (start <= mn.start < end)
    ]
    before = [mn for mn in candidates if mn.end <= start and not _source(ctx, mn, refs)]
    if any(m.group() in refs.plural for m in found) or _plural_noun(lem, found):
        if not before:
            return []
        # "Их обвинили ...": everyone the last sentence with victims named.
        last = ctx.sentence_of(before[-1].start)
        return list(
            dict.fromkeys(ctx.persons[mn.index].name for mn in before if mn.start >= last[0])
        )
    for m in found:
        if m.group() in refs.pronouns:
            continue
        named = [mn for mn in before if _introduced(ctx, mn, m.group())]
        if named:
            return [ctx.persons[named[-1].index].name]
        after = [mn for mn in candidates if mn.start >= end and _introduced(ctx, mn, m.group())]
        if after:
            return [ctx.persons[after[0].index].name]
    return [ctx.persons[before[-1].index].name] if before else []


def _plural_noun(lem: Lemmas, found: list[re.Match[str]]) -> bool:
    """ "правозащитникам грозит ...": a role noun in the plural points at several people."""
    for m in found:
        i = bisect.bisect_right(lem.starts, m.start()) - 1
        if not 0 <= i < len(lem.tokens):
            continue
        ps = [p for p in parses(lem.tokens[i].text) if p.normal_form == m.group()]
        if ps and all(p.tag.number == "plur" for p in ps):
            return True
    return False


def find_events(ctx: Context, doc: LemmaDoc, spec: dict[str, Any]) -> None:
    triggers = {t: lemma_regex(tuple(ws)) for t, ws in spec["triggers"].items()}
    not_acts = lemma_regex(tuple(spec["not_acts"]))
    refs = Referents.of(spec)
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
                victims = _listed(ctx, s, e) or sentence_victims(ctx, s, e, lem, refs)
            # a state body or a court acts, it is not searched or charged
            orgs = [
                ctx.organizations[mn.index].name
                for mn in ctx.mentions_in(s, e, "organization")
                if ctx.organizations[mn.index].kind not in _ACTORS
                and not speaker(ctx, mn, refs.speech)  # "сообщает Интерфакс"
            ]
            t0, t1 = lem.span(m.start(), m.end())
            # "судья Иванов приговорил Петрова": the act is Петров's, as the parse reads it
            preds = predicates(doc, token_at(doc, t0))
            told = reading(ctx, doc, (s, e), preds, refs.patient_marks).narrow(victims)
            who = told or (orgs[:1] if etype in ("search", "restriction", "charge") else [])
            if not who and etype not in unnamed_ok:
                continue
            if any(ev.type == etype and ev.start == s for ev in ctx.events):
                continue
            ctx.events.append(
                Event(
                    type=etype,
                    start=s,
                    end=e,
                    trigger=(t0, t1),
                    date=event_date(ctx, s, e, t0),
                    victims=list(who),
                    country=ctx.country,
                    confidence=0.6 if who else 0.4,
                    unnamed=not who,
                )
            )
    _merge(ctx)


_ITEM = re.compile(r"\s*[-–—•●*·▪]\s*|\s*\d{1,2}[.)]\s+")


def _listed(ctx: Context, s: int, e: int) -> list[str]:
    """ "В Ереване задержаны:\n- Тарон Манукян — сын депутата;\n- Арсен Мартоян — член
    ...": a sentence that ends at a colon tells its act of the persons that open the list
    items after it."""
    if not ctx.clean[s:e].rstrip().endswith(":"):
        return []
    names: list[str] = []
    i = bisect.bisect_right([st for st, _ in ctx.sentences], s)
    for ls, le in ctx.sentences[i:]:
        item = _ITEM.match(ctx.clean, ls)
        if not item:
            break
        first = [mn for mn in ctx.mentions_in(ls, le, "person") if mn.start <= item.end() + 2]
        if first and ctx.persons[first[0].index].name not in names:
            names.append(ctx.persons[first[0].index].name)
    return names


def event_date(ctx: Context, s: int, e: int, trigger: int) -> str | None:
    """The date of the sentence nearest its trigger, else (a news report tells its acts
    after the date it gave last, a weekday or "вчера" included) the last date before the
    sentence."""
    dates = [d for d in ctx.dates if s <= d.start < e]
    dates.sort(key=lambda d: (d.relative, abs(d.start - trigger)))
    if not dates:
        # "Сотрудники МВД в понедельник задержали X. ... Вартаняна задержали за ...": a
        # weekday or "сегодня" dates what the news tells after it as a full date does
        dates = [d for d in ctx.dates if d.start < s][-1:]
    return dates[0].value if dates else None


def _merge(ctx: Context) -> None:
    kept: list[Event] = []
    for ev in ctx.events:
        for k in kept:
            if _same_act(k, ev):
                k.victims = list(dict.fromkeys(k.victims + ev.victims))
                k.date = k.date or ev.date
                break
        else:
            kept.append(ev)
    ctx.events = _unnamed_told_again(kept)


def _same_act(k: Event, ev: Event) -> bool:
    """The same act told twice: same type, no conflicting date, and the same victims, or
    (told again of some of them: "судят журналистов X, Y и Z", then "последнее слово X,
    которого судят ...") the victims of one among those of the other."""
    if k.type != ev.type or not (k.date is None or ev.date is None or k.date == ev.date):
        return False
    a, b = set(k.victims), set(ev.victims)
    if a == b:
        return bool(a) or k.date == ev.date
    return bool(a and b) and (a <= b or b <= a)


def _unnamed_told_again(events: list[Event]) -> list[Event]:
    """ "МВД сообщило о задержании 20 участников" (dated) and "Среди задержанных Важа
    Гаприндашвили" (undated): an act told of nobody named and one of the same type told of
    named people, with no conflicting date, are one act (the named one, with the date)."""
    out: list[Event] = []
    for ev in events:
        if ev.victims:
            out.append(ev)
            continue
        same = [
            k
            for k in events
            if k.victims
            and k.type == ev.type
            and (k.date is None or ev.date is None or k.date.startswith(ev.date))
        ]
        if not same:
            out.append(ev)
            continue
        for k in same:
            k.date = k.date or ev.date
    return out
