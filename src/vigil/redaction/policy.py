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
from vigil.redaction.vocab import alternation, bundled_lists, expand, with_unions


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
    # Keys of public fact values withheld whole when any part of them is withheld.
    whole_values: tuple[str, ...] = ()
    # Categories whose matches need this many digits (a document number, not "ID 5").
    min_digits: dict[str, int] = field(default_factory=dict)

    def spans(self, text: str, confidential: Iterable[str] = ()) -> list[tuple[int, int, str]]:
        """Every span of ``text`` to withhold, with its category (overlaps merged)."""
        found: list[tuple[int, int, str]] = []
        for category, pats in self.patterns.items():
            for pat in pats:
                # A pattern with a group named "value" withholds only that group (the
                # name after "her brother", not the word "brother").
                group = "value" if "value" in pat.groupindex else 0
                need = self.min_digits.get(category, 0)
                found.extend(
                    (m.start(group), m.end(group), category)
                    for m in pat.finditer(text)
                    if m.start(group) >= 0 and sum(c.isdigit() for c in m.group(group)) >= need
                )
        for category, pat in self.keywords.items():
            found.extend((m.start(), m.end(), category) for m in pat.finditer(text))
        for value in {v.strip() for v in confidential if v and v.strip()}:
            pat = re.compile(r"(?<!\w)" + re.escape(value) + r"(?!\w)", re.IGNORECASE)
            found.extend((m.start(), m.end(), "confidential") for m in pat.finditer(text))
        found.sort()
        merged: list[tuple[int, int, str]] = []
        for start, end, cat in found:
            # Spans that touch, or only spaces part, are one: "his [withheld]" rather
            # than "his [withheld] [withheld]" for "asthma inhaler".
            if merged and (start <= merged[-1][1] or text[merged[-1][1] : start].isspace()):
                last = merged[-1]
                merged[-1] = (last[0], max(last[1], end), last[2])
            else:
                merged.append((start, end, cat))
        return merged


def _compile(raw: dict[str, Any], lists: dict[str, list[str]] | None = None) -> Policy:
    """The policy ``raw`` (parsed policy.yaml) describes, its word lists from ``lists``
    (default: the bundled data files)."""
    try:
        marker = str(raw.get("marker", "[withheld]"))
        words = with_unions(bundled_lists() if lists is None else lists, raw.get("lists") or {})
        fragments = {str(k): str(v) for k, v in (raw.get("fragments") or {}).items()}
        patterns: dict[str, tuple[re.Pattern[str], ...]] = {}
        keywords: dict[str, re.Pattern[str]] = {}
        digits: dict[str, int] = {}
        for name, spec in (raw.get("categories") or {}).items():
            kinds = [str(k) for k in spec.get("withheld_kinds") or ()]
            local = {**words, "withheld_kinds": [w for k in kinds for w in words[k]]}
            pats = tuple(
                re.compile(expand(str(p), fragments, local), re.IGNORECASE)
                for p in spec.get("patterns") or ()
            )
            if pats:
                patterns[name] = pats
            kw = [str(w) for w in spec.get("keywords") or ()]
            if kw:
                keywords[name] = re.compile(alternation(kw), re.IGNORECASE)
            if spec.get("min_digits"):
                digits[name] = int(spec["min_digits"])
    except (re.error, AttributeError, TypeError, KeyError, ValueError) as exc:
        raise ConfigError(f"bad redaction policy: {exc}", subject="policy.yaml") from exc
    whole = tuple(str(k) for k in raw.get("whole_values") or ())
    return Policy(marker, patterns, keywords, whole, digits)


def raw_policy() -> dict[str, Any]:
    """The bundled policy.yaml, parsed (to build a variant: ``_compile(changed)``)."""
    raw = yaml.safe_load(
        (resources.files("vigil.redaction") / "policy.yaml").read_text(encoding="utf-8")
    )
    if not isinstance(raw, dict):
        raise ConfigError("the redaction policy must hold a mapping", subject="policy.yaml")
    return raw


@functools.cache
def policy() -> Policy:
    """The bundled policy, read once per process."""
    return _compile(raw_policy())


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
