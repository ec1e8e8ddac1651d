from __future__ import annotations

import io
import struct
import zipfile

import docx
import pytest

from vigil.errors import EmptyInput, UnreadableInput
from vigil.sources import read_bytes


def make_docx(
    paragraphs: list[str], table: list[list[str]] | None = None, title: str = ""
) -> bytes:
    document = docx.Document()
    document.core_properties.title = title
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    document.add_paragraph("After the table.")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_paragraphs_and_cells_in_order() -> None:
    data = make_docx(
        ["Lawyer Anna Ivanova was arrested in Almaty.", "She is held in pre-trial detention."],
        table=[["Name", "Charge"], ["Anna Ivanova", "Article 174"]],
        title="Urgent appeal",
    )
    doc = read_bytes(data, "appeal.docx")
    assert doc.reader == "docx.v1"
    assert doc.text.split("\n") == [
        "Lawyer Anna Ivanova was arrested in Almaty.",
        "She is held in pre-trial detention.",
        "Name",
        "Charge",
        "Anna Ivanova",
        "Article 174",
        "After the table.",
    ]
    assert doc.title == "Urgent appeal"
    assert doc.published is not None and doc.published[:4].isdigit()
    assert doc.language == "en"


def test_offsets_point_at_the_compressed_document_xml() -> None:
    data = make_docx(["Some paragraph text."])
    doc = read_bytes(data, "a.docx")
    seg = doc.offsets.segments[0]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo("word/document.xml")
    assert seg.orig_end - seg.orig_start == info.compress_size
    assert seg.orig_start > info.header_offset


def _rewrite(data: bytes, name: str, content: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == name else src.read(info))
    return out.getvalue()


def test_billion_laughs_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
    )
    data = _rewrite(make_docx(["x"]), "word/document.xml", bomb)
    with pytest.raises(UnreadableInput, match="DTD"):
        read_bytes(data, "bomb.docx")


def test_zip_bomb_is_refused_from_the_directory() -> None:
    data = bytearray(make_docx(["x"]))
    # Claim a 3 GB uncompressed document.xml in the central directory: refused before
    # anything is decompressed.
    at = data.find(b"PK\x01\x02" + b"\x00" * 0)
    while at >= 0:
        name_len = struct.unpack("<H", data[at + 28 : at + 30])[0]
        if data[at + 46 : at + 46 + name_len] == b"word/document.xml":
            data[at + 24 : at + 28] = struct.pack("<I", 3_000_000_000)
            break
        at = data.find(b"PK\x01\x02", at + 4)
    with pytest.raises(UnreadableInput, match="zip bomb"):
        read_bytes(bytes(data), "bomb.docx")


def test_broken_docx() -> None:
    data = make_docx(["Some text"])
    with pytest.raises(UnreadableInput):
        read_bytes(data[: len(data) // 2], "half.docx")
    with pytest.raises(UnreadableInput):
        read_bytes(_rewrite(data, "word/document.xml", b"<not xml"), "bad.docx")


def test_docx_without_text() -> None:
    document = docx.Document()
    buf = io.BytesIO()
    document.save(buf)
    with pytest.raises(EmptyInput):
        read_bytes(buf.getvalue(), "empty.docx")
