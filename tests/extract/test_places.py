from __future__ import annotations

from vigil.extract.gazetteer import fold, is_place, lookup


def test_alias_table_and_gazetteer() -> None:
    assert lookup("Janaozen") is not None and lookup("Janaozen").country == "KZ"  # type: ignore[union-attr]
    hit = lookup("Mangystau")
    assert hit is not None and hit.name == "Mangystau region" and hit.country == "KZ"
    minsk = lookup("Minsk")
    assert minsk is not None and minsk.country == "BY"
    almaty = lookup("Almaty")
    assert almaty is not None and almaty.country == "KZ"
    assert lookup("Kazakhstan") is not None
    assert not is_place("Ajzhangul")


def test_fold() -> None:
    assert fold("Haydeé  Castillo’s") == "haydee castillos"
    assert fold("Berta Cáceres") == "berta caceres"
