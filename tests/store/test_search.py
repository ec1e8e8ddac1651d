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


# --- every form of a word ------------------------------------------------------------------

RUSSIAN = {
    "ru_genitive": (
        "Задержание в Актау",
        "Суд продлил арест Айжангуль Амировой; адвокат Айжангули подал жалобу.",
    ),
    "ru_nominative": ("Заявление", "Айжангуль Амирова задержана в аэропорту Актау."),
    "ru_other": ("Другое", "Журналиста Жапарова задержали в Бишкеке."),
}


@pytest.fixture
def russian(db: Database) -> dict[str, int]:
    ids = {}
    for key, (title, body) in RUSSIAN.items():
        with db.transaction() as s:
            doc = make_doc(body, name=f"{key}.txt", title=title)
            ids[key] = add_report(s, doc, ingested_by="t").report_id
    return ids


@pytest.mark.parametrize("query", ["Амировой", "Амирова", "Амирову", "амировым", "Amirova"])
def test_any_case_of_a_surname_finds_every_other(
    db: Database, russian: dict[str, int], query: str
) -> None:
    assert set(found(db, query)) == {russian["ru_genitive"], russian["ru_nominative"]}


@pytest.mark.parametrize("query", ["Айжангуль", "Айжангули", "Айжангулью", "Айжангулем"])
def test_any_case_of_a_central_asian_given_name(
    db: Database, russian: dict[str, int], query: str
) -> None:
    assert set(found(db, query)) == {russian["ru_genitive"], russian["ru_nominative"]}


def test_russian_phrase_and_common_words(db: Database, russian: dict[str, int]) -> None:
    assert set(found(db, '"Айжангули Амировым"')) == {
        russian["ru_genitive"],
        russian["ru_nominative"],
    }
    assert found(db, "задержан Жапаровым") == [russian["ru_other"]]
    assert found(db, "журналисты") == [russian["ru_other"]]
    assert found(db, "Жапар*") == [russian["ru_other"]]


def test_snippet_marks_the_form_in_the_text(db: Database, russian: dict[str, int]) -> None:
    with db.read() as s:
        hit = next(h for h in search(s, "Амирова").hits if h.report.id == russian["ru_genitive"])
    assert [f.text for f in hit.snippet if f.marked] == ["Амировой"]


def test_english_plural_and_verb_forms(db: Database, filled: dict[str, int]) -> None:
    assert found(db, "arrests") == [filled["amirova"]]
    assert found(db, "charges") == [filled["amirova"]]
    assert set(found(db, "continue")) == {filled["strike"]}
    assert found(db, "threat") == [filled["ramirez"]]
    with db.read() as s:
        hit = search(s, "arrest").hits[0]
    assert [f.text for f in hit.snippet if f.marked] == ["arrested"]


def test_short_english_words_keep_their_meaning(db: Database, filled: dict[str, int]) -> None:
    # "area" must not key like "are", nor "here" like "her" (the Şahin report says "her").
    assert found(db, "here") == []
    assert found(db, "Amiro*") == [filled["amirova"]]


def test_reindex_replaces_an_index_of_folded_spelling(
    db: Database, russian: dict[str, int]
) -> None:
    from vigil.store import dialect
    from vigil.store.fold import fold
    from vigil.store.search import rebuild_index

    with db.transaction() as s:
        conn = s.connection()
        for key, (title, body) in RUSSIAN.items():  # as the index was before search keys
            dialect.unindex_report(conn, russian[key])
            dialect.index_report(conn, russian[key], fold(title), fold(body))
    assert found(db, "Амировой") == []  # keys are not in a stale index
    with db.transaction() as s:
        assert rebuild_index(s.connection(), batch=2) == len(RUSSIAN)
    assert set(found(db, "Амировой")) == {russian["ru_genitive"], russian["ru_nominative"]}


def test_migration_indexes_stored_reports_with_keys(db: Database, russian: dict[str, int]) -> None:
    import importlib

    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    migration = importlib.import_module("vigil.store.migrations.versions.0009_search_keys")

    def run(step: str) -> None:
        with db.engine.begin() as conn, Operations.context(MigrationContext.configure(conn)):
            getattr(migration, step)()

    run("downgrade")  # the folded index of before
    assert found(db, "Амировой") == []
    run("upgrade")
    assert set(found(db, "Амировой")) == {russian["ru_genitive"], russian["ru_nominative"]}
