"""What extraction hands back: the record, its claims with evidence, and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Claim:
    """One fact for storage and review, tied to the words it came from.

    ``spans`` are character offsets into the text given to ``Extractor.extract``.
    """

    kind: str  # "person", "organization", "event", "charge", "sentence", "alias", ...
    key: str  # stable id of the fact within the record, e.g. "event:3"
    value: dict[str, Any]
    spans: list[tuple[int, int]]
    stage: str  # e.g. "events.v1"
    confidence: float

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "value": self.value,
            "spans": [list(s) for s in self.spans],
            "stage": self.stage,
            "confidence": self.confidence,
        }


@dataclass(slots=True)
class ExtractionResult:
    """``record`` follows the GUIDELINES schema minus ``doc`` (the caller adds it)."""

    record: dict[str, Any]
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
