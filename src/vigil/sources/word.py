"""Word reader (.docx, python-docx): paragraphs and table cells in document order.

A .docx is a zip of XML. Before anything is parsed the zip directory is checked: total
uncompressed size above the limit (zip bombs) or a DTD in any XML part (entity
expansion, "billion laughs") is refused. The text cannot be mapped to bytes of the
original (it is compressed inside the zip), so every paragraph maps to the byte range of
the compressed ``word/document.xml`` member.
"""

from __future__ import annotations

import io
import logging
import re
import struct
import zipfile
from datetime import datetime
from typing import Any

from vigil.errors import EmptyInput, UnreadableInput
from vigil.sources.document import SourceDocument, join_mapped
from vigil.sources.language import detect_language
from vigil.sources.registry import register
from vigil.sources.sniff import is_zip

log = logging.getLogger(__name__)

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes, all members together
MAX_MEMBERS = 5000
DOCUMENT_XML = "word/document.xml"
PARAGRAPH_SEP = "\n"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def is_docx(head: bytes) -> bool:
    """A zip whose directory names word/document.xml (local headers are near the start)."""
    return is_zip(head) and b"word/document.xml" in head


def _check_zip(data: bytes, filename: str) -> tuple[zipfile.ZipFile, tuple[int, int]]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableInput("broken .docx (not a readable zip)", subject=filename) from exc
    if len(infos) > MAX_MEMBERS:
        raise UnreadableInput(f"refused .docx: {len(infos)} parts in the zip", subject=filename)
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        mb = total // (1024 * 1024)
        raise UnreadableInput(f"refused .docx: {mb} MB uncompressed (zip bomb?)", subject=filename)
    names = {i.filename: i for i in infos}
    if DOCUMENT_XML not in names:
        raise UnreadableInput("broken .docx (no word/document.xml)", subject=filename)
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            try:
                with zf.open(info) as fh:
                    head = fh.read(4096)
            except Exception as exc:
                raise UnreadableInput("broken .docx (damaged part)", subject=filename) from exc
            if _DTD.search(head):
                raise UnreadableInput(
                    "refused .docx: XML with a DTD (entity expansion)", subject=filename
                )
    return zf, _member_range(data, names[DOCUMENT_XML])


def _member_range(data: bytes, info: zipfile.ZipInfo) -> tuple[int, int]:
    """Bytes of a member's compressed data: after its local header (30 bytes, name, extra)."""
    at = info.header_offset
    if data[at : at + 4] != b"PK\x03\x04":
        return at, at + info.compress_size
    name_len, extra_len = struct.unpack("<HH", data[at + 26 : at + 30])
    start = at + 30 + name_len + extra_len
    return start, min(len(data), start + info.compress_size)


def has_document_xml(data: bytes) -> bool:
    """A zip whose directory lists word/document.xml (checked without decompressing)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return DOCUMENT_XML in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _paragraphs(document: Any) -> list[str]:
    """Every paragraph in order: body text, table cells (nested too), text boxes."""
    body = document.element.body
    out: list[str] = []
    for p in body.iter(f"{_W}p"):
        # Paragraphs nested in a paragraph (text boxes) are read on their own.
        own = _paragraph_text_shallow(p)
        if own:
            out.append(own)
    return out


def _paragraph_text_shallow(p: Any) -> str:
    """Text of ``p`` without the paragraphs nested inside it (text boxes)."""
    parts: list[str] = []
    stack = [iter(p)]
    while stack:
        try:
            el = next(stack[-1])
        except StopIteration:
            stack.pop()
            continue
        tag = el.tag
        if tag == f"{_W}p" or tag == f"{_W}txbxContent":
            continue
        if tag == f"{_W}t":
            parts.append(el.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        else:
            stack.append(iter(el))
    return _CONTROL.sub("", "".join(parts)).strip()


def _core(document: Any) -> tuple[str | None, str | None]:
    try:
        props = document.core_properties
        title = props.title
        created = props.created
    except Exception:
        return None, None
    t = " ".join(title.split()) if isinstance(title, str) and title.strip() else None
    c = created.isoformat() if isinstance(created, datetime) else None
    return t, c


@register(
    "docx.v1",
    media_types=("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
    extensions=(".docx",),
    sniff=is_docx,
)
def read_docx(data: bytes, filename: str, *, media_type: str | None = None) -> SourceDocument:
    """Read a .docx: paragraph and table-cell text, title and creation date."""
    if not data.strip():
        raise EmptyInput("empty input", subject=filename)
    _, member = _check_zip(data, filename)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise UnreadableInput(f"broken .docx ({type(exc).__name__})", subject=filename) from exc
    paragraphs = _paragraphs(document)
    if not paragraphs:
        raise EmptyInput("the .docx has no text", subject=filename)
    start, end = member
    text, offsets = join_mapped(((p, [(0, len(p), start, end)]) for p in paragraphs), PARAGRAPH_SEP)
    title, created = _core(document)
    return SourceDocument(
        original=data,
        filename=filename,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        text=text,
        offsets=offsets,
        reader="docx.v1",
        title=title,
        published=created,
        language=detect_language(text),
        encoding=None,
        warnings=["offsets point at the compressed word/document.xml, not at the words"],
    )
