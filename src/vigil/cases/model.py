"""The shapes of cases as the rest of Vigil reads them (CLI, web pages, API, alerts).

These are read models, built from stored claims; they are not tables. Redaction for the
public happens on these shapes (``vigil.web`` / ``vigil.alerts``), never on storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# Derived from dated events, latest first; see vigil.cases.status.
Status = Literal[
    "at liberty",
    "threatened",
    "detained",
    "charged",
    "on trial",
    "sentenced",
    "released",
    "disappeared",
    "killed",
]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact is stated: a report, the character spans in its text, and the quote."""

    report_id: int
    claim_id: int
    spans: tuple[tuple[int, int], ...]
    quote: str
    reviewed: bool  # a reviewer confirmed or edited the claim


@dataclass(frozen=True, slots=True)
class Fact:
    """One value with every report that states it (e.g. a birth date, a relative)."""

    value: dict[str, object]
    evidence: tuple[Evidence, ...]

    @property
    def sources(self) -> list[int]:
        return sorted({e.report_id for e in self.evidence})


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One act (arrest, charge, search, ...) told by one or more reports."""

    type: str
    date: str | None  # ISO 8601, partial allowed ("2011", "2011-12")
    time: str | None
    place: str | None
    country: str | None
    victims: tuple[str, ...]
    perpetrators: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    # Other dates that other reports give for what looks like the same act.
    other_dates: tuple[str, ...] = ()

    @property
    def sources(self) -> list[int]:
        return sorted({e.report_id for e in self.evidence})


@dataclass(frozen=True, slots=True)
class Conflict:
    """Reports disagree on a field (a date, an article): all values, each with sources."""

    field: str
    values: tuple[Fact, ...]


@dataclass(frozen=True, slots=True)
class Proposal:
    """Vigil is unsure whether this case and ``other_case`` are one person: a reviewer
    decides (``vigil merge``)."""

    other_case: int
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CaseSummary:
    id: int
    name: str
    aliases: tuple[str, ...]
    status: Status
    country: str | None
    latest_event: str | None  # event type
    latest_event_date: str | None
    charges: tuple[str, ...]  # "Penal Code art. 164"
    sources: tuple[int, ...]  # report ids
    updated_at: str  # ISO 8601 timestamp of the last change


@dataclass(frozen=True, slots=True)
class Dossier:
    summary: CaseSummary
    birth_dates: tuple[Fact, ...] = ()
    birth_places: tuple[Fact, ...] = ()
    affiliations: tuple[Fact, ...] = ()  # value: {"organization", "position"}
    relatives: tuple[Fact, ...] = ()  # value: {"relative", "relation"} (confidential)
    roles: tuple[Fact, ...] = ()
    charges: tuple[Fact, ...] = ()  # value: {"law", "article", "offence", "country"}
    sentences: tuple[Fact, ...] = ()  # value: {"penalty", "term_months", "amount", ...}
    timeline: tuple[TimelineEvent, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    merges: tuple[str, ...] = field(default_factory=tuple)  # why names were merged
    proposals: tuple[Proposal, ...] = ()  # possible same persons, for a reviewer


@dataclass(frozen=True, slots=True)
class OrganizationSummary:
    id: int
    name: str
    aliases: tuple[str, ...]
    kind: str | None
    sources: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class OrganizationDossier:
    summary: OrganizationSummary
    members: tuple[tuple[CaseSummary, tuple[str, ...]], ...]  # case and positions held
    timeline: tuple[TimelineEvent, ...]  # acts against the organisation (searches, bans)
    merges: tuple[str, ...] = ()
    mentions: tuple[tuple[str, int, str], ...] = ()  # (mention id, report id, name)
    # Persons its reports name as affiliated who have no case (officials, lawyers...):
    # (name, positions held).
    people: tuple[tuple[str, tuple[str, ...]], ...] = ()
