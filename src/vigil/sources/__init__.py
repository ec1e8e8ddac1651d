"""Readers: every input format becomes a :class:`SourceDocument`.

    from vigil.sources import read_bytes
    doc = read_bytes(data, "appeal.pdf")

The reader is chosen by sniffing the bytes first (PDF, .docx zip, e-mail headers, HTML),
then by the file extension, then by the media type; text that matches nothing is read as
plain text. Built-in readers register in :mod:`vigil.sources.registry` exactly as a
plugin's would; importing this package registers them.
"""

from __future__ import annotations

from vigil.errors import EmptyInput, UnsupportedFormat
from vigil.sources import registry

# The built-in readers, registered in the order their sniff functions are tried:
# %PDF-, a .docx zip, RFC 822 headers, HTML; plain text and Markdown do not sniff.
# isort: off
from vigil.sources import pdf as _pdf  # noqa: F401
from vigil.sources import word as _word  # noqa: F401
from vigil.sources import mail as _mail  # noqa: F401
from vigil.sources import webpage as _webpage  # noqa: F401
from vigil.sources import text as _text  # noqa: F401
from vigil.sources import markdown as _markdown  # noqa: F401
# isort: on

from vigil.sources.document import OffsetMap, Segment, SourceDocument
from vigil.sources.registry import SNIFF_BYTES, Reader, register
from vigil.sources.sniff import is_zip, unsupported, unsupported_extension
from vigil.sources.text import read_text
from vigil.sources.word import has_document_xml

__all__ = [
    "OffsetMap",
    "Reader",
    "Segment",
    "SourceDocument",
    "choose_reader",
    "read_bytes",
    "read_text",
    "register",
    "registry",
]


def choose_reader(data: bytes, filename: str, *, media_type: str | None = None) -> Reader:
    """The reader for this input, or UnsupportedFormat naming what it is."""
    head = data[:SNIFF_BYTES]
    found = registry.by_sniff(head)
    if found is not None:
        return found
    if is_zip(head):
        # A .docx whose document.xml is not among the first local headers, or any zip.
        if has_document_xml(data) and "docx.v1" in {r.name for r in registry.readers()}:
            return registry.get("docx.v1")
        raise UnsupportedFormat(
            "unsupported format: zip archive that is not a .docx", subject=filename
        )
    refused = unsupported(head)
    if refused is not None:
        raise UnsupportedFormat(f"unsupported format: {refused}", subject=filename)
    ext = registry.extension_of(filename)
    found = registry.by_extension(filename)
    if found is not None:
        return found
    if ext and unsupported_extension(ext):
        raise UnsupportedFormat(f"unsupported file type {ext}", subject=filename)
    found = registry.by_media_type(media_type)
    if found is not None:
        return found
    if media_type and not media_type.lower().startswith("text/"):
        base = media_type.split(";", 1)[0].strip()
        if base.lower() not in ("application/octet-stream", ""):
            raise UnsupportedFormat(f"unsupported media type {base}", subject=filename)
    # Unknown: try it as text (the text reader refuses binary content as UnreadableInput).
    return registry.get("text.v1")


def read_bytes(data: bytes, filename: str, *, media_type: str | None = None) -> SourceDocument:
    """Read one input into a SourceDocument.

    Raises EmptyInput, UnsupportedFormat or UnreadableInput (all InputError), with
    ``subject=filename``. Size limits are the caller's: check them before calling.
    """
    if not data.strip():
        raise EmptyInput("empty input", subject=filename)
    reader = choose_reader(data, filename, media_type=media_type)
    return reader.read(data, filename, media_type=media_type)
