"""Persons and organisations of a lemma-read report: the model's entities, grouped by name keys.

A person's name is the fullest form in the nominative; every form the text uses, inflected
ones included, is an alias. Full names group by their set of name keys; a surname alone
joins the nearest full name before it with that surname (so "Айжангуль Амирова" and her
brother "Эльмурат Амиров" stay two persons while "Амировой" joins the one named last).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from vigil.extract.context import Context, Mention, Organization, Person
from vigil.extract.gazetteer import fold
from vigil.extract.lemma.common import data, lemma_regex
from vigil.extract.lemma.model import LemmaDoc, lemma, parses
from vigil.extract.lemma.morph import is_name_word, is_nominative, nominative
from vigil.extract.lemma.morph import name_key as _name_key

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_QUOTED = re.compile(r"[«\"“„]([^«»\"“”„\n]{2,60})[»\"”“]")


def name_key(word: str) -> str:
    """A name word's key, "й" read as "и": transliterations of one name differ there
    ("Исмайлова" and "Исмаилова" in one report)."""
    return _name_key(word).replace("й", "и")


@dataclass(slots=True)
class _Group:
    keys: frozenset[str]
    spans: list[tuple[int, int]] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)


def _known_orgs(ctx: Context) -> list[tuple[int, int]]:
    known = data(ctx, "organizations")["known"]
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(known) + r")(?![\w-])")
    return [m.span() for m in rx.finditer(ctx.clean)]


def _person_spans(ctx: Context, doc: LemmaDoc) -> list[tuple[int, int]]:
    names = data(ctx, "names")
    skip = {fold(w) for w in names["not_persons"]}
    particles = set(names["particles"])
    orgs = _known_orgs(ctx)
    out: list[tuple[int, int]] = []
    for s, e, label in doc.ents:
        if label != "PERSON":
            continue
        if "\n" in ctx.clean[s:e]:  # the model ran a name into the next line's first word
            e = s + ctx.clean[s:e].index("\n")
        if any(s < oe and os_ < e for os_, oe in orgs):
            continue
        text = ctx.clean[s:e]
        if fold(text) in skip or not text[:1].isupper() or _organization_like(ctx, text):
            continue
        trimmed = _trimmed(ctx, s, e)
        if trimmed is None:
            continue
        s, e = trimmed
        m = re.match(r"\s+(\w+)", ctx.clean[e : e + 12])
        if m and m.group(1).lower() in particles:
            e += m.end()
        if out and ctx.clean[out[-1][1] : s] == " " and _one_word(ctx.clean, out[-1], (s, e)):
            out[-1] = (out[-1][0], e)  # "[Эльмурат] [Амиров]": one name the model split
        else:
            out.append((s, e))
    return _after_nouns(ctx, doc, out)


def _one_word(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether one of two names side by side is a single word (one name the model split);
    two full names side by side are two persons ("штаба Алексея Навального Ксении
    Середкиной")."""
    return min(len(_WORD.findall(text[a[0] : a[1]])), len(_WORD.findall(text[b[0] : b[1]]))) == 1


def _trimmed(ctx: Context, s: int, e: int) -> tuple[int, int] | None:
    """A name without a dictionary word the model ran into it ("Ильхам Алиев [Путь]");
    None for a place the model took for a name ("Республики Коми", "Российской Федерации").
    """
    text = ctx.clean
    words = list(_WORD.finditer(text, s, e))
    places = set(data(ctx, "names")["place_words"])
    if len(words) >= 2 and _place_word(words[0].group(), places):
        return None
    while len(words) >= 3 and not is_name_word(words[-1].group()):
        words.pop()
    return (s, s + words[-1].end() - s) if words else (s, e)


def _not_a_name(ctx: Context, s: int, e: int, nouns: set[str]) -> bool:
    """ "Медиаменеджера задержали": a person noun; "Мирабадский суд": the first word of a
    body's name."""
    if lemma(ctx.clean[s:e]) in nouns:
        return True
    after = _WORD.match(ctx.clean, e + 1) if ctx.clean[e : e + 1] == " " else None
    if after is None:
        return False
    heads = data(ctx, "organizations")["kinds"]
    return any(lemma(after.group()) in heads[k] for k in ("court", "state_body"))


def _place_word(word: str, places: set[str]) -> bool:
    """ "Республики", "Российской": a place noun or an adjective the dictionary knows."""
    best = parses(word)[0]
    if not best.is_known or is_name_word(word):
        return False
    return best.tag.POS == "ADJF" or best.normal_form in places


def _organization_like(ctx: Context, text: str) -> bool:
    """ "Toplum TV", "КазТАГ": a Latin word of an organisation's kind or a mixed-case
    abbreviation is an organisation the model took for a person."""
    heads = {
        h.lower()
        for hs in data(ctx, "organizations")["kinds"].values()
        for h in hs
        if h.isascii() and " " not in h
    }
    words = _WORD.findall(text)
    if any(w.lower() in heads for w in words):
        return True
    return len(words) == 1 and sum(c.isupper() for c in text[1:]) >= 2


def _after_nouns(
    ctx: Context, doc: LemmaDoc, found: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Two capitalised words after a person noun ("активистку Әлия Қасымова") are a name
    the model missed (often for letters it never saw: Kazakh Ә, Қ, Ө, Ұ, Ү, Һ, І)."""
    nouns = set(data(ctx, "names")["person_nouns"])
    places = set(data(ctx, "names")["place_words"])
    toks = doc.tokens
    out = list(found)
    for i, t in enumerate(toks[:-2]):
        if t.lemma not in nouns:
            continue
        a, b = toks[i + 1], toks[i + 2]
        if not (a.text[:1].isupper() and b.text[:1].isupper() and a.text.isalpha()):
            continue
        if ctx.clean[a.end : b.start] != " " or not b.text.replace("-", "").isalpha():
            continue
        if any(a.start < e and s < b.end for s, e in out):
            continue
        if _place_word(a.text, places) or _organization_like(ctx, f"{a.text} {b.text}"):
            continue  # "жителя Республики Коми", "корреспондента Toplum TV"
        out.append((a.start, b.end))
    return sorted(out)


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
    groups = [g for g in groups if g.spans]
    names = data(ctx, "names")
    alias_cue = re.compile(names["alias_cue"] + r"\s*[«\"“]?$", re.I)
    nouns = set(names["person_nouns"]) | set(data(ctx, "events")["person_nouns"])
    for s, e in singles:
        key = name_key(ctx.clean[s:e])
        best = None
        for g in groups:
            if key in g.keys and (best is None or _before(g, s) >= _before(best, s)):
                best = g
        if best is None and alias_cue.search(ctx.clean[max(0, s - 40) : s]):
            # "тиктокера Валерия Югая, известного как Абдуллох": the name named just before
            named = [g for g in groups if len(g.keys) > 1 and _before(g, s) >= 0]
            best = max(named, key=lambda g: _before(g, s)) if named else None
        if best is None:
            if not is_name_word(ctx.clean[s:e]) or _not_a_name(ctx, s, e, nouns):
                continue  # "Медиаменеджера", "Мирабадский": a capitalised common word
            best = _Group(frozenset([key]))
            groups.append(best)
        best.spans.append((s, e))
    _more_mentions(ctx, groups)
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


_CAPWORD = re.compile(r"(?<![\w-])[^\W\d_a-z][\w-]+")


def _more_mentions(ctx: Context, groups: list[_Group]) -> None:
    """Every capitalised word of the text that is a full name's surname in some case is a
    mention of it ("Трактора" after "Жеку Трактора"), if only one person has that surname."""
    owners: dict[str, list[_Group]] = {}
    for g in groups:
        if any(len(_WORD.findall(ctx.clean[s:e])) > 1 for s, e in g.spans):
            for k in g.keys:
                owners.setdefault(k, []).append(g)
    if not owners:
        return
    taken = [sp for g in groups for sp in g.spans]
    for m in _CAPWORD.finditer(ctx.clean):
        s, e = m.span()
        if any(s < te and ts < e for ts, te in taken):
            continue
        gs = owners.get(name_key(m.group()))
        if gs and len(gs) == 1:
            gs[0].spans.append((s, e))


def _before(g: _Group, pos: int) -> int:
    before = [s for s, _ in g.spans if s < pos]
    return max(before) if before else -1


_GENITIVE_NAME = re.compile(r"([А-ЯЁ][а-яё-]+(?:\s+[А-ЯЁ][а-яё-]+)?)\s*$")
_NEXT_NAME = re.compile(r"\s+[А-ЯЁ][а-яё-]+")


def _role(ctx: Context, spans: list[tuple[int, int]], roles: dict[str, set[str]]) -> str:
    """The role noun right before a name ("адвокат Павел Иванов"). In "адвокат Ивана
    Петрова Анна Волкова" the noun is Волкова's: a name in an oblique case between them is
    whose lawyer she is, and it is not given the role."""
    for s, e in spans:
        if _NEXT_NAME.match(ctx.clean, e) and not is_nominative(_WORD.findall(ctx.clean[s:e])):
            continue
        before = ctx.clean[max(0, s - 60) : s]
        genitive = _GENITIVE_NAME.search(before)
        if genitive and not is_nominative(_WORD.findall(genitive.group(1))):
            before = before[: genitive.start()]
        prev = re.findall(r"[\w-]+", before[-40:])[-2:]
        for word in reversed(prev):
            lem = lemma(word)
            for role, words in roles.items():
                if lem in words:
                    return role
    return "victim"


def find_organizations(ctx: Context, doc: LemmaDoc) -> None:
    orgs = data(ctx, "organizations")
    spans = _joined([(s, e) for s, e, label in doc.ents if label == "ORG"], doc, ctx.clean)
    spans += _known_orgs(ctx)
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
        text, inner = _tidy(ctx.clean[s:e])
        if not text or _not_org(text, orgs):
            continue
        key = " ".join(lemma(w) for w in _WORD.findall(text)) or fold(text)
        if key not in by_key and inner and _abbr(inner) in by_key:
            key = _abbr(inner)
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
        if inner:
            org = ctx.organizations[by_key[key]]
            by_key.setdefault(_abbr(inner), by_key[key])
            if inner not in org.aliases:
                org.aliases.append(inner)
        ctx.mentions.append(Mention(s, e, "organization", by_key[key]))
    _join_abbreviations(ctx)
    ctx.mentions.sort(key=lambda mn: mn.start)


def _abbr(text: str) -> str:
    return fold(text).replace(" ", "")


def _joined(spans: list[tuple[int, int]], doc: LemmaDoc, text: str) -> list[tuple[int, int]]:
    """Organisation spans with a place or body in the genitive after them taken in:
    "Хатаинский районный суд" + "Баку", "Центральное управление" + "Следственного комитета",
    and the region a body acts "по": "УФСБ" + "по" + "Смоленской области"."""
    places = sorted((s, e, label) for s, e, label in doc.ents if label in ("GPE", "ORG"))
    out = []
    for s, e in sorted(spans):
        for ps, pe, label in places:
            if ps <= e or "\n" in text[ps:pe]:
                continue
            if text[e:ps] == " " or (label == "GPE" and text[e:ps] == " по "):
                e = pe
        out.append((s, e))
    return out


def _tidy(raw: str) -> tuple[str, str | None]:
    """The name without edge quotes and a legal form, and what a parenthesis after it holds
    (an abbreviation or a name in another script: an alias)."""
    text = raw.strip()
    inner = None
    # "Службы национальной безопасности (СНБ) Армении": the name is what comes before the
    # bracket (the country after it is the model running on)
    m = re.search(r"\s*\(([^()]{2,80})\)\s*\S.*$", text)
    if m and m.start() > 0:
        text = text[: m.end(1) + 1]
    m = re.search(r"\s*\(([^()]{2,80})\)\s*$", text)
    if m:
        text, inner = text[: m.start()].strip(), m.group(1).strip()
        if not (inner.isupper() or inner.isascii()):
            inner = None
    text = re.sub(r"^(?:ОО|ООО|ОАО|ЗАО|АО|ГКУ|ГБУ|НКО|ОФ|ОБФ)\s+(?=[«\"“])", "", text)
    text = text.strip(' «»"“”„')
    return text, inner


def _not_org(text: str, orgs: dict[str, Any]) -> bool:
    if text in orgs.get("not_organizations", []):
        return True
    # "ОБНОВЛЕНО": a capitalised word of the dictionary that is not a noun.
    if " " not in text and text.isupper() and len(text) > 4:
        best = parses(text.lower())[0]
        return bool(best.is_known and best.tag.POS not in ("NOUN", None))
    return False


def _join_abbreviations(ctx: Context) -> None:
    """An abbreviation whose letters are a named body's initials is that body's alias:
    ДВК of "Демократический выбор Казахстана", ГКНБ of "Государственного комитета ..."."""
    by_initials: dict[str, int] = {}
    for i, o in enumerate(ctx.organizations):
        words = _WORD.findall(o.name)
        if len(words) >= 2:
            by_initials["".join(w[0] for w in words).upper()] = i
    drop: dict[int, int] = {}
    for i, o in enumerate(ctx.organizations):
        if o.name.isupper() and o.name in by_initials and by_initials[o.name] != i:
            target = ctx.organizations[by_initials[o.name]]
            target.aliases.extend(a for a in [o.name, *o.aliases] if a not in target.aliases)
            target.spans.extend(o.spans)
            drop[i] = by_initials[o.name]
    if not drop:
        return
    keep = [i for i in range(len(ctx.organizations)) if i not in drop]
    new_index = {old: new for new, old in enumerate(keep)}
    for mn in ctx.mentions:
        if mn.kind == "organization":
            mn.index = new_index[drop.get(mn.index, mn.index)]
    ctx.organizations = [ctx.organizations[i] for i in keep]


def _kind(key: str, kinds: dict[str, list[str]]) -> str:
    words = key.lower().split()
    for kind, heads in kinds.items():
        for head in heads:
            h = head.lower()
            if h in words or (" " in h and h in key.lower()):
                return kind
    # "УФСБ (по ...)", "ГУМВД", "РОВД", "СОБРа": a regional office's abbreviation ends
    # with its body's (a case ending after it)
    first = words[0].rstrip("ауео") if words else ""
    for head in kinds.get("state_body", []):
        h = head.lower()
        if len(h) >= 3 and h.isalpha() and first.endswith(h):
            return "state_body"
    return "other"
