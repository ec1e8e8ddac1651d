"""Shared helpers for names: trimming mentions, the shape of a personal name, matching forms."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from rapidfuzz import fuzz

from vigil.extract.data import load, words_regex
from vigil.extract.dates import calendar_words
from vigil.extract.gazetteer import demonyms, fold, is_place
from vigil.extract.letters import UP
from vigil.resolve.lexicon import written_name_words

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE = re.compile(r"^[\s\"'“”‘’«»()\[\],.;:–—-]+|[\s\"'“”‘’«»()\[\],;:–—-]+$")
_INITIAL = re.compile(rf"^[{UP}]\.$|^[{UP}]$")
_TOKEN_OK = re.compile(rf"^(?:[{UP}][\w'’-]*\.?|[{UP}]\.)$")
# "al-Shaikh", "bin-Salman": a small particle joined to a capitalised name word
_PARTICLE_WORD = re.compile(rf"^(?:al|el|ad|ash|as|az|an|at|ar|ul|ud|bin|ibn|abu|bint)-[{UP}]")
# 'Wiroj "Ton" Saengthong': a nickname in quotes between given and family name
_NICKNAME = re.compile(rf"^[\"“«‘][{UP}][\w'’-]*[\"”»’]$")


@cache
def _lex() -> dict[str, Any]:
    data = load("names")
    words = written_name_words()
    titles = [t for group in data["titles"].values() for t in group]
    return {
        "honorific": words_regex([re.escape(h) + r"\.?" for h in words.honorifics], flags=0),
        "name_like": frozenset(words.name_like_honorifics),
        "long_name": re.compile(
            r"^(?:" + "|".join(map(re.escape, words.long_name_honorifics)) + r")\s+(?=\S+\s+\S)"
        ),
        "title_lead": re.compile(
            r"^(?:(?:the|a|an|his|her|their)\s+)?(?:"
            + "|".join(sorted((re.escape(t) for t in titles), key=len, reverse=True))
            + rf")\.?\s+(?=[{UP}])"
        ),
        "particles": frozenset(words.particles + words.patronymic_words),
        "endings": tuple(sorted(set(data["surname_endings"]), key=len, reverse=True)),
        "not_person": frozenset(fold(w) for w in data["not_person"]),
        "not_first": frozenset(data["not_first_words"]) | calendar_words(),
        "not_in_name": frozenset(data["not_name_words"]) | calendar_words(),
        "place_prefix": frozenset(data["place_prefixes"]),
        "org_words": frozenset(
            fold(w) for w in [*data["org_words"], *load("organizations")["institution_heads"]]
        ),
        "titles": {k: frozenset(v) for k, v in data["titles"].items()},
    }


@cache
def honorific_words() -> frozenset[str]:
    """Folded honorifics ("mr", "dr", "me", "sheikh")."""
    return frozenset(fold(h) for h in written_name_words().honorifics)


def place_prefixes() -> frozenset[str]:
    """First words of place names ("Barrio", "Sidi") that never start a person's name."""
    found: frozenset[str] = _lex()["place_prefix"]
    return found


def trim(text: str, start: int) -> tuple[str, int, int]:
    """Strip quotes, a leading article, a possessive and honorifics/titles from a mention.

    Returns the name and its new (start, end) offsets.
    """
    lex = _lex()
    s, e = 0, len(text)
    m = _EDGE.match(text)
    if m:
        s = m.end()
    m2 = _EDGE.search(text, s)
    if m2 and m2.end() == e:
        e = max(s, m2.start())
    body = text[s:e]
    lower = body.lower()
    for art in ("the ", "a ", "an "):
        if lower.startswith(art):
            s += len(art)
            body = body[len(art) :]
            break
    pm = _POSSESSIVE.search(body)
    if pm:
        body = body[: pm.start()]
    if "/" in body:  # a photo credit: "Alisa Reznick/KJZZ", "Reuters/Andrew Kelly"
        part = credited_name(body)
        s += body.index(part)
        body = part
    while True:
        hm = lex["honorific"].match(body)
        if hm and hm.end() < len(body) and body[hm.end()] in " \t":
            word = hm.group().rstrip(".")
            if word in lex["name_like"] and len(body[hm.end() :].split()) >= 2:
                break
            cut = hm.end() + 1
            s += cut
            body = body[cut:]
            continue
        lm = lex["long_name"].match(body)
        if lm:
            s += lm.end()
            body = body[lm.end() :]
            continue
        tm = lex["title_lead"].match(body)
        if tm:
            s += tm.end()
            body = body[tm.end() :]
            continue
        break
    body = body.strip()
    return body, start + s, start + s + len(body)


def credited_name(body: str) -> str:
    """Of "Name/Outlet" or "Outlet/Name" (a photo or story credit), the part that is a
    person's name; "AFP/Getty" or "Radio Free Europe/Radio Liberty" stay as they are."""
    parts = [p.strip() for p in body.split("/")]
    best = max(parts, key=lambda p: (looks_like_person(p), len(p.split())))
    return best if len(best.split()) >= 2 and looks_like_person(best) else body


def tokens(name: str) -> list[str]:
    return name.split()


def is_initial(token: str) -> bool:
    return bool(_INITIAL.match(token))


def looks_like_person(name: str, *, place_ok: bool = False) -> bool:
    """The shape of a personal name: 1-5 capitalised words, no organisation word."""
    lex = _lex()
    toks = tokens(name)
    if not 1 <= len(toks) <= 5 or any(ch.isdigit() for ch in name) or "\n" in name:
        return False
    inner = [t for t in toks[1:-1] if _NICKNAME.match(t)]
    plain = " ".join(t for t in toks if t not in inner)
    if any(c in plain for c in ',;:()/@#&+«»“”"!?'):
        return False
    if fold(name) in lex["not_person"] or fold(name) in demonyms():
        return False
    if toks[0] in lex["not_first"] or any(t.rstrip(".") in lex["not_in_name"] for t in toks):
        return False
    if len(toks) >= 2 and toks[0] in lex["place_prefix"]:
        return False  # "Barrio Sandino", "Sidi Gaber", "La Modelo"
    caps = 0
    for t in toks:
        if t in inner:
            continue  # a nickname may be any word ("Bank")
        ft = fold(t)
        if ft in lex["org_words"]:
            return False
        if t in lex["particles"] or _PARTICLE_WORD.match(t):
            continue
        if not _TOKEN_OK.match(t):
            return False
        if t.isupper() and len(t) > 1 and not t.endswith("."):
            return False  # acronyms are not persons
        caps += 1
    if caps == 0:
        return False
    if len(toks) == 1 and is_place(name) and not place_ok:
        return False
    return not (len(toks) >= 2 and is_place(name))


def strong_person(name: str) -> bool:
    """A name that reads as a person's even when the model thought otherwise."""
    lex = _lex()
    toks = [t for t in tokens(name) if not is_initial(t)]
    if len(toks) < 2 or not looks_like_person(name):
        return False
    return any(fold(t).endswith(lex["endings"]) for t in toks[1:])


def title_role(before: str) -> str | None:
    """The role a title just before a name implies ("Judge", "his lawyer")."""
    tail = " ".join(before.strip().split()[-3:])
    m = _title_tail().search(tail)
    return m.lastgroup if m else None


@cache
def _title_tail() -> re.Pattern[str]:
    """One pattern per role, each matching a title at the very end of a text."""
    groups = []
    for role, titles in _lex()["titles"].items():
        alts = "|".join(sorted((re.escape(t) for t in titles), key=len, reverse=True))
        groups.append(f"(?P<{role}>(?:{alts}),?)$")
    return re.compile("|".join(groups))


def similar_token(a: str, b: str) -> bool:
    """Two name words are the same word, allowing a transliteration variant."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    if is_initial(a) or is_initial(b):
        return fa[:1] == fb[:1]
    if len(fa) < 5 or len(fb) < 5:
        return False
    if fa + "a" == fb or fb + "a" == fa:
        return False  # "Amirov" / "Amirova": relatives, not spellings
    if fa[0] == fb[0] and fuzz.ratio(fa, fb) >= 85:
        return True
    ka, kb = skeleton(fa), skeleton(fb)
    return len(ka) >= 3 and ka == kb


@cache
def _translit() -> list[tuple[str, str]]:
    return [(str(k), str(v)) for k, v in load("names")["transliteration"].items()]


@lru_cache(maxsize=8192)
def skeleton(word: str) -> str:
    """A folded name word reduced to what its transliterations share: "Aliaksandr" and
    "Alexander" both give "alxndr", "Havrylchyk" and "Gavrilchik" both "hvrlchk"."""
    w = fold(word).replace(" ", "")
    for src, dst in _translit():
        w = w.replace(src, dst)
    head, rest = w[:1], re.sub(r"[aeiou]", "", w[1:])
    return head + re.sub(r"(.)\1+", r"\1", rest)


def same_person(a: str, b: str) -> bool:
    """Two multi-word names name the same person (patronymic, initial, spelling variant)."""
    lex = _lex()
    ta = [t for t in tokens(a) if t not in lex["particles"]]
    tb = [t for t in tokens(b) if t not in lex["particles"]]
    if not ta or not tb:
        return False
    if fold(a) == fold(b):
        return True
    if len(ta) >= 2 and len(tb) >= 2:
        if similar_token(ta[-1], tb[-1]) and similar_token(ta[0], tb[0]):
            return not (is_initial(ta[0]) and is_initial(tb[0])) or fold(ta[-1]) == fold(tb[-1])
        ja, jb = skeleton("".join(ta)), skeleton("".join(tb))
        short, long_ = sorted((ja, jb), key=len)
        if len(short) >= 8 and long_.startswith(short) and similar_token(ta[0], tb[0]):
            return True  # "Mohammed Abd El-Rahman" / "Mohamed Abdelrahman Fathy"
        fa = {fold(t) for t in ta if not is_initial(t)}
        fb = {fold(t) for t in tb if not is_initial(t)}
        small, big = (fa, fb) if len(fa) <= len(fb) else (fb, fa)
        return len(small) >= 2 and small <= big
    return False


_PLACE_AFTER = re.compile(
    r"^[ \t]+(?:" + "|".join(re.escape(w) for w in load("names")["place_nouns"]) + r")\b", re.I
)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|near|outside|inside|into)[ \t]+(?:the[ \t]+)?$"
    r"|\b(?:community|village|town|city|municipality|district|province|region|department|"
    r"township|neighbou?rhood) of[ \t]+$"
)


def place_like(text: str, spans: list[tuple[int, int]]) -> bool:
    """Every mention reads as a place: "in Sidi Gaber", "La Modelo prison"."""
    for s, e in spans:
        if _PLACE_AFTER.match(text[e : e + 30]):
            continue
        possessive = text[e : e + 1] in ("'", "’")
        if _PLACE_BEFORE.search(text[max(0, s - 30) : s]) and not possessive:
            continue
        return False
    return bool(spans)
