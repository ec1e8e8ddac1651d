"""Who wants which alert: country, case, organisation and event-type filters.

A subscriber's or webhook's non-empty filters must all match (AND); within one filter any
value matches (OR); an empty filter matches everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigil.errors import InputError

_COUNTRY = re.compile(r"^[A-Z]{2}$")
EVENT_TYPE = re.compile(r"^[a-z][a-z_ ]{1,31}$")


@dataclass(frozen=True, slots=True)
class Filters:
    countries: tuple[str, ...] = ()
    cases: tuple[int, ...] = ()
    organizations: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()

    def as_columns(self) -> dict[str, list[str] | list[int]]:
        return {
            "countries": list(self.countries),
            "cases": list(self.cases),
            "organizations": list(self.organizations),
            "event_types": list(self.event_types),
        }


def make_filters(
    countries: list[str] | tuple[str, ...] = (),
    cases: list[int] | tuple[int, ...] | list[str] = (),
    organizations: list[str] | tuple[str, ...] = (),
    event_types: list[str] | tuple[str, ...] = (),
) -> Filters:
    """Validated filters (InputError naming the bad value)."""
    cc = []
    for c in countries:
        code = c.strip().upper()
        if not _COUNTRY.match(code):
            raise InputError(f"country must be a two-letter ISO code, not {c!r}")
        cc.append(code)
    ids = []
    for raw in cases:
        text = str(raw).strip()
        if not text.isdigit() or len(text) > 12:
            raise InputError(f"case must be a case number, not {raw!r}")
        ids.append(int(text))
    orgs = []
    for o in organizations:
        name = " ".join(o.split())
        if not name or len(name) > 200 or any(ord(ch) < 32 for ch in o):
            raise InputError(f"organization filter is empty or invalid: {o[:40]!r}")
        orgs.append(name)
    types = []
    for t in event_types:
        name = t.strip().lower()
        if not EVENT_TYPE.match(name):
            raise InputError(f"event type must be a word like 'arrest', not {t[:40]!r}")
        types.append(name)
    return Filters(
        tuple(dict.fromkeys(cc)),
        tuple(dict.fromkeys(ids)),
        tuple(dict.fromkeys(orgs)),
        tuple(dict.fromkeys(types)),
    )


@dataclass(frozen=True, slots=True)
class Target:
    """What an alert is about, as filters see it."""

    country: str | None
    case_id: int | None
    organizations: tuple[str, ...]
    event_type: str | None


def matches(
    target: Target,
    countries: list[str],
    cases: list[int],
    organizations: list[str],
    event_types: list[str],
) -> bool:
    if countries and target.country not in countries:
        return False
    if cases and target.case_id not in cases:
        return False
    if organizations:
        wanted = {o.casefold() for o in organizations}
        if not wanted & {o.casefold() for o in target.organizations}:
            return False
    return not (event_types and target.event_type not in event_types)
