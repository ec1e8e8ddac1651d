"""The claims of reports as the cases see them: reviewed values win, rejected ones are gone.

A claim's ``value`` names its person by the name that report uses; ``names_match`` decides
whether a claim is about a mention, by folded names, so that "A. Amirova" in an event's
victims finds the mention whose aliases include it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.store.fold import fold
from vigil.store.models import ClaimRow, Report

_HONORIFIC = re.compile(r"^(mr|mrs|ms|miss|dr|prof)\.?\s+", re.IGNORECASE)
_PUNCT = re.compile(r"[^a-z0-9]+")

CASE_KINDS = (
    "person",
    "alias",
    "birth_date",
    "birth_place",
    "affiliation",
    "relative",
    "event",
    "charge",
    "sentence",
    "organization",
)


@lru_cache(maxsize=65_536)
def name_key(name: str) -> str:
    """Case-, diacritics- and punctuation-folded name without honorifics ("Mr A. Amirova"
    and "a amirova" give the same key)."""
    return _PUNCT.sub(" ", fold(_HONORIFIC.sub("", name.strip()))).strip()


@dataclass(frozen=True, slots=True)
class StoredClaim:
    id: int
    report_id: int
    kind: str
    value: dict[str, Any]
    spans: tuple[tuple[int, int], ...]
    reviewed: bool  # confirmed or edited by a reviewer
    confidence: float


def claims_of_reports(session: Session, report_ids: Iterable[int]) -> dict[int, list[StoredClaim]]:
    """Every claim the cases use, per report, leaving out what reviewers rejected."""
    ids = sorted(set(report_ids))
    found: dict[int, list[StoredClaim]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(
                ClaimRow.id,
                ClaimRow.report_id,
                ClaimRow.kind,
                ClaimRow.value,
                ClaimRow.spans,
                ClaimRow.status,
                ClaimRow.confidence,
            )
            .where(ClaimRow.report_id.in_(ids[start : start + 500]))
            .where(ClaimRow.kind.in_(CASE_KINDS))
            .where(ClaimRow.status != "rejected")
            .order_by(ClaimRow.id)
        )
        for cid, rid, kind, value, spans, status, conf in rows:
            found[rid].append(
                StoredClaim(
                    cid,
                    rid,
                    kind,
                    value if isinstance(value, dict) else {},
                    tuple((int(a), int(b)) for a, b in spans),
                    status in ("confirmed", "edited"),
                    float(conf),
                )
            )
    return found


def report_dates(session: Session, report_ids: Iterable[int]) -> dict[int, str | None]:
    ids = sorted(set(report_ids))
    found: dict[int, str | None] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(select(Report.id, Report.published).where(Report.id.in_(chunk)))
        found.update((int(i), p) for i, p in rows)
    return found
