"""PDF reader (pypdf): the text layer, page by page.

Offsets are per page (``unit="page"``): each page's text maps to its zero-based page
number. Encrypted, damaged and image-only PDFs are refused with UnreadableInput.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import datetime
from typing import Any

from vigil.errors import EmptyInput, UnreadableInput
from vigil.sources.document import SourceDocument, join_mapped
from vigil.sources.language import detect_language
from vigil.sources.registry import register
from vigil.sources.sniff import is_pdf

log = logging.getLogger(__name__)

PAGE_SEP = "\n\n"
# Pages read at most (about 2.5 ms each with pypdf): a 50 MB text PDF stays within a
# minute; the rest is left out with a warning.
MAX_PAGES = 10_000
# Control characters other than tab and newline (PDF text layers carry NULs, form feeds).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


def _open(data: bytes, filename: str) -> Any:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception as exc:
        raise UnreadableInput(f"damaged PDF ({type(exc).__name__})", subject=filename) from exc
    if reader.is_encrypted:
        # Some PDFs are "encrypted" with an empty user password (printing restrictions
        # only): those open without one. Anything else needs the password.
        try:
            opened = bool(reader.decrypt(""))
        except Exception:
            opened = False
        if not opened:
            raise UnreadableInput("encrypted PDF", subject=filename)
    return reader


def _page_text(page: Any) -> str:
    text = page.extract_text() or ""
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _TRAILING_SPACE.sub("\n", text).strip()


def _metadata(reader: Any) -> tuple[str | None, str | None]:
    try:
        meta = reader.metadata
    except Exception:
        return None, None
    if meta is None:
        return None, None
    title: str | None = None
    published: str | None = None
    try:
        raw_title = meta.title
        if isinstance(raw_title, str) and raw_title.strip():
            title = " ".join(_CONTROL.sub(" ", raw_title).split())
    except Exception:
        log.debug("unreadable PDF title")
    try:
        created = meta.creation_date
        if isinstance(created, datetime):
            published = created.isoformat()
    except Exception:
        log.debug("unreadable PDF creation date")
    return title, published


@register("pdf.v1", media_types=("application/pdf",), extensions=(".pdf",), sniff=is_pdf)
def read_pdf(data: bytes, filename: str, *, media_type: str | None = None) -> SourceDocument:
    """Read the text layer of a PDF, one segment per page."""
    if not data.strip():
        raise EmptyInput("empty input", subject=filename)
    reader = _open(data, filename)
    try:
        pages = list(reader.pages)
    except Exception as exc:
        raise UnreadableInput(f"damaged PDF ({type(exc).__name__})", subject=filename) from exc
    if not pages:
        raise UnreadableInput("PDF has no pages", subject=filename)

    warnings: list[str] = []
    read: list[tuple[int, str]] = []  # (page number, text) of the pages with text
    failed = 0
    if len(pages) > MAX_PAGES:
        warnings.append(f"only the first {MAX_PAGES} of {len(pages)} pages were read")
    for number, page in enumerate(pages[:MAX_PAGES]):
        try:
            text = _page_text(page)
        except Exception as exc:  # one broken page must not lose the others
            log.debug("page %d unreadable: %s", number + 1, type(exc).__name__)
            failed += 1
            continue
        if text:
            read.append((number, text))
    if failed:
        warnings.append(f"{failed} of {len(pages)} pages could not be read")
    if not read:
        if failed:
            raise UnreadableInput("damaged PDF (no page could be read)", subject=filename)
        raise UnreadableInput("no text layer: image-only PDF, OCR it first", subject=filename)
    empty = len(pages) - failed - len(read)
    if empty:
        warnings.append(f"{empty} of {len(pages)} pages have no text layer (scanned?)")

    text, offsets = join_mapped(((t, [(0, len(t), n, n)]) for n, t in read), PAGE_SEP, "page")
    title, published = _metadata(reader)
    return SourceDocument(
        original=data,
        filename=filename,
        media_type="application/pdf",
        text=text,
        offsets=offsets,
        reader="pdf.v1",
        title=title,
        published=published,
        language=detect_language(text),
        encoding=None,
        warnings=warnings,
    )
