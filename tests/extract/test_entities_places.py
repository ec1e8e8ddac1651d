from __future__ import annotations

from vigil.extract import Extractor
from vigil.extract.context import Context, Ent
from vigil.extract.stages.places import find_places


def test_entities_stage_keeps_offsets(extractor: Extractor) -> None:
    text = "Andrey Chapiuk was detained in Minsk by the KGB."
    res = extractor.extract(text)
    person = next(c for c in res.claims if c.kind == "person")
    s, e = person.spans[0]
    assert text[s:e] == "Andrey Chapiuk"


def test_places_stage_resolves_aliases_country_and_addresses() -> None:
    text = "The flat in Janaozen, 5th District, Building 62 was searched; Kazakh police came."
    ctx = Context(text=text, clean=text)
    ctx.ents = [Ent(12, 20, "GPE", "Janaozen")]
    find_places(ctx)
    names = {p.name: p for p in ctx.places}
    assert names["Zhanaozen"].country == "KZ"
    assert any(p.sensitive for p in ctx.places)
    assert ctx.country == "KZ"
