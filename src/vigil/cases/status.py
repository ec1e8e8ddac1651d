"""A case's status, derived from its dated events (rules in data/status.yaml).

Partial dates sort where they belong: "2011" before "2011-03" before "2011-03-02" of the
same year, since a year alone says less, not earlier. Undated events are placed at the
publication date of the report that states them (the latest moment they can have happened
by), so "was sentenced" in a 2016 report still counts after a 2015 arrest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, cast

import yaml

from vigil.cases.model import Status


@dataclass(frozen=True, slots=True)
class _Rule:
    sets: str | None
    keeps: frozenset[str]
    order: int


@lru_cache(maxsize=1)
def _rules() -> tuple[dict[str, _Rule], str]:
    raw: dict[str, Any] = yaml.safe_load(
        (resources.files("vigil.cases") / "data" / "status.yaml").read_text(encoding="utf-8")
    )
    rules = {
        name: _Rule(spec.get("sets"), frozenset(spec.get("keeps") or ()), int(spec["order"]))
        for name, spec in raw["events"].items()
    }
    return rules, str(raw["default"])


def date_key(date: str | None) -> tuple[int, int, int, int]:
    """Sort key of an ISO date, partial or not; None sorts first (unknown)."""
    if not date:
        return (0, 0, 0, 0)
    parts = date.split("-")
    try:
        nums = [int(p) for p in parts[:3]]
    except ValueError:
        return (0, 0, 0, 0)
    while len(nums) < 3:
        nums.append(0)
    return (1, nums[0], nums[1], nums[2])


def event_order(event_type: str) -> int:
    rule = _rules()[0].get(event_type)
    return rule.order if rule else 0


def derive_status(events: Iterable[tuple[str, str | None]]) -> Status:
    """``events`` are (type, sort date) pairs; the result follows data/status.yaml."""
    rules, default = _rules()
    ordered = sorted(events, key=lambda e: (date_key(e[1]), event_order(e[0])))
    status = default
    for kind, _ in ordered:
        rule = rules.get(kind)
        if rule is None or rule.sets is None or status in rule.keeps:
            continue
        status = rule.sets
    return cast(Status, status)
