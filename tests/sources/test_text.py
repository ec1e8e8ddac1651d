"""Plain-text reader: encodings, cleaning, header lines, offsets."""

from __future__ import annotations

import codecs

import pytest

from vigil.errors import EmptyInput, UnreadableInput
from vigil.sources import read_bytes
from vigil.sources.decoding import LATIN1_FALLBACK
from vigil.sources.document import SourceDocument

RU = "Правозащитник Иван Петров был задержан полицией в Москве 12 марта, сообщил его адвокат."
FR = "Le journaliste a été arrêté à Genève, accusé de « diffamation » par le procureur."


def slices_match(doc: SourceDocument) -> bool:
    assert doc.encoding is not None
    for s in doc.offsets.segments:
        if doc.text[s.text_start : s.text_end] != doc.original[s.orig_start : s.orig_end].decode(
            doc.encoding
        ):
            return False
    return True


def test_utf8_plain() -> None:
    doc = read_bytes(b"Hello world.\n", "a.txt")
    assert doc.text == "Hello world.\n"
    assert doc.reader == "text.v1"
    assert doc.media_type == "text/plain"
    assert doc.encoding == "utf-8"
    assert doc.warnings == []
    assert slices_match(doc)


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_boms(bom: bytes, codec: str) -> None:
    data = bom + RU.encode(codec)
    doc = read_bytes(data, "ru.txt")
    assert doc.text == RU
    assert doc.encoding == codec
    assert doc.offsets.segments[0].orig_start == len(bom)
    assert doc.offsets.segments[-1].orig_end == len(data)
    assert slices_match(doc)
    assert doc.language == "ru"


def test_utf16_without_bom() -> None:
    doc = read_bytes("The detained journalist was released.".encode("utf-16-le"), "a.txt")
    assert doc.text == "The detained journalist was released."


def test_cp1251_is_detected_and_warned() -> None:
    data = RU.encode("cp1251")
    doc = read_bytes(data, "ru.txt")
    assert doc.text == RU
    assert doc.encoding == "cp1251"
    assert any("cp1251" in w for w in doc.warnings)
    assert slices_match(doc)


def test_cp1251_in_utf8_clothing() -> None:
    doc = read_bytes(RU.encode("cp1251"), "ru.txt", media_type="text/plain; charset=utf-8")
    assert doc.text == RU
    assert "decoded as cp1251; declared utf-8 was wrong" in doc.warnings


def test_latin1_in_utf8_clothing() -> None:
    doc = read_bytes(FR.encode("latin-1"), "fr.txt", media_type="text/plain; charset=UTF-8")
    assert doc.text == FR
    assert any("declared utf-8 was wrong" in w for w in doc.warnings)
    assert doc.language == "fr"


def test_declared_legacy_charset_is_used() -> None:
    doc = read_bytes(FR.encode("cp1252"), "fr.txt", media_type="text/plain; charset=windows-1252")
    assert doc.text == FR
    assert doc.encoding == "cp1252"


@pytest.mark.parametrize(
    ("original", "via"),
    [(FR, "cp1252"), (RU, "cp1251"), (RU, "cp1252")],
)
def test_mojibake_is_repaired(original: str, via: str) -> None:
    mangled = original.encode("utf-8").decode(via, LATIN1_FALLBACK).encode("utf-8")
    doc = read_bytes(mangled, "m.txt")
    assert doc.text == original
    assert any("mojibake" in w for w in doc.warnings)
    # The repaired text still maps onto the original bytes, run for run.
    seg = doc.offsets.segments[0]
    assert (seg.orig_start, seg.orig_end) == (0, len(mangled))


def test_crlf_and_controls_are_cleaned_with_exact_offsets() -> None:
    data = b"Line one is long enough\r\nLine\x00 two\x07\r\nend of the text\rlast line here"
    doc = read_bytes(data, "a.txt")
    assert doc.text == "Line one is long enough\nLine two\nend of the text\nlast line here"
    assert slices_match(doc)
    start = doc.text.index("two")
    assert doc.offsets.to_original(start, start + 3) == (data.index(b"two"), data.index(b"two") + 3)


def test_header_lines() -> None:
    head = "URL: https://example.org/a\r\nTITLE: Activist detained\r\nPUBLISHED: 2021-03-04\r\n\r\n"
    data = (head + "Body of the report.\r\n").encode()
    doc = read_bytes(data, "a.txt")
    assert doc.url == "https://example.org/a"
    assert doc.title == "Activist detained"
    assert doc.published == "2021-03-04"
    assert doc.text == "Body of the report.\n"
    assert doc.offsets.segments[0].orig_start == len(head.encode())
    assert doc.offsets.to_original(0, 4) == (len(head), len(head) + 4)


def test_header_published_unknown_and_partial() -> None:
    doc = read_bytes(b"URL: u\nTITLE: T\nPUBLISHED: unknown\n\nText here.", "a.txt")
    assert doc.published is None
    doc = read_bytes(b"PUBLISHED: 2019-05\n\nText here.", "a.txt")
    assert doc.published == "2019-05"


def test_header_needs_blank_line() -> None:
    doc = read_bytes(b"URL: https://x.org\nThe text goes on.", "a.txt")
    assert doc.url is None
    assert doc.text.startswith("URL:")


def test_header_in_cp1251_maps_to_bytes() -> None:
    head = "TITLE: Задержан\n\n"
    data = (head + RU).encode("cp1251")
    doc = read_bytes(data, "a.txt")
    assert doc.title == "Задержан"
    assert doc.text == RU
    assert doc.offsets.segments[0].orig_start == len(head)


def test_eval_dev_file_reads_its_header() -> None:
    data = (
        b"URL: https://monitor.civicus.org/x\nTITLE: Worrying use\nPUBLISHED: unknown\n\n"
        b"Peaceful Assembly\nAccording to the Helsinki Citizens' Assembly, a court ruled.\n"
    )
    doc = read_bytes(data, "am.txt")
    assert doc.text.startswith("Peaceful Assembly")
    assert doc.language == "en"


@pytest.mark.parametrize("data", [b"", b"   \n\t \r\n", "\ufeff".encode()])
def test_empty(data: bytes) -> None:
    with pytest.raises(EmptyInput):
        read_bytes(data, "e.txt")


def test_header_only_is_empty() -> None:
    with pytest.raises(EmptyInput):
        read_bytes(b"URL: x\nTITLE: y\n\n   \n", "e.txt")


def test_nul_garbage_is_unreadable() -> None:
    with pytest.raises(UnreadableInput) as info:
        read_bytes(b"\x00\x01\x02\x03" * 200 + b"abc", "garbage.txt")
    assert info.value.subject == "garbage.txt"


def test_random_binary_is_unreadable() -> None:
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4000))
    with pytest.raises(UnreadableInput):
        read_bytes(data, "noise.txt")


def test_huge_line_is_linear() -> None:
    data = b"a" * 5_000_000
    doc = read_bytes(data, "big.txt")
    assert len(doc.text) == 5_000_000
