from __future__ import annotations

from vigil.sources import read_bytes


def test_title_from_first_heading() -> None:
    doc = read_bytes(b"Intro line\n\n# Lawyer arrested ##\n\nText.\n# Second\n", "n.md")
    assert doc.reader == "markdown.v1"
    assert doc.media_type == "text/markdown"
    assert doc.title == "Lawyer arrested"
    assert doc.text.startswith("Intro line")


def test_header_title_wins() -> None:
    doc = read_bytes(b"TITLE: From header\n\n# Heading\nText.", "n.md")
    assert doc.title == "From header"


def test_no_heading_no_title() -> None:
    assert read_bytes(b"Just text, #not a heading.", "n.md").title is None


def test_long_hash_line_is_fast() -> None:
    doc = read_bytes(b"# a" + b" #" * 200_000 + b"x\n", "n.md")
    assert doc.title is not None
