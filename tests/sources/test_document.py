from vigil.sources.document import Segment, join_mapped


def test_join_mapped_moves_each_texts_pieces_and_maps_the_separator_to_nothing() -> None:
    text, offsets = join_mapped(
        [("ab", [(0, 2, 10, 12)]), ("", []), ("cd", [(0, 1, 20, 21), (1, 2, 30, 31)])],
        "--",
        "page",
    )
    assert text == "ab----cd"
    assert offsets.unit == "page"
    assert offsets.segments == [Segment(0, 2, 10, 12), Segment(6, 7, 20, 21), Segment(7, 8, 30, 31)]
