"""names.v1: persons and organizations with their aliases, and every mention of each.

The small model tags surname-only mentions as PRODUCT or ORG and some places as PERSON, so
names are decided by the report's own context: full names first, then short forms and
spelling variants attached to the one full name they fit, then a scan of the whole text
for every form found.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from vigil.extract.context import Context, Mention, Person
from vigil.extract.data import load
from vigil.extract.gazetteer import demonyms, fold, is_place
from vigil.extract.names import (
    is_initial,
    looks_like_person,
    place_like,
    same_person,
    similar_token,
    strong_person,
    title_role,
    tokens,
    trim,
)
from vigil.extract.org_names import scan_mentions
from vigil.extract.orgs import find_organizations
from vigil.extract.registry import stage

_HONORIFIC_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Judge|President|Prosecutor|lawyer|journalist|activist|blogger|Atty|Hon|"
    r"Gen|Brig|Col|Lt|Maj|Capt|Sgt|Magistrate|Justice|Journalist|Activist|Blogger|Reporter|"
    r"Student|Poet|Writer|Artist|Teacher|Researcher|Photographer|Editor|defender|reporter|"
    r"student|poet|writer|artist|teacher|researcher|editor|photographer|politician|unionist|"
    r"leader)\.?\s+"
    r"((?:[A-Z][\w’'-]+|[A-Z]\.)(?:\s+(?:[A-Z][\w’'-]+|[A-Z]\.)){0,3})"
)
_RELATIVE_NAME = re.compile(
    r"(?:\b(?:his|her|their)|[A-Z][\w-]+['’]s?)\s+(?:wife|husband|daughter|son|brother|"
    r"sister|mother|father|grandfather|grandmother|granddaughter|grandson|partner|cousin|"
    r"uncle|aunt|nephew|niece|fiancée?),?\s+(?:(?:Mr|Mrs|Ms|Dr|Miss|Don|Doña|Dona)\.?\s+)?"
    r"([A-Z\u00c0-\u00de][^\W\d_]+(?:\s+[A-Z\u00c0-\u00de][^\W\d_’'-]+){0,2})(?![\w’'-])"
)
_NAME2 = r"[A-Z][a-z’'-]+\s+[A-Z][a-z’'-]+"
# "Mohamed Abdelrahman Fathy, a researcher at ...", "Pavel Rudnev, 58, ...": a name set off
# by an age or by a person's trade is a person's name.
_APPOSITION = re.compile(
    r"(?<![\w’'-])([A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,3}),\s+(?:\d{2},|(?:a|an)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:" + "|".join(load("names")["person_nouns"]) + r")\b)"
)
_COORD_BEFORE = re.compile(rf"({_NAME2})(?:,\s*|\s+and\s+)$")
_COORD_AFTER = re.compile(rf"^(?:,\s*|\s+and\s+)({_NAME2})(?![\w’'-]|\s+[A-Z])")
_SAID = re.compile(rf"\b({_NAME2})\s+(?:said|says|told|stated|added|explained|wrote)\b")
_KNOWN_AS = re.compile(
    r"(?:\b(?:also|better|widely|commonly)\s+)?\b(?:known|referred\s+to)\s+(?:as|by\s+(?:the\s+)?(?:pseudonym|name|nickname)\s+(?:of\s+)?)"
    r"\s*[“\"«‘]?((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,3})"
    r"|\ba\.?k\.?a\.?\s+[“\"«‘]?((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,3})"
)


@dataclass
class _Cluster:
    forms: Counter[str] = field(default_factory=Counter)
    spans: list[tuple[int, int]] = field(default_factory=list)
    roles: Counter[str] = field(default_factory=Counter)
    first: int = 0

    def full_forms(self) -> list[str]:
        return [f for f in self.forms if len([t for t in tokens(f) if not is_initial(t)]) >= 2]


def _candidates(
    ctx: Context,
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]], set[int]]:
    """(person candidates, single words that may be short forms, starts of sure names)."""
    text = ctx.clean
    person_texts = {fold(trim(e.text, e.start)[0]) for e in ctx.ents if e.label == "PERSON"}
    full: list[tuple[int, int, str]] = []
    short: list[tuple[int, int, str]] = []
    for ent in ctx.ents:
        if ent.label not in ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "GPE", "NORP", "FAC"):
            continue
        name, s, e = trim(ent.text, ent.start)
        if not name or not looks_like_person(name):
            continue
        after_place = _AFTER_PLACE.search(text[max(0, s - 40) : s])
        if after_place and is_place(after_place.group(1)) and len(tokens(name)) == 1:
            continue  # "Tumaco, Nariño": a region after its town
        if ent.label == "PERSON":
            name, s = _extend_left(text, name, s)
        n_tok = len([t for t in tokens(name) if not is_initial(t)])
        if ent.label == "PERSON" or (n_tok >= 2 and strong_person(name)):
            (full if len(tokens(name)) >= 2 else short).append((s, e, name))
        elif n_tok >= 2 and fold(name) in person_texts:
            full.append((s, e, name))
        elif n_tok >= 2 and title_role(text[max(0, s - 30) : s]) and not is_place(name):
            full.append((s, e, name))  # "labor organizer Rodrigo Esparago"
        elif n_tok >= 2 and _person_context(text, s, e) and not is_place(name):
            full.append((s, e, name))  # "detained Tatiana Lasica", "X was sentenced"
        elif len(tokens(name)) == 1:
            short.append((s, e, name))
    sure: set[int] = set()
    for rx in (_HONORIFIC_NAME, _RELATIVE_NAME, _SAID, _APPOSITION):
        for m in rx.finditer(text):
            name, s, e = trim(m.group(1), m.start(1))
            # "her daughter, Mina": a relative's given name, even one a town shares
            if name and looks_like_person(name, place_ok=rx is _RELATIVE_NAME):
                (full if len(tokens(name)) >= 2 else short).append((s, e, name))
                sure.add(s)
    # "Sergey Babinets and Dmitry Dimitriev": a name coordinated with a person's name.
    for s0, e0, _name in list(full):
        paren = _PAREN_NAME.match(text[e0 : e0 + 60])
        if paren and len(tokens(paren.group(1))) >= 2 and looks_like_person(paren.group(1)):
            full.append((e0 + paren.start(1), e0 + paren.end(1), paren.group(1)))
        before = _COORD_BEFORE.search(text[max(0, s0 - 40) : s0])
        if before:
            cand = before.group(1)
            start = s0 - len(before.group(0))
            if looks_like_person(cand) and not is_place(cand):
                full.append((start, start + len(cand), cand))
        after = _COORD_AFTER.match(text[e0 : e0 + 50])
        if after and looks_like_person(after.group(1)) and not is_place(after.group(1)):
            full.append((e0 + after.start(1), e0 + after.end(1), after.group(1)))
    # Menu and headline lines ("Press releases Special Procedures") do not start persons.
    full = [
        c
        for c in full
        if not _furniture(text, c[0]) or c[2] in {x[2] for x in full if not _furniture(text, x[0])}
    ]
    return sorted(set(full)), sorted(set(short)), sure


_LEFT_WORD = re.compile(r"(?:^|[\s(“\"«])([A-Z][a-z’'-]+)[ ]$")
_PAREN_NAME = re.compile(r"^\s*\(\s*([A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){0,2})\s*\)")


_ACTED_ON = re.compile(r"\b(?:" + "|".join(load("names")["acted_on_verbs"]) + r")\s+$")
_ACTS = re.compile(
    r"^[’']?s?\s+(?:was|were|has\s+been|had\s+been|is|is\s+being|had|has)?\s*(?:"
    + "|".join(load("names")["acting_verbs"])
    + r")\b"
)


_AFTER_PLACE = re.compile(r"\b(?:in|at|near|from)\s+([A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?),\s*$")


_COUNSEL_OF = re.compile(
    r"(?:\b(?:his|her|their|the)|['’]s?)\s+(?:\w+\s+)?(?:lawyer|attorney|counsel|advocate)s?,?\s*$",
    re.I,
)


def _person_context(text: str, start: int, end: int) -> bool:
    """Words around a mention that only a person fits ("detained X", "X was sentenced")."""
    return bool(
        _ACTED_ON.search(text[max(0, start - 25) : start]) or _ACTS.match(text[end : end + 40])
    )


def _extend_left(text: str, name: str, start: int) -> tuple[str, int]:
    """The model often drops the first of three names: "[Ajzhangul] Ersaynovna Amirova"."""
    m = _LEFT_WORD.search(text[max(0, start - 30) : start])
    if not m:
        return name, start
    word = m.group(1)
    cand = f"{word} {name}"
    if len(tokens(cand)) > 4 or is_place(word) or fold(word) in demonyms():
        return name, start
    if title_role(word) or not looks_like_person(cand) or trim(cand, 0)[0] != cand:
        return name, start
    return cand, start - len(word) - 1


def _furniture(text: str, pos: int) -> bool:
    """A short line without sentence punctuation: a menu item or a headline."""
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    line = text[lo : hi if hi >= 0 else len(text)].strip()
    return len(line.split()) <= 12 and ":" not in line and not re.search(r"[.!?”\"]$", line)


def _cluster(ctx: Context) -> list[_Cluster]:
    full, short, sure = _candidates(ctx)
    clusters: list[_Cluster] = []
    for s, e, name in sorted(full):
        toks = tokens(name)
        if is_initial(toks[0]) and len(toks) == 2:
            short.append((s, e, name))
            continue
        for cl in clusters:
            if any(same_person(name, f) for f in cl.full_forms()):
                cl.forms[name] += 1
                cl.spans.append((s, e))
                break
        else:
            clusters.append(_Cluster(Counter({name: 1}), [(s, e)], first=s))
    standalone: dict[str, _Cluster] = {}
    labels = {(x.start, x.end): x.label for x in ctx.ents}
    for s, e, name in sorted(short):
        toks = tokens(name)
        last = toks[-1]
        fits = [
            cl
            for cl in clusters
            if any(
                similar_token(last, t) and not is_initial(t)
                for f in cl.full_forms()
                for t in tokens(f)
            )
            and (
                len(toks) == 1 or any(similar_token(toks[0], tokens(f)[0]) for f in cl.full_forms())
            )
        ]
        if fits:
            exact = [
                cl
                for cl in fits
                if any(fold(last) == fold(t) for f in cl.full_forms() for t in tokens(f))
            ]
            if exact:
                cl = min(exact, key=lambda c: c.first)  # shared family name: the protagonist
            else:
                before = [cl for cl in fits if cl.first <= s] or fits
                cl = max(before, key=lambda c: c.first)
            cl.forms[name] += 1
            cl.spans.append((s, e))
            continue
        label = next((lab for (a, b), lab in labels.items() if a <= s and e <= b), "PERSON")
        if s in sure:
            label = "PERSON"
        if label != "PERSON" or fold(name) in demonyms():
            continue
        if is_place(name) and s not in sure:
            continue
        key = fold(name)
        cl = standalone.setdefault(key, _Cluster(first=s))
        cl.forms[name] += 1
        cl.spans.append((s, e))
    merged = clusters + list(standalone.values())
    return _known_as(ctx, merged)


def _known_as(ctx: Context, clusters: list[_Cluster]) -> list[_Cluster]:
    """ "Nguyen Ngoc Nhu Quynh, a.k.a Mother Mushroom": one person, two names."""
    for m in _KNOWN_AS.finditer(ctx.clean):
        alias = (m.group(1) or m.group(2) or "").strip()
        pos = m.start()
        owner = None
        best = -1
        for cl in clusters:
            for _s, e in cl.spans:
                if e <= pos and pos - e <= 80 and e > best:
                    owner, best = cl, e
        if owner is None or not alias:
            continue
        for cl in list(clusters):
            if cl is not owner and any(fold(f) == fold(alias) for f in cl.forms):
                owner.forms.update(cl.forms)
                owner.spans.extend(cl.spans)
                clusters.remove(cl)
        if all(fold(f) != fold(alias) for f in owner.forms):
            owner.forms[alias] += 1
            owner.spans.append((m.end() - len(alias), m.end()))
    # "Katsiaryna Andreyeva (Bakhvalava)": a maiden name or other single-word form.
    for cl in clusters:
        for _s, e in list(cl.spans):
            paren = _PAREN_NAME.match(ctx.clean[e : e + 40])
            if not paren or len(tokens(paren.group(1))) != 1:
                continue
            word = paren.group(1)
            if looks_like_person(word) and word not in cl.forms and not is_place(word):
                cl.forms[word] += 1
                cl.spans.append((e + paren.start(1), e + paren.end(1)))
    return clusters


def _is_org(cl: _Cluster, org_names: list[str]) -> bool:
    from rapidfuzz import fuzz

    for f in cl.forms:
        ff = fold(f)
        for on in org_names:
            if ff == on or (len(ff) > 6 and fuzz.ratio(ff, on) >= 88):
                return True
            if len(tokens(f)) >= 2 and f" {ff} " in f" {on} ":
                return True
    return False


def _initial_forms(ctx: Context, clusters: list[_Cluster]) -> None:
    """ "A. Amirova" for Ajzhangul Amirova, wherever the text writes it."""
    for cl in clusters:
        for f in cl.full_forms():
            toks = tokens(f)
            if is_initial(toks[0]):
                continue
            rx = re.compile(rf"\b{re.escape(toks[0][0])}\.\s?{re.escape(toks[-1])}\b")
            for m in rx.finditer(ctx.clean):
                form = m.group()
                if form not in cl.forms:
                    cl.forms[form] += 1
                    cl.spans.append(m.span())


def _scan(ctx: Context, clusters: list[_Cluster]) -> None:
    """Find every occurrence of every form (and lone surname/first name) in the text."""
    _initial_forms(ctx, clusters)
    claims: dict[str, list[int]] = {}
    for i, cl in enumerate(clusters):
        words = set(cl.forms)
        for f in cl.full_forms():
            toks = [t for t in tokens(f) if not is_initial(t) and len(t) >= 3]
            words.update(toks)
        for w in words:
            claims.setdefault(fold(w), []).append(i)
    owner: dict[str, int] = {}
    for k, idxs in claims.items():
        # A word two persons share (a family name): the one the text already uses it for
        # on its own, else the person the report introduces first (its protagonist).
        alone = [i for i in idxs if any(fold(f) == k for f in clusters[i].forms)]
        pool = alone if len(alone) == 1 else idxs
        owner[k] = min(pool, key=lambda i: clusters[i].first)
    forms = sorted(
        {w for cl in clusters for w in cl.forms}
        | {
            t
            for cl in clusters
            for f in cl.full_forms()
            for t in tokens(f)
            if len(t) >= 3 and not is_initial(t)
        },
        key=len,
        reverse=True,
    )
    if not forms:
        return
    rx = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?:['’]s?)?(?![\w-])"
    )
    taken: list[tuple[int, int]] = []
    for m in rx.finditer(ctx.clean):
        raw = m.group()
        name = re.sub(r"['’]s?$", "", raw)
        idx = owner.get(fold(name))
        if idx is None:
            continue
        ctx.mentions.append(Mention(m.start(), m.start() + len(name), "person", idx))
        taken.append((m.start(), m.end()))
        if len(tokens(name)) == 1:
            clusters[idx].forms[name] += 0  # a lone form occurring on its own is an alias


def _build_persons(ctx: Context, clusters: list[_Cluster]) -> None:
    for cl in clusters:
        fulls = cl.full_forms()
        pool = fulls or list(cl.forms)
        first_form = min(
            pool,
            key=lambda f: min(
                (s for s, _e in cl.spans if ctx.clean[s : s + len(f)] == f), default=10**9
            ),
        )
        name = max(pool, key=lambda f: (cl.forms[f], f == first_form, len(tokens(f)), len(f)))
        aliases: list[str] = []
        seen = {fold(name)}
        for f in sorted(cl.forms, key=lambda x: cl.spans and x):
            if fold(f) not in seen:
                seen.add(fold(f))
                aliases.append(f)
        role = None
        for s, _e in cl.spans:
            before = ctx.clean[max(0, s - 40) : s]
            role = title_role(before)
            if role == "lawyer" and not _COUNSEL_OF.search(before):
                role = None  # "human rights lawyer X" is a trade; "his lawyer X" acts in the case
            if role:
                break
        ctx.persons.append(
            Person(
                name=name,
                aliases=aliases,
                spans=sorted(cl.spans),
                role=role or "other",
                confidence=0.9 if fulls else 0.6,
            )
        )


@stage("names.v1", order=30)
def find_names(ctx: Context) -> None:
    clusters = _cluster(ctx)
    # Single words that are part of an organization's name are not persons.
    orgs = find_organizations(ctx)
    org_words = {fold(t) for o in orgs for n in [o.name, *o.aliases] for t in tokens(n)}
    kept: list[_Cluster] = []
    for cl in clusters:
        if not cl.full_forms() and all(fold(f) in org_words for f in cl.forms):
            continue
        kept.append(cl)
    org_names = [fold(n) for o in orgs for n in [o.name, *o.aliases]]
    kept = [cl for cl in kept if not _is_org(cl, org_names) and not place_like(ctx.clean, cl.spans)]
    person_keys = {fold(f) for cl in kept for f in cl.forms}
    person_words = {fold(t) for cl in kept for f in cl.full_forms() for t in tokens(f)}
    for o in orgs:
        if fold(o.name) in person_keys or fold(o.name) in person_words:
            continue
        ctx.organizations.append(o)
    _scan(ctx, kept)
    _build_persons(ctx, kept)
    for i, o in enumerate(ctx.organizations):
        for s, e in o.spans:
            ctx.mentions.append(Mention(s, e, "organization", i))
    scan_mentions(ctx)
    ctx.mentions.sort(key=lambda m: m.start)
    _ = _KNOWN_AS
