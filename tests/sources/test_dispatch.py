"""read_bytes: which reader reads what, and what is refused."""

from __future__ import annotations

import io
import zipfile

import pytest

from vigil.errors import EmptyInput, InputError, UnsupportedFormat
from vigil.sources import choose_reader, read_bytes

from .pdfmaker import text_pdf

HTML = b"<!DOCTYPE html><html><body><p>Activist detained in Baku.</p></body></html>"
MAIL = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: Appeal\r\n\r\nActivist detained.\r\n"


@pytest.mark.parametrize(
    ("data", "filename", "media_type", "reader"),
    [
        (text_pdf(["Report text."]), "report.txt", None, "pdf.v1"),  # sniff beats extension
        (HTML, "page.txt", None, "html.v1"),
        (MAIL, "message.txt", None, "email.v1"),
        (b"Plain report.", "report.html.txt", None, "text.v1"),
        (b"<p>Fragment without html tag</p>", "frag.html", None, "html.v1"),  # extension
        (b"Some text", "noext", "text/markdown", "markdown.v1"),  # media type
        (b"Some text", "noext", None, "text.v1"),  # unknown: text
        (b"Some text", "data.xyz", "application/octet-stream", "text.v1"),
        (b"URL: https://x.org\nTITLE: T\n\nBody text.", "a", None, "text.v1"),  # not e-mail
    ],
)
def test_reader_choice(data: bytes, filename: str, media_type: str | None, reader: str) -> None:
    assert choose_reader(data, filename, media_type=media_type).name == reader
    assert read_bytes(data, filename, media_type=media_type).reader == reader


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "photo.txt"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 50, "photo"),
        (b"MZ\x90\x00" + b"\x00" * 50, "tool.exe"),
        (b"\x7fELF" + b"\x00" * 50, "a.txt"),
        (b"GIF89a" + b"\x00" * 20, "x.gif"),
        (b"some bytes", "photo.jpg"),
    ],
)
def test_unsupported(data: bytes, filename: str) -> None:
    with pytest.raises(UnsupportedFormat) as info:
        read_bytes(data, filename)
    assert info.value.subject == filename
    assert "\n" not in str(info.value)


def test_zip_that_is_not_docx_is_unsupported() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("notes.txt", "hello")
    with pytest.raises(UnsupportedFormat, match="zip archive"):
        read_bytes(buf.getvalue(), "archive.docx.txt")


def test_unsupported_media_type() -> None:
    with pytest.raises(UnsupportedFormat, match="image/webp"):
        read_bytes(b"abc def", "upload", media_type="image/webp")


@pytest.mark.parametrize("filename", ["a.txt", "a.pdf", "a.html", "a.eml", "a.docx", "a.md"])
def test_empty_for_every_extension(filename: str) -> None:
    with pytest.raises(EmptyInput):
        read_bytes(b" \n ", filename)


def test_errors_are_input_errors_with_codes() -> None:
    with pytest.raises(InputError) as info:
        read_bytes(b"", "e.txt")
    assert str(info.value) == "e.txt: empty input [E101]"
