"""The working state one report carries through the stages.

Every stage reads what earlier stages left here and adds its own findings; the record and
claims are built from it at the end (``vigil.extract.record``). Offsets are always into
``Context.text``: the cleaning stage blanks noise instead of deleting it, so positions never
shift.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from vigil.extract.budget import Deadline
from vigil.extract.model import Claim


@dataclass(slots=True)
class Ent:
    start: int
    end: int
    label: str
    text: str


@dataclass(slots=True)
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    role: str = "other"
    birth_date: str | None = None
    birth_place: str | None = None
    affiliations: list[dict[str, str]] = field(default_factory=list)
    relatives: list[dict[str, str]] = field(default_factory=list)
    confidence: float = 0.8
    # Evidence of biography facts, keyed like their claims ("birth_date", "aff:Alga!", ...).
    evidence: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # The registered stage that found it (stamped by the extractor, never by hand).
    stage: str = ""


@dataclass(slots=True)
class Organization:
    name: str
    aliases: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "other"
    confidence: float = 0.7
    # The registered stage that found it (stamped by the extractor, never by hand).
    stage: str = ""


@dataclass(slots=True)
class Mention:
    """A span of text that names a person (``kind == "person"``) or an organization."""

    start: int
    end: int
    kind: str
    index: int  # into Context.persons or Context.organizations


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    value: str  # ISO 8601 at the precision the text gives: 2011, 2011-12, 2011-12-16
    explicit_year: bool = True
    # Counted from another date of the text ("two days later"): it dates its own clause only.
    relative: bool = False


@dataclass(slots=True)
class TimeMention:
    start: int
    end: int
    value: str  # HH:MM


@dataclass(slots=True)
class Place:
    start: int
    end: int
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    sensitive: bool = False  # a street address
    # The registered stage that found it (stamped by the extractor, never by hand).
    stage: str = ""


@dataclass(slots=True)
class Event:
    type: str
    start: int
    end: int
    trigger: tuple[int, int]
    date: str | None = None
    time: str | None = None
    place: str | None = None
    country: str | None = None
    victims: list[str] = field(default_factory=list)
    perpetrators: list[str] = field(default_factory=list)
    confidence: float = 0.6
    # The act is stated for people the text does not name ("at least 51 people were arrested").
    unnamed: bool = False
    # Named in passing as an act the report tells elsewhere ("the arrest of X", "his
    # arrest"): the document-level resolution joins it to that telling.
    retold: bool = False
    # The registered stage that found it (stamped by the extractor, never by hand).
    stage: str = ""


@dataclass(slots=True)
class Charge:
    person: str
    law: str | None
    article: str | None
    offence: str | None
    country: str | None
    span: tuple[int, int]
    # The registered stage that found it (stamped by the extractor, never by hand).
    stage: str = ""


@dataclass(slots=True)
class Penalty:
    person: str
    penalty: str  # imprisonment, fine, restriction
    span: tuple[int, int]
    term_months: int | None = None
    amount: float | None = None
    currency: str | None = None
    note: str | None = None
    # The registered stage that found it (stamped by the extractor, never by hand).
    stage: str = ""


_FACT_LISTS = ("persons", "organizations", "places", "events", "charges", "penalties")


def _biography_size(persons: list[Person]) -> int:
    return sum(
        len(p.affiliations) + len(p.relatives) + bool(p.birth_date) + bool(p.birth_place)
        for p in persons
    )


@dataclass(slots=True)
class Context:
    text: str
    clean: str
    published: dt.date | None = None
    published_raw: str | None = None
    language: str | None = None
    # The data/languages.yaml entry that reads the report (set by cleaning.v1).
    reading: str = "en"
    doc: Any = None  # spacy.tokens.Doc (or the entry's own document) once the model has run
    sentences: list[tuple[int, int]] = field(default_factory=list)
    ents: list[Ent] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    country: str | None = None
    day_first: bool = True
    events: list[Event] = field(default_factory=list)
    # Per sentence start and event type, the victims the events stage read for the act told
    # there (before an act told twice became one event): the charges stage reads who a
    # charge is against from the same reading.
    acts: dict[tuple[int, str], list[str]] = field(default_factory=dict)
    charges: list[Charge] = field(default_factory=list)
    penalties: list[Penalty] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    # When the report's time budget runs out (a stage with a long loop may check
    # ``deadline.passed()`` and stop early, saying so in a warning).
    deadline: Deadline = field(default_factory=lambda: Deadline(None))
    # The stage that added biography facts (affiliations, relatives, birth) to persons.
    biography_stage: str = ""

    def sizes(self) -> tuple[int, ...]:
        """How many facts of each kind the context holds (before a stage runs)."""
        lists = tuple(len(getattr(self, name)) for name in _FACT_LISTS)
        return (*lists, _biography_size(self.persons))

    def stamp(self, stage: str, before: tuple[int, ...]) -> None:
        """Stamp ``stage`` on every fact added since ``sizes()`` gave ``before``: each
        stage's facts carry its own registered name, whatever replaces a built-in."""
        for name, size in zip(_FACT_LISTS, before, strict=False):
            for item in getattr(self, name)[size:]:
                if not item.stage:
                    item.stage = stage
        if _biography_size(self.persons) > before[-1]:
            self.biography_stage = stage

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The sentence span holding ``pos`` (the whole text when there are none)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s, e = self.sentences[mid]
            if pos < s:
                hi = mid - 1
            elif pos >= e:
                lo = mid + 1
            else:
                return s, e
        return (0, len(self.text))

    def sentence_index(self, sent: tuple[int, int]) -> int:
        """Where ``sent`` is in ``sentences`` (-1: not one of them), by bisection:
        ``sentences.index`` for every event was quadratic on reports of thousands of
        sentences. Sentences are in text order and do not overlap."""
        i = bisect.bisect_left(self.sentences, sent)
        return i if i < len(self.sentences) and self.sentences[i] == sent else -1

    # Mentions sorted by start, with their starts, for ``mentions_in`` (rebuilt when
    # mentions are added; stages only ever add them).
    _by_start: tuple[int, list[int], list[Mention]] = (0, [], [])

    # Mentions of each kind by start (their starts, their places in ``mentions``, the
    # longest one's length) for ``mention_at``, rebuilt when mentions are added.
    _at: dict[str, tuple[int, list[int], list[int], int]] = field(default_factory=dict)

    def mention_at(self, pos: int, kind: str) -> Mention | None:
        """The first mention of ``kind`` (in ``mentions`` order) holding ``pos``. By
        bisection: a scan of every mention for every word the parse looks at was
        quadratic on reports naming thousands."""
        index = self._at.get(kind)
        if index is None or index[0] != len(self.mentions):
            places = [i for i, m in enumerate(self.mentions) if m.kind == kind]
            places.sort(key=lambda i: self.mentions[i].start)
            starts = [self.mentions[i].start for i in places]
            longest = max(
                (self.mentions[i].end - self.mentions[i].start for i in places), default=0
            )
            index = self._at[kind] = (len(self.mentions), starts, places, longest)
        _, starts, places, longest = index
        best: int | None = None
        for k in range(
            bisect.bisect_right(starts, pos - longest), bisect.bisect_right(starts, pos)
        ):
            i = places[k]
            m = self.mentions[i]
            if m.kind == kind and m.start <= pos < m.end and (best is None or i < best):
                best = i
        return None if best is None else self.mentions[best]

    def mentions_in(self, start: int, end: int, kind: str | None = None) -> list[Mention]:
        """Mentions within ``[start, end)``, in text order. Bisection: a scan of every
        mention for every sentence was quadratic on reports naming thousands."""
        if self._by_start[0] != len(self.mentions):
            ordered = sorted(self.mentions, key=lambda m: m.start)
            self._by_start = (len(self.mentions), [m.start for m in ordered], ordered)
        _, starts, ordered = self._by_start
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        return [m for m in ordered[lo:hi] if m.end <= end and (kind is None or m.kind == kind)]
