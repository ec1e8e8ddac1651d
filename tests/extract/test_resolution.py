"""One reading of the whole report's events (extract/stages/resolution.py). Texts are
short and written here; none is copied from a report."""

from __future__ import annotations

from typing import Any

from vigil.extract import Extractor


def _events(extractor: Extractor, text: str) -> list[tuple[str, str | None, list[str]]]:
    rec: dict[str, Any] = extractor.extract(text, published="2024-05-10").record
    return [(e["type"], e["date"], e["victims"]) for e in rec["events"]]


def test_an_arrest_named_in_passing_is_the_arrest_told_with_its_own_date(
    extractor: Extractor,
) -> None:
    text = (
        "Editor Tomas Varga and reporter Ilona Bak were arrested on 6 May 2024 in Pecs. "
        "On Tuesday a union of journalists condemned the arrest of Tomas Varga and Ilona Bak."
    )
    assert _events(extractor, text) == [
        ("arrest", "2024-05-06", ["Tomas Varga", "Ilona Bak"]),
    ]


def test_an_upheld_conviction_is_a_new_act_not_a_mention(extractor: Extractor) -> None:
    text = (
        "On 20 November 2023, a court sentenced Karim Nabil to two years in prison. "
        "On 5 February 2024, the appeal court upheld the verdict but reduced the prison "
        "term to eighteen months."
    )
    dates = [d for t, d, _v in _events(extractor, text) if t == "sentence"]
    assert dates == ["2023-11-20", "2024-02-05"]


def test_people_named_after_an_unnamed_telling_take_its_date(extractor: Extractor) -> None:
    text = (
        "Eight democracy activists were charged on 3 May 2024 with taking part in an "
        "illegal assembly.\n\nThose charged included Lam Wing and Chan Mei-ling."
    )
    assert ("charge", "2024-05-03", ["Lam Wing", "Chan Mei-ling"]) in _events(extractor, text)
