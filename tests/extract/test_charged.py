"""Whom a charge or a sentence is against, as the parse reads it (extract/charged.py)."""

from __future__ import annotations

from vigil.extract import Extractor


def _charges(extractor: Extractor, text: str) -> set[tuple[str, str]]:
    rec = extractor.extract(text).record
    return {(c["person"], c["article"] or c["offence"]) for c in rec["charges"]}


def _sentences(extractor: Extractor, text: str) -> set[tuple[str, str]]:
    rec = extractor.extract(text).record
    return {(s["person"], s["penalty"]) for s in rec["sentences"]}


def test_each_charge_goes_to_the_subject_of_its_own_clause(extractor: Extractor) -> None:
    got = _charges(
        extractor,
        "Police arrested Vincent Kahiya on charges of publishing falsehoods while "
        "Brezhnev Malaba and Nduduzo Tshuma are facing criminal defamation charges.",
    )
    assert got == {
        ("Vincent Kahiya", "publishing falsehoods"),
        ("Brezhnev Malaba", "criminal defamation"),
        ("Nduduzo Tshuma", "criminal defamation"),
    }


def test_the_accuser_is_not_charged(extractor: Extractor) -> None:
    got = _charges(
        extractor,
        "Ivan Petrov, a pro-government blogger, accused Anna Lee of inciting hatred.",
    )
    assert got == {("Anna Lee", "inciting hatred")}


def test_a_list_the_parse_breaks_is_charged_whole(extractor: Extractor) -> None:
    got = _charges(
        extractor,
        "The court convicted rapper Yasiel Ferrer Matos, painter Dayana Quintero Oliva, "
        "photographer Leandro Barrios and poet Maykel Rosabal of sedition under Article 100 "
        "of the Penal Code.",
    )
    people = {"Yasiel Ferrer Matos", "Dayana Quintero Oliva", "Leandro Barrios", "Maykel Rosabal"}
    assert {p for p, a in got if a == "100"} == people


def test_second_penalty_of_a_sentence_goes_to_its_own_person(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Morgan Trowland was sentenced to three years in prison, while Marcus Decker "
        "received a two-year prison sentence. "
        "Iryna Hrynkevich was sentenced to three years of restricted freedom and Siarhei "
        "Lukashevich to two years of restricted freedom."
    ).record
    got = sorted((s["person"], s["penalty"], s.get("term_months")) for s in rec["sentences"])
    assert got == [
        ("Iryna Hrynkevich", "restriction", None),
        ("Marcus Decker", "imprisonment", 24),
        ("Morgan Trowland", "imprisonment", 36),
        ("Siarhei Lukashevich", "restriction", None),
    ]


def test_a_fine_goes_to_the_one_fined(extractor: Extractor) -> None:
    got = _sentences(
        extractor,
        "In September 2023, Sevinj Mammadli was sentenced to 20 days of administrative "
        "detention, and Ulvi Gurbanov was fined 1,000 manats for petty hooliganism.",
    )
    assert ("Ulvi Gurbanov", "fine") in got
    assert ("Sevinj Mammadli", "fine") not in got


def test_terms_that_are_no_sentence(extractor: Extractor) -> None:
    got = _sentences(
        extractor,
        "Henok Aklilu was released on Saturday after spending three days in jail. "
        "A court ordered Polad Aslanov to be held for four months in pretrial detention. "
        "Theng Savoeun said plotting carries a possible prison term of five to 10 years.",
    )
    assert not {p for p, k in got if k == "imprisonment"}


def test_charged_people_named_in_the_next_sentence(extractor: Extractor) -> None:
    got = _charges(
        extractor,
        "Eight prominent Hong Kong democracy activists were charged on Thursday with taking "
        "part in an illegal assembly. Those charged included former lawmaker Wu Chi-wai and "
        "Figo Chan, the organiser of an annual rally.",
    )
    assert got == {
        ("Wu Chi-wai", "taking part in an illegal assembly"),
        ("Figo Chan", "taking part in an illegal assembly"),
    }


def test_a_second_restriction_of_one_person_stays_hers(extractor: Extractor) -> None:
    rec = extractor.extract(
        "On 14 July 2022, the court found Dinara Zhaksylykova guilty and sentenced her to "
        "restriction of freedom for three years, with a ban on social activity for two years."
    ).record
    notes = [s.get("note") or "" for s in rec["sentences"] if s["penalty"] == "restriction"]
    assert any("ban on social activity" in n for n in notes)
