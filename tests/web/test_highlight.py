"""Cutting a report's text into marked segments, and finding a claim's sentence."""

from __future__ import annotations

from vigil.web.highlight import evidence_parts, segments, sentence_around

TEXT = "First one. Aliya Amirova was arrested in Almaty. Last one."


def test_segments_cover_the_text_and_the_narrowest_claim_wins() -> None:
    marks = [(11, 24, 1, "person"), (11, 47, 2, "event"), (41, 47, 3, "place")]
    parts = segments(TEXT, marks)
    assert "".join(p.text for p in parts) == TEXT
    by_text = {p.text: p for p in parts}
    assert by_text["Aliya Amirova"].kind == "person"
    assert by_text["Aliya Amirova"].claims == [1, 2]
    assert by_text["Aliya Amirova"].anchors == [1, 2]
    assert by_text[" was arrested in "].kind == "event"
    assert by_text["Almaty"].kind == "place" and by_text["Almaty"].anchors == [3]
    assert by_text["First one. "].kind is None


def test_bad_spans_are_dropped_not_fatal() -> None:
    parts = segments("short", [(3, 99, 1, "person"), (4, 2, 2, "x"), (-5, 1, 3, "y")])
    assert "".join(p.text for p in parts) == "short"


def test_sentence_and_evidence_parts() -> None:
    assert sentence_around(TEXT, 41, 47) == "Aliya Amirova was arrested in Almaty."
    assert evidence_parts(TEXT, 11, 24) == ("", "Aliya Amirova", " was arrested in Almaty.")
