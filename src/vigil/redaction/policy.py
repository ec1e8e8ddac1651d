"""Loading the redaction policy and applying it to text."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from vigil.errors import ConfigError

_CLAUSE_STOP = re.compile(r"[.;!?\n]|,\s|\s\u2014\s|\s-\s")


@dataclass(frozen=True, slots=True)
class Withheld:
    category: str  # phone, id_number, address, medical, confidential
    value: str


@dataclass(frozen=True, slots=True)
class Redacted:
    text: str
    withheld: tuple[Withheld, ...] = ()

    def by_category(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for item in self.withheld:
            out.setdefault(item.category, []).append(item.value)
        return out


@dataclass(frozen=True)
class Policy:
    marker: str
    patterns: dict[str, tuple[re.Pattern[str], ...]]
    keywords: dict[str, re.Pattern[str]]
    clause_scoped: frozenset[str] = field(default_factory=frozenset)
    # Keys of public fact values withheld whole when any part of them is withheld.
    whole_values: tuple[str, ...] = ()

    def spans(self, text: str, confidential: Iterable[str] = ()) -> list[tuple[int, int, str]]:
        """Every span of ``text`` to withhold, with its category (overlaps merged)."""
        found: list[tuple[int, int, str]] = []
        for category, pats in self.patterns.items():
            for pat in pats:
                # A pattern with a group named "value" withholds only that group (the
                # name after "her brother", not the word "brother").
                group = "value" if "value" in pat.groupindex else 0
                found.extend(
                    (m.start(group), m.end(group), category)
                    for m in pat.finditer(text)
                    if m.start(group) >= 0
                )
        for category, pat in self.keywords.items():
            for m in pat.finditer(text):
                start, end = m.start(), m.end()
                if category in self.clause_scoped:
                    start, end = _clause(text, start, end)
                found.append((start, end, category))
        for value in {v.strip() for v in confidential if v and v.strip()}:
            pat = re.compile(r"(?<!\w)" + re.escape(value) + r"(?!\w)", re.IGNORECASE)
            found.extend((m.start(), m.end(), "confidential") for m in pat.finditer(text))
        found.sort()
        merged: list[tuple[int, int, str]] = []
        for start, end, cat in found:
            if merged and start <= merged[-1][1]:
                last = merged[-1]
                merged[-1] = (last[0], max(last[1], end), last[2])
            else:
                merged.append((start, end, cat))
        return merged


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for m in _CLAUSE_STOP.finditer(text, 0, start):
        left = m.end()
    stop = _CLAUSE_STOP.search(text, end)
    right = stop.start() if stop else len(text)
    while left < start and text[left].isspace():
        left += 1
    return left, right


def _compile(raw: dict[str, Any]) -> Policy:
    try:
        marker = str(raw.get("marker", "[withheld]"))
        patterns: dict[str, tuple[re.Pattern[str], ...]] = {}
        keywords: dict[str, re.Pattern[str]] = {}
        clause: set[str] = set()
        for name, spec in (raw.get("categories") or {}).items():
            pats = tuple(re.compile(p, re.IGNORECASE) for p in spec.get("patterns") or ())
            if pats:
                patterns[name] = pats
            words = [str(w) for w in spec.get("keywords") or ()]
            if words:
                alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                keywords[name] = re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.IGNORECASE)
            if spec.get("scope") == "clause":
                clause.add(name)
    except (re.error, AttributeError, TypeError) as exc:
        raise ConfigError(f"bad redaction policy: {exc}", subject="policy.yaml") from exc
    whole = tuple(str(k) for k in raw.get("whole_values") or ())
    return Policy(marker, patterns, keywords, frozenset(clause), whole)


@functools.cache
def policy() -> Policy:
    """The bundled policy, read once per process."""
    raw = yaml.safe_load(
        (resources.files("vigil.redaction") / "policy.yaml").read_text(encoding="utf-8")
    )
    return _compile(raw)


def redact_text(
    text: str,
    *,
    confidential: Iterable[str] = (),
    released: Iterable[str] = (),
    rules: Policy | None = None,
) -> Redacted:
    """``text`` with every policy match and every ``confidential`` value replaced by the
    marker, except values a reviewer ``released`` (compared whole, case-insensitively)."""
    rules = rules or policy()
    free = {r.strip().casefold() for r in released if r and r.strip()}
    parts: list[str] = []
    withheld: list[Withheld] = []
    pos = 0
    for start, end, category in rules.spans(text, confidential):
        value = text[start:end]
        if value.strip().casefold() in free:
            continue
        parts.append(text[pos:start])
        parts.append(rules.marker)
        withheld.append(Withheld(category, value))
        pos = end
    parts.append(text[pos:])
    return Redacted("".join(parts), tuple(withheld))
