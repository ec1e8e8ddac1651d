"""Plain-text reader: robust decoding, clean text, and optional header lines.

A plain-text report may begin with header lines and an empty line::

    URL: https://example.org/news/1
    TITLE: Journalist detained
    PUBLISHED: 2021-03-04        (or "unknown")

    The text of the report...

The headers fill ``url``/``title``/``published``; the text starts after the empty line and
its offsets still point into the original bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigil.errors import EmptyInput
from vigil.sources.decoding import Decoded, charset_of, decode
from vigil.sources.document import SourceDocument
from vigil.sources.language import detect_language
from vigil.sources.registry import register
from vigil.sources.textmap import normalise

_HEADER_LINE = re.compile(r"(URL|TITLE|PUBLISHED)[ \t]*:[ \t]*([^\r\n]*)\r?\n", re.IGNORECASE)
_BLANK = re.compile(r"[ \t]*\r?\n")
_ISO = re.compile(
    r"\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_UNKNOWN = {"", "unknown", "none", "n/a", "na", "-"}


@dataclass(slots=True)
class Header:
    url: str | None = None
    title: str | None = None
    published: str | None = None
    end: int = 0  # character index in the decoded text where the body starts


def parse_header(text: str, warnings: list[str]) -> Header:
    """Header lines at the very start of ``text`` followed by an empty line, if any."""
    header = Header()
    pos = 0
    found = False
    values: dict[str, str] = {}
    while m := _HEADER_LINE.match(text, pos):
        values[m.group(1).upper()] = _CONTROL.sub("", m.group(2)).strip()
        pos = m.end()
        found = True
    blank = _BLANK.match(text, pos) if found else None
    if blank is None:
        return header
    header.end = blank.end()
    header.url = values.get("URL") or None
    title = values.get("TITLE", "")
    header.title = None if title.lower() in _UNKNOWN else title
    header.published = parse_published(values.get("PUBLISHED", ""), warnings)
    return header


def parse_published(raw: str, warnings: list[str]) -> str | None:
    """An ISO 8601 date as precise as stated; None for "unknown" or anything unreadable."""
    value = raw.strip()
    if value.lower() in _UNKNOWN:
        return None
    if _ISO.fullmatch(value):
        return value.replace(" ", "T", 1)
    warnings.append("PUBLISHED header is not an ISO date; ignored")
    return None


def decode_input(data: bytes, filename: str, media_type: str | None) -> Decoded:
    if not data.strip():
        raise EmptyInput("empty input", subject=filename)
    decoded = decode(data, declared=charset_of(media_type), subject=filename)
    if not decoded.text.strip():
        raise EmptyInput("empty input (whitespace only)", subject=filename)
    return decoded


def build_text_document(
    data: bytes,
    filename: str,
    *,
    reader: str,
    media_type: str,
    declared_type: str | None,
) -> tuple[SourceDocument, Header]:
    """Decode, read the header lines, clean the body: the shared work of text and Markdown."""
    decoded = decode_input(data, filename, declared_type)
    warnings = list(decoded.warnings)
    header = parse_header(decoded.text, warnings)
    body = decoded.text[header.end :]
    base = decoded.start + (len(decoded.encode(decoded.text[: header.end])) if header.end else 0)
    text, offsets = normalise(body, decoded.encode, base)
    if not text.strip():
        raise EmptyInput("no text after the header lines", subject=filename)
    doc = SourceDocument(
        original=data,
        filename=filename,
        media_type=media_type,
        text=text,
        offsets=offsets,
        reader=reader,
        title=header.title,
        published=header.published,
        url=header.url,
        language=detect_language(text),
        encoding=decoded.encoding,
        warnings=warnings,
    )
    return doc, header


@register("text.v1", media_types=("text/plain",), extensions=(".txt", ".text", ".log"))
def read_text(data: bytes, filename: str, *, media_type: str | None = None) -> SourceDocument:
    """Read plain text (any encoding) into a SourceDocument."""
    doc, _ = build_text_document(
        data, filename, reader="text.v1", media_type="text/plain", declared_type=media_type
    )
    return doc
