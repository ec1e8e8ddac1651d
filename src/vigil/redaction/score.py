"""Measuring the policy: recall per category on phrasings that must be withheld, and false
alarms on text that must stay whole. Used by tests/redaction/test_phrasings.py and
bench/bench_redaction.py, so both report the same figures.

A phrasing is caught when every part it lists as withheld lies wholly inside withheld
spans and no part it lists as kept is touched. A text is a false alarm when anything in
it is withheld that is not one of the values annotated as confidential for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vigil.redaction.policy import Policy

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


@dataclass
class Tally:
    total: int = 0
    hits: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 0.0


def _inside(spans: list[tuple[int, int, str]], start: int, end: int) -> bool:
    # Policy.spans merges overlapping and touching spans, so one span covers a part whole.
    return any(s <= start and e >= end for s, e, _ in spans)


def _touched(spans: list[tuple[int, int, str]], start: int, end: int) -> bool:
    return any(s < end and e > start for s, e, _ in spans)


def caught(rules: Policy, entry: Mapping[str, Any]) -> bool:
    text = str(entry["text"])
    spans = rules.spans(text)
    for part in entry.get("withheld") or ():
        at = text.find(str(part))
        if at < 0:
            raise ValueError(f"{part!r} is not in {text!r}")
        if not _inside(spans, at, at + len(str(part))):
            return False
    for part in entry.get("kept") or ():
        at = text.find(str(part))
        if at < 0:
            raise ValueError(f"{part!r} is not in {text!r}")
        if _touched(spans, at, at + len(str(part))):
            return False
    return True


def recall(rules: Policy, phrasings: Mapping[str, Iterable[Mapping[str, Any]]]) -> dict[str, Tally]:
    """Per category: how many phrasings are caught, and the texts of those missed."""
    out: dict[str, Tally] = {}
    for category, entries in phrasings.items():
        tally = out.setdefault(category, Tally())
        for entry in entries:
            tally.total += 1
            if caught(rules, entry):
                tally.hits += 1
            else:
                tally.misses.append(str(entry["text"]))
    return out


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def false_alarms(rules: Policy, texts: Iterable[str], allowed: Iterable[str] = ()) -> Tally:
    """``hits`` counts texts with something withheld that is not in ``allowed`` (values
    annotated as confidential); ``misses`` lists those withheld values."""
    ok = [a.casefold() for a in allowed]
    tally = Tally()
    for text in texts:
        tally.total += 1
        wrong = [
            text[s:e]
            for s, e, _ in rules.spans(text)
            if not any(text[s:e].casefold() in a or a in text[s:e].casefold() for a in ok)
        ]
        if wrong:
            tally.hits += 1
            tally.misses.extend(wrong)
    return tally


def report_alarms(rules: Policy, folders: Iterable[Path], confidential: Mapping[str, Any]) -> Tally:
    """False alarms per sentence over the ``*.txt`` reports of ``folders``; a report's
    annotated values (keyed "folder/file.txt") are not alarms."""
    tally = Tally()
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            allowed = [str(v) for v in confidential.get(f"{folder.name}/{path.name}") or ()]
            one = false_alarms(rules, sentences(path.read_text(encoding="utf-8")), allowed)
            tally.total += one.total
            tally.hits += one.hits
            tally.misses.extend(f"{path.name}: {m}" for m in one.misses)
    return tally
