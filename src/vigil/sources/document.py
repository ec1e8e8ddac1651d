"""What a reader makes of one input: the text later stages read, and its way back.

A ``SourceDocument`` carries the original bytes unchanged (they are what is stored, under
their SHA-256) and the text extracted from them. ``OffsetMap`` ties ranges of that text to
ranges of the original, so that any fact found in the text can be shown in its place.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

# "byte": orig_start/orig_end are byte offsets into the original bytes.
# "page": orig_start is a zero-based page number (PDF), orig_end the same page.
OffsetUnit = Literal["byte", "page"]


@dataclass(frozen=True, slots=True)
class Segment:
    """``text[text_start:text_end]`` was read from ``original[orig_start:orig_end]``."""

    text_start: int
    text_end: int
    orig_start: int
    orig_end: int


@dataclass(slots=True)
class OffsetMap:
    """Piecewise map from positions in the extracted text to positions in the original.

    Segments are sorted by ``text_start`` and do not overlap. Text between segments (a
    newline a reader inserted between paragraphs, say) maps to nothing.
    """

    unit: OffsetUnit = "byte"
    segments: list[Segment] = field(default_factory=list)

    def add(self, text_start: int, text_end: int, orig_start: int, orig_end: int) -> None:
        if text_end <= text_start:
            return
        if self.segments and text_start < self.segments[-1].text_end:
            raise ValueError("offset segments must be added in text order without overlap")
        self.segments.append(Segment(text_start, text_end, orig_start, orig_end))

    def to_original(self, start: int, end: int) -> tuple[int, int] | None:
        """The original range covering text ``[start, end)``, or None if none of it maps.

        Within a segment, positions are interpolated linearly: exact for 1:1 copies, and
        within the segment's bounds otherwise (for an entity-decoded HTML node, say).
        """
        hits = [s for s in self.segments if s.text_start < end and s.text_end > start]
        if not hits:
            return None

        def point(seg: Segment, pos: int) -> int:
            if self.unit == "page":
                return seg.orig_start
            tlen = seg.text_end - seg.text_start
            olen = seg.orig_end - seg.orig_start
            rel = min(max(pos - seg.text_start, 0), tlen)
            return seg.orig_start + (rel * olen) // tlen

        first, last = hits[0], hits[-1]
        lo = point(first, start)
        hi = last.orig_end if self.unit == "page" else point(last, end)
        return lo, max(hi, lo)

    def to_json(self) -> dict[str, object]:
        return {
            "unit": self.unit,
            "segments": [
                [s.text_start, s.text_end, s.orig_start, s.orig_end] for s in self.segments
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> OffsetMap:
        unit = data.get("unit", "byte")
        raw = data.get("segments", [])
        if unit not in ("byte", "page") or not isinstance(raw, list):
            raise ValueError("not an offset map")
        return cls(unit=unit, segments=[Segment(*map(int, s)) for s in raw])


# A piece of text read from the original: (text_start, text_end, orig_start, orig_end),
# the text positions relative to the start of that piece.
Piece = tuple[int, int, int, int]


def join_mapped(
    texts: Iterable[tuple[str, Iterable[Piece]]], sep: str, unit: OffsetUnit = "byte"
) -> tuple[str, OffsetMap]:
    """Texts read one by one (pages, paragraphs) joined with ``sep`` into one text, with
    the map of each text's pieces moved to where that text now stands; ``sep`` maps to
    nothing."""
    offsets = OffsetMap(unit=unit)
    parts: list[str] = []
    pos = 0
    for text, pieces in texts:
        if parts:
            parts.append(sep)
            pos += len(sep)
        for t0, t1, o0, o1 in pieces:
            offsets.add(pos + t0, pos + t1, o0, o1)
        parts.append(text)
        pos += len(text)
    return "".join(parts), offsets


@dataclass(slots=True)
class SourceDocument:
    """One report as read from one input (an e-mail gives one for its body and one per
    attachment)."""

    original: bytes
    filename: str
    media_type: str
    text: str
    offsets: OffsetMap
    reader: str  # registered name and version of the reader, e.g. "html.v1"
    title: str | None = None
    published: str | None = None  # ISO 8601, as precise as the document states it
    url: str | None = None
    language: str | None = None  # ISO 639-1, or None when undecided
    encoding: str | None = None  # the text encoding the original was decoded with
    warnings: list[str] = field(default_factory=list)
    # Documents found inside this one (e-mail attachments); stored as reports of their own.
    children: list[SourceDocument] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.original).hexdigest()
