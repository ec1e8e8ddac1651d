"""Persons and organisations of a lemma-read report: the model's entities, grouped by name keys.

A person's name is the fullest form in the nominative; every form the text uses, inflected
ones included, is an alias. Full names group by their set of name keys; a surname alone
joins the nearest full name before it with that surname (so "Айжангуль Амирова" and her
brother "Эльмурат Амиров" stay two persons while "Амировой" joins the one named last).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vigil.extract.context import Context, Mention, Organization, Person
from vigil.extract.gazetteer import fold
from vigil.extract.lemma.common import data, lemma_regex, lemmas
from vigil.extract.lemma.model import LemmaDoc, lemma
from vigil.extract.lemma.morph import is_nominative, name_key, nominative

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_QUOTED = re.compile(r"[«\"“„]([^«»\"“”„\n]{2,60})[»\"”“]")


@dataclass(slots=True)
class _Group:
    keys: frozenset[str]
    spans: list[tuple[int, int]] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)


def _person_spans(ctx: Context, doc: LemmaDoc) -> list[tuple[int, int]]:
    names = data(ctx, "names")
    skip = {fold(w) for w in names["not_persons"]}
    particles = set(names["particles"])
    out = []
    for s, e, label in doc.ents:
        if label != "PERSON":
            continue
        text = ctx.clean[s:e]
        if fold(text) in skip or not text[:1].isupper():
            continue
        m = re.match(r"\s+(\w+)", ctx.clean[e : e + 12])
        if m and m.group(1).lower() in particles:
            e += m.end()
        out.append((s, e))
    return out


def find_persons(ctx: Context, doc: LemmaDoc) -> None:
    groups: list[_Group] = []
    singles: list[tuple[int, int]] = []
    for s, e in _person_spans(ctx, doc):
        words = _WORD.findall(ctx.clean[s:e])
        if len(words) >= 2:
            keys = frozenset(name_key(w) for w in words)
            for g in groups:
                if keys <= g.keys or g.keys <= keys:
                    g.keys = g.keys | keys
                    break
            else:
                g = _Group(keys)
                groups.append(g)
            g.spans.append((s, e))
        elif words:
            singles.append((s, e))
    for s, e in singles:
        key = name_key(ctx.clean[s:e])
        best = None
        for g in groups:
            if key in g.keys and (best is None or _before(g, s) >= _before(best, s)):
                best = g
        if best is None:
            best = _Group(frozenset([key]))
            groups.append(best)
        best.spans.append((s, e))
    roles = {r: set(ws) for r, ws in data(ctx, "names")["roles"].items()}
    for g in groups:
        g.spans.sort()
        forms = list(dict.fromkeys(ctx.clean[s:e] for s, e in g.spans))
        longest = max(len(_WORD.findall(f)) for f in forms)
        full = [f for f in forms if len(_WORD.findall(f)) == longest]
        nom = [f for f in full if is_nominative(_WORD.findall(f))]
        name = nom[0] if nom else " ".join(nominative(_WORD.findall(full[0])))
        person = Person(
            name=name,
            aliases=[f for f in forms if f != name],
            spans=g.spans,
            role=_role(ctx, g.spans, roles),
            confidence=0.8 if longest > 1 else 0.5,
        )
        idx = len(ctx.persons)
        ctx.persons.append(person)
        for s, e in g.spans:
            ctx.mentions.append(Mention(s, e, "person", idx))


def _before(g: _Group, pos: int) -> int:
    before = [s for s, _ in g.spans if s < pos]
    return max(before) if before else -1


def _role(ctx: Context, spans: list[tuple[int, int]], roles: dict[str, set[str]]) -> str:
    for s, _ in spans:
        prev = re.findall(r"[\w-]+", ctx.clean[max(0, s - 40) : s])[-2:]
        for word in reversed(prev):
            lem = lemma(word)
            for role, words in roles.items():
                if lem in words:
                    return role
    return "victim"


def find_organizations(ctx: Context, doc: LemmaDoc) -> None:
    orgs = data(ctx, "organizations")
    spans: list[tuple[int, int]] = [(s, e) for s, e, label in doc.ents if label == "ORG"]
    known = re.compile(
        r"(?<![\w-])(?:" + "|".join(map(re.escape, orgs["known"])) + r")(?![\w-])"
    )
    spans += [m.span() for m in known.finditer(ctx.clean)]
    after = lemma_regex(tuple(orgs["quoted_after"]))
    for m in _QUOTED.finditer(ctx.clean):
        before = ctx.clean[max(0, m.start() - 30) : m.start()].split()
        if before and after.fullmatch(lemma(before[-1].strip(",;:"))):
            spans.append(m.span(1))
    person_spans = [(mn.start, mn.end) for mn in ctx.mentions if mn.kind == "person"]
    taken: list[tuple[int, int]] = []
    by_key: dict[str, int] = {}
    for s, e in sorted(set(spans), key=lambda sp: (sp[0], -sp[1])):
        if any(s < te and ts < e for ts, te in taken + person_spans):
            continue
        taken.append((s, e))
        text = ctx.clean[s:e].strip()
        key = " ".join(lemma(w) for w in _WORD.findall(text)) or fold(text)
        if key in by_key:
            org = ctx.organizations[by_key[key]]
            if text != org.name and text not in org.aliases:
                org.aliases.append(text)
            org.spans.append((s, e))
        else:
            by_key[key] = len(ctx.organizations)
            ctx.organizations.append(
                Organization(name=text, spans=[(s, e)], kind=_kind(key, orgs["kinds"]))
            )
        ctx.mentions.append(Mention(s, e, "organization", by_key[key]))
    ctx.mentions.sort(key=lambda mn: mn.start)


def _kind(key: str, kinds: dict[str, list[str]]) -> str:
    words = key.lower().split()
    for kind, heads in kinds.items():
        for head in heads:
            h = head.lower()
            if h in words or (" " in h and h in key.lower()):
                return kind
    return "other"


def sentence_lemmas(ctx: Context, doc: LemmaDoc, i: int) -> str:
    s, e = ctx.sentences[i]
    return lemmas(doc, s, e).string
