"""Full-text search on both backends: words, phrases, prefixes, diacritics, ranking."""

from __future__ import annotations

import pytest

from tests.store.test_reports import make_doc
from vigil.store.db import Database
from vigil.store.query import parse_query
from vigil.store.reports import add_report
from vigil.store.search import search

DOCS = {
    "amirova": (
        "Arrest in Aktau",
        "Ajzhangul Amirova was arrested at the airport in Aktau and charged under article 164.",
    ),
    "ramirez": (
        "Defender threatened",
        "Lucía Ramírez, a land defender in Tegucigalpa, received death threats on Thursday.",
    ),
    "sahin": (
        "Journalist detained",
        "The journalist Elif Şahin was detained in Ankara; police searched her flat.",
    ),
    "strike": (
        "Strike continues",
        "Oil workers continued the strike in Zhanaozen; the airport was closed. Aktau is calm.",
    ),
}


@pytest.fixture
def filled(db: Database) -> dict[str, int]:
    ids = {}
    for key, (title, body) in DOCS.items():
        with db.transaction() as s:
            ids[key] = add_report(
                s, make_doc(body, name=f"{key}.txt", title=title), ingested_by="t"
            ).report_id
    return ids


def found(db: Database, q: str) -> list[int]:
    with db.read() as s:
        return [h.report.id for h in search(s, q).hits]


def test_words_are_anded(db: Database, filled: dict[str, int]) -> None:
    assert found(db, "airport Aktau") == [filled["amirova"], filled["strike"]] or set(
        found(db, "airport Aktau")
    ) == {filled["amirova"], filled["strike"]}
    assert found(db, "airport Amirova") == [filled["amirova"]]


def test_phrase_and_exclusion(db: Database, filled: dict[str, int]) -> None:
    assert found(db, '"article 164"') == [filled["amirova"]]
    assert found(db, '"164 article"') == []
    assert found(db, "airport -strike") == [filled["amirova"]]


def test_prefix(db: Database, filled: dict[str, int]) -> None:
    assert found(db, "Amir*") == [filled["amirova"]]
    assert set(found(db, "threat*")) == {filled["ramirez"]}


def test_diacritics_either_way(db: Database, filled: dict[str, int]) -> None:
    assert found(db, "Ramirez") == [filled["ramirez"]]
    assert found(db, "Ramírez") == [filled["ramirez"]]
    assert found(db, "Sahin") == [filled["sahin"]]
    assert found(db, "ŞAHİN") == [filled["sahin"]]


def test_title_ranks_above_body(db: Database, filled: dict[str, int]) -> None:
    # "Strike" is in the title of one and nowhere else; "Aktau" in a title beats a body.
    assert found(db, "aktau")[0] == filled["amirova"]


def test_snippet_highlights_original_spelling(db: Database, filled: dict[str, int]) -> None:
    with db.read() as s:
        hit = search(s, "ramirez").hits[0]
    marked = [f.text for f in hit.snippet if f.marked]
    assert marked == ["Ramírez"]
    assert "land defender" in "".join(f.text for f in hit.snippet)


def test_hostile_query_syntax_is_inert(db: Database, filled: dict[str, int]) -> None:
    for q in ['"', "NEAR(a b)", "a OR", "col:val", "'; DROP TABLE reports; --", "*", "-", "!&|"]:
        with db.read() as s:
            search(s, q)  # must not raise
    assert found(db, "amirova OR ramirez") == []  # OR is a word here, not an operator


def test_only_exclusions_find_nothing(db: Database, filled: dict[str, int]) -> None:
    assert found(db, "-aktau") == []
    assert parse_query("-aktau").positive == ()
