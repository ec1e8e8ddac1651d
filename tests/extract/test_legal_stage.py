from __future__ import annotations

from vigil.extract import Extractor


def test_charges_per_person_and_article(extractor: Extractor) -> None:
    text = (
        "Leanid Sudalenka was detained on 18 January 2021 charged with organising riots "
        "(Article 342, parts 1 and 2 of the Belarusian Criminal Code). Authorities also detained "
        "Tatiana Lasica on the same charges. Timur Kulibayev should be prosecuted for fraud."
    )
    rec = extractor.extract(text).record
    got = {(c["person"], c["article"]) for c in rec["charges"]}
    assert {("Leanid Sudalenka", "342.1"), ("Leanid Sudalenka", "342.2")} <= got
    assert ("Tatiana Lasica", "342.1") in got
    assert all(c["person"] != "Timur Kulibayev" for c in rec["charges"])  # a demand


def test_sentences_terms_fines_and_restrictions(extractor: Extractor) -> None:
    text = (
        "Tran Thi Nga was sentenced to nine years in prison and five years’ house arrest. "
        "Kamil Ruziev was fined 80,000 soms by the court. "
        "Andrzej Poczobut received a three-year suspended jail sentence."
    )
    sents = extractor.extract(text).record["sentences"]
    by = {(s["person"], s["penalty"]): s for s in sents}
    assert by[("Tran Thi Nga", "imprisonment")]["term_months"] == 108
    assert ("Tran Thi Nga", "restriction") in by
    fine = by[("Kamil Ruziev", "fine")]
    assert fine["amount"] == 80000 and fine["currency"] == "KGS"
    assert by[("Andrzej Poczobut", "imprisonment")]["note"] == "suspended"


def test_numbered_group_and_short_terms(extractor: Extractor) -> None:
    text = (
        "Two activists have been sentenced to five years in jail. "
        "Max Bokayev and Talgat Ayan were found guilty of inciting social unrest. "
        "A journalist, Ihar Bantsar, was sentenced to five days in prison."
    )
    sents = extractor.extract(text).record["sentences"]
    got = {(s["person"], s["penalty"], s.get("term_months")) for s in sents}
    assert ("Max Bokayev", "imprisonment", 60) in got and ("Talgat Ayan", "imprisonment", 60) in got
    assert ("Ihar Bantsar", "imprisonment", None) in got  # under a month: the term goes to note


def test_quoted_offence_list_and_trade_lawyer_is_a_victim(extractor: Extractor) -> None:
    text = (
        "Egyptian authorities arrested human rights lawyer Mahienour El-Massry at her home. "
        'She was detained pending investigation on charges of "joining a terrorist group" '
        'and "spreading false news".'
    )
    rec = extractor.extract(text).record
    offences = {c["offence"] for c in rec["charges"] if c["person"] == "Mahienour El-Massry"}
    assert offences == {"joining a terrorist group", "spreading false news"}
    (arrest,) = [e for e in rec["events"] if e["type"] == "arrest"]
    assert arrest["victims"] == ["Mahienour El-Massry"]
