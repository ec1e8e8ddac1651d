from __future__ import annotations

import pytest

from vigil.errors import UnreadableInput
from vigil.sources import read_bytes

from .pdfmaker import blank_pdf, encrypted_pdf, text_pdf


def test_text_pdf_page_by_page() -> None:
    data = text_pdf(
        ["Journalist Ivan Petrov was detained in Minsk.", "His lawyer was not allowed in."],
        title="Urgent appeal",
    )
    doc = read_bytes(data, "appeal.pdf")
    assert doc.reader == "pdf.v1"
    assert doc.media_type == "application/pdf"
    assert (
        doc.text
        == "Journalist Ivan Petrov was detained in Minsk.\n\nHis lawyer was not allowed in."
    )
    assert doc.offsets.unit == "page"
    pages = [(s.orig_start, doc.text[s.text_start : s.text_end]) for s in doc.offsets.segments]
    assert pages[0] == (0, "Journalist Ivan Petrov was detained in Minsk.")
    assert pages[1][0] == 1
    assert doc.offsets.to_original(doc.text.index("lawyer"), doc.text.index("lawyer") + 6) == (1, 1)
    assert doc.title == "Urgent appeal"
    assert doc.published == "2021-03-04T10:15:00+00:00"
    assert doc.language == "en"


def test_page_without_text_is_skipped_with_a_warning() -> None:
    data = text_pdf(["First page text here.", " ", "Third page text here."])
    doc = read_bytes(data, "gap.pdf")
    assert [s.orig_start for s in doc.offsets.segments] == [0, 2]
    assert any("1 of 3 pages have no text" in w for w in doc.warnings)


def test_image_only_pdf() -> None:
    with pytest.raises(UnreadableInput, match="no text layer: image-only PDF, OCR it first"):
        read_bytes(blank_pdf(2), "scan.pdf")


def test_encrypted_pdf() -> None:
    with pytest.raises(UnreadableInput, match="encrypted PDF") as info:
        read_bytes(encrypted_pdf("secret"), "locked.pdf")
    assert info.value.subject == "locked.pdf"


def test_pdf_with_empty_user_password_opens() -> None:
    assert "Confidential appeal text." in read_bytes(encrypted_pdf(""), "open.pdf").text


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n1 0 obj garbage", b"%PDF-1.7\n" + bytes(range(256)) * 20, text_pdf(["x y"])[:60]],
)
def test_damaged_pdf(data: bytes) -> None:
    with pytest.raises(UnreadableInput):
        read_bytes(data, "broken.pdf")
