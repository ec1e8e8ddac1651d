"""Markdown reader: the text as is (markup kept), title from the first ``# `` heading."""

from __future__ import annotations

import re

from vigil.sources.document import SourceDocument
from vigil.sources.registry import register
from vigil.sources.text import build_text_document

_HEADING = re.compile(r"^#[ \t]+([^\n]+)", re.MULTILINE)


@register(
    "markdown.v1",
    media_types=("text/markdown", "text/x-markdown"),
    extensions=(".md", ".markdown"),
)
def read_markdown(data: bytes, filename: str, *, media_type: str | None = None) -> SourceDocument:
    doc, _ = build_text_document(
        data, filename, reader="markdown.v1", media_type="text/markdown", declared_type=media_type
    )
    if doc.title is None:
        m = _HEADING.search(doc.text)
        if m:
            doc.title = m.group(1).strip().rstrip("#").strip() or None
    return doc
