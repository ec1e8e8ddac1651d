"""places.v1: places named in the report, resolved to countries; the report's country."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import cache

from vigil.extract.context import Context, Place
from vigil.extract.data import load
from vigil.extract.gazetteer import demonyms, fold, lookup
from vigil.extract.names import trim
from vigil.extract.registry import stage

# A street address: kept, but marked sensitive (it can locate a person at risk).
_ADDRESS = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)\s+(?:District|microdistrict)|microdistrict\s+\d+|"
    r"(?:Building|Apartment|Apt\.?|House|Flat)\s+\d+|\d+\s+[A-Z][a-z]+\s+(?:Street|St\.|Avenue|Ave\.|Road|Rd\.))",
)


@cache
def _alias_rx() -> re.Pattern[str]:
    names = [n for p in load("places")["places"] for n in [p["name"], *p.get("aliases", [])]]
    return re.compile(
        r"(?<![\w-])(?:"
        + "|".join(sorted(map(re.escape, names), key=len, reverse=True))
        + r")(?![\w-])"
    )


@cache
def _demonym_rx() -> re.Pattern[str]:
    keys = load("places")["demonyms"].keys()
    return re.compile(r"\b(?:" + "|".join(sorted(keys, key=len, reverse=True)) + r")\b")


def _inside(pos: int, starts: list[int], ends: list[int]) -> bool:
    """``pos`` falls within one of the non-overlapping spans given by sorted ``starts``
    and ``ends``."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]


@stage("places.v1", order=35)
def find_places(ctx: Context) -> None:
    text = ctx.clean
    seen: set[tuple[int, int]] = set()
    # The gazetteer's hits in text order (they never overlap): an entity inside one is
    # found by bisection, not by a scan of every hit for every entity.
    seen_starts: list[int] = []
    seen_ends: list[int] = []
    for m in _alias_rx().finditer(text):
        hit = lookup(m.group())
        if hit:
            ctx.places.append(Place(m.start(), m.end(), hit.name, hit.country, hit.lat, hit.lon))
            seen.add(m.span())
            seen_starts.append(m.start())
            seen_ends.append(m.end())
    person_words = {fold(t) for p in ctx.persons for n in [p.name, *p.aliases] for t in n.split()}
    for ent in ctx.ents:
        if ent.label not in ("GPE", "LOC", "FAC", "PERSON", "ORG"):
            continue
        if fold(ent.text) in person_words:
            continue  # "Pérez" is a town too, but here it is a person
        name, s, e = trim(ent.text, ent.start)
        if not name[:1].isupper() or "\n" in name:
            continue
        if (s, e) in seen or _inside(s, seen_starts, seen_ends):
            continue
        hit = lookup(name)
        if hit is None:
            if ent.label in ("GPE", "LOC", "FAC"):
                ctx.places.append(Place(s, e, name))
            continue
        ctx.places.append(Place(s, e, hit.name, hit.country, hit.lat, hit.lon))
    for m in _ADDRESS.finditer(text):
        ctx.places.append(Place(m.start(), m.end(), m.group(), None, sensitive=True))
    ctx.places.sort(key=lambda p: p.start)
    votes: Counter[str] = Counter()
    for p in ctx.places:
        if p.country:
            votes[p.country] += 1
    dem = demonyms()
    for m in _demonym_rx().finditer(text):
        votes[dem[fold(m.group())]] += 1
    if votes:
        ctx.country = votes.most_common(1)[0][0]
