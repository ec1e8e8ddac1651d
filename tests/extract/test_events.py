from __future__ import annotations

from typing import Any

from vigil.extract import Extractor


def _events(extractor: Extractor, text: str, published: str | None = None) -> list[dict[str, Any]]:
    return list(extractor.extract(text, published=published).record["events"])


def test_passive_arrest_with_date_time_place(extractor: Extractor) -> None:
    text = (
        "06/01/2012, 9:30 am local time at the airport in Aktau, "
        "Ajzhangul Amirova was arrested by police."
    )
    (ev,) = [e for e in _events(extractor, text) if e["type"] == "arrest"]
    assert ev["date"] == "2012-01-06" and ev["time"] == "09:30"
    assert ev["victims"] == ["Ajzhangul Amirova"] and ev["country"] == "KZ"
    assert "police" in ev["perpetrators"]
    assert text.startswith(ev["evidence"][:20])


def test_demands_and_negation_are_not_events(extractor: Extractor) -> None:
    text = (
        "Amnesty International calls for the immediate release of Ivan Petrov. "
        "Ivan Petrov was not arrested during the meeting. "
        "If Ivan Petrov were detained, he could be tortured."
    )
    types = {e["type"] for e in _events(extractor, text)}
    assert not types & {"release", "arrest", "torture"}


def test_pronoun_takes_the_earlier_person_and_relative_date(extractor: Extractor) -> None:
    text = "Bolot Temirov is an investigative journalist in Bishkek. He was detained yesterday."
    (ev,) = [e for e in _events(extractor, text, "2022-01-23") if e["type"] == "arrest"]
    assert ev["victims"] == ["Bolot Temirov"] and ev["date"] == "2022-01-22"


def test_one_act_with_several_victims_and_organisation_victim(extractor: Extractor) -> None:
    text = (
        "On 14 July 2021 authorities detained Uladzimir Labkovich and Ales Bialiatski. "
        "The office of the Human Rights Centre Viasna was searched the same day."
    )
    evs = _events(extractor, text)
    (arrest,) = [e for e in evs if e["type"] == "arrest"]
    assert set(arrest["victims"]) == {"Uladzimir Labkovich", "Ales Bialiatski"}
    (search,) = [e for e in evs if e["type"] == "search"]
    assert search["victims"] == ["Human Rights Centre Viasna"]
    assert search["date"] == "2021-07-14"  # the date of the paragraph


def test_doer_before_active_verb_is_perpetrator(extractor: Extractor) -> None:
    text = (
        "Timur Kulibayev, who illegally dismissed Zhanar Saktaganova from her job, "
        "was praised by officials."
    )
    (ev,) = [e for e in _events(extractor, text) if e["type"] == "restriction"]
    assert ev["victims"] == ["Zhanar Saktaganova"]
    assert "Timur Kulibayev" in ev["perpetrators"]


def test_birth_date_does_not_date_later_acts(extractor: Extractor) -> None:
    text = "Ivan Petrov was born on 18.08.1972 in Minsk. He joined the strikers and was beaten."
    (ev,) = [e for e in _events(extractor, text) if e["type"] == "attack"]
    assert ev["date"] is None


def test_spanish_names_regions_and_relatives(extractor: Extractor) -> None:
    text = (
        "Social leader José Antonio Pérez Gómez was shot dead by unknown gunmen on "
        "September 3, 2022 in Tumaco, Nariño. Mr. Pérez's brother, Carlos Pérez, was "
        "detained for 36 hours in 2019."
    )
    rec = extractor.extract(text).record
    assert {p["name"] for p in rec["persons"]} == {"José Antonio Pérez Gómez", "Carlos Pérez"}
    types = [e["type"] for e in rec["events"]]
    assert "killing" in types and "attack" not in types  # "shot dead" is one act
    (arrest,) = [e for e in rec["events"] if e["type"] == "arrest"]
    assert arrest["victims"] == ["Carlos Pérez"] and arrest["date"] == "2019"


def test_the_place_of_an_act_is_not_the_place_in_a_title(extractor: Extractor) -> None:
    text = (
        "On 6 May 2024 at the airport in Karaganda the head of the Labour Party of the "
        "Pavlodar region, Dana Serikova, was arrested."
    )
    (ev,) = [e for e in _events(extractor, text) if e["type"] == "arrest"]
    assert ev["place"] in ("Karaganda airport", "Karagandy airport")  # the gazetteer spelling


def test_the_date_of_a_thing_named_is_not_the_date_of_the_act(extractor: Extractor) -> None:
    text = (
        "Dana Serikova was charged with incitement on 6 January 2024. Officials who "
        "indicted Serikova want to blame her party for the tragic events of 16 December "
        "2023."
    )
    dates = [e["date"] for e in _events(extractor, text) if e["type"] == "charge"]
    assert dates == ["2024-01-06"]


def test_an_appeals_present_time_is_its_day_of_publication(extractor: Extractor) -> None:
    text = "At the present time, the office of the Labour Party in Karaganda is being searched."
    (ev,) = [e for e in _events(extractor, text, "2024-01-06") if e["type"] == "search"]
    assert ev["date"] == "2024-01-06"


def test_one_sentence_of_thousands_of_triggers_is_read_in_time(extractor: Extractor) -> None:
    """A line of 60,000 characters of trigger words and nothing else: each trigger is
    weighed against the triggers near it only (against all of them it took minutes)."""

    events = _events(extractor, ("arrested detained charged " * 3000)[:60000])
    assert events == []


def test_jailed_with_no_term_or_conviction_is_a_detention(extractor: Extractor) -> None:
    # by-2011-poczobut-cpj (cpj.org), ru-2023-memorial, ug-2017-uwitware, ge-2024-gvaramia:
    # "imprisoned activist X", "an academic jailed for posts", "jailed from 2022 to 2023"
    rec = extractor.extract("Omar Haddad was jailed from 2022 to 2023.", published=None).record
    assert [e["type"] for e in rec["events"]] == ["detention"]
    rec = extractor.extract(
        "Omar Haddad was jailed for ten years in March 2023.", published=None
    ).record
    assert [e["type"] for e in rec["events"]] == ["sentence"]


def test_acts_on_unnamed_people_over_a_span_of_time_are_a_trend(extractor: Extractor) -> None:
    # hn-2016-caceres (landportal.org) "at least 101 activists murdered since 2010",
    # br-2019-dossantos (devdiscourse.com) "Four attacks ... over the past year",
    # cm-undated-biemtong "Since then, more than 500 civilians have died in clashes"
    text = (
        "Omar Haddad was arrested on 2 May 2024. At least 40 activists have been murdered "
        "since 2015 in the province. Five attacks on reporters were recorded over the past "
        "year."
    )
    rec = extractor.extract(text, published="2024-05-10").record
    assert [(e["type"], e["victims"]) for e in rec["events"]] == [("arrest", ["Omar Haddad"])]


def test_an_undated_act_in_a_later_paragraph_takes_the_date_of_the_last_act_told(
    extractor: Extractor,
) -> None:
    # br-2019-paulino (nydailynews.com) "ambushed X on Friday ... \n\n One of his companions,
    # Y, was wounded", iq-2023-erbil (thecitadel.co) "held for two hours before being
    # released", np-2002-shrestha, kw-2013-harbi (reuters.com): the story's date
    text = (
        "Police arrested Omar Haddad on 3 March 2024 in the capital.\n\n"
        "Haddad was beaten in the van, his lawyer said."
    )
    rec = extractor.extract(text, published="2024-05-10").record
    assert ("attack", "2024-03-03") in [(e["type"], e["date"]) for e in rec["events"]]


def test_a_case_opened_a_release_ordered_and_whereabouts_unknown_are_acts(
    extractor: Extractor,
) -> None:
    # bd-2021-akhtaruzzaman (cpj.org) "opened an investigation into the journalist",
    # ua-2018-memediminov "launched a probe against him", ps-2016-nawajah "ordered the
    # release of X", mm-2021-sithuaungmyint "has not disclosed the journalists' whereabouts"
    text = (
        "Prosecutors opened an investigation into journalist Omar Haddad on 2 May 2024. "
        "A court ordered the release of Omar Haddad on 4 May 2024."
    )
    rec = extractor.extract(text, published="2024-05-10").record
    assert [(e["type"], e["date"]) for e in rec["events"]] == [
        ("charge", "2024-05-02"),
        ("release", "2024-05-04"),
    ]


def test_a_scheduled_hearing_is_a_trial(extractor: Extractor) -> None:
    # cd-2022-lucha (protectioninternational.org) "will once again be brought before the
    # judge on Friday, January 21, 2022": GUIDELINES count trials when scheduled
    rec = extractor.extract(
        "Omar Haddad was arrested on 2 May 2024. He will be brought before the judge "
        "again on 20 June 2024.",
        published="2024-05-10",
    ).record
    assert ("trial", "2024-06-20") in [(e["type"], e["date"]) for e in rec["events"]]


def test_who_tells_of_an_act_is_not_its_victim(extractor: Extractor) -> None:
    # ug-2024-besigye (voanews.com) "His wife Winnie Byanyima, executive director of UNAIDS,
    # said on X that her husband was kidnapped", az-2023-babali (jam-news.net) "According to
    # Yagublu's daughter, Nigar, police searched their house", ng-2025-alefia "A relative,
    # Chijioke Alefia, stated that ..."
    text = (
        "Omar Haddad is a journalist in Amman. "
        "His sister Lina Haddad, a well-known teacher at the school, said on Monday that "
        "police arrested him."
    )
    rec = extractor.extract(text, published="2024-05-10").record
    arrests = [e for e in rec["events"] if e["type"] == "arrest"]
    assert arrests and all("Lina Haddad" not in e["victims"] for e in arrests)
    text = "According to his lawyer, Samir Khalil, the police detained Omar Haddad and Ali Nour."
    rec = extractor.extract(text, published="2024-05-10").record
    (ev,) = [e for e in rec["events"] if e["type"] == "arrest"]
    assert "Samir Khalil" not in ev["victims"]


def test_taken_by_unidentified_men_is_a_disappearance(extractor: Extractor) -> None:
    # pk-2023-jibrannasir (voanews.com) "picked up by unidentified armed men", ug-2018-etukuri
    # "picked up ... surrounded by about five men in plain clothes", pk-2023-qureshi
    # (heldout) "abducted by unidentified men in plain clothes": GUIDELINES disappearance
    text = "Omar Haddad was picked up by unidentified armed men near his home on 2 May 2024."
    rec = extractor.extract(text, published="2024-05-10").record
    assert [(e["type"], e["date"]) for e in rec["events"]] == [("disappearance", "2024-05-02")]
    text = "Omar Haddad was picked up by police near his home on 2 May 2024."
    rec = extractor.extract(text, published="2024-05-10").record
    assert [e["type"] for e in rec["events"]] == ["arrest"]


def test_a_protest_named_as_the_cause_of_a_sentence_is_no_act(extractor: Extractor) -> None:
    # bh-2014-rajab (hrw) "serving two years for taking part in peaceful protests",
    # mr-2018-ira "sentenced ... for their involvement in anti-government protests",
    # tj-2022-mamadshoyeva "convicted ... in connection to the GBAO protests", az-2023-babali
    # "accused of 'extortion by threat'"; with its own date the protest stays (cu-2022-malecon)
    text = "Omar Haddad was sentenced on 2 May 2024 for taking part in peaceful protests."
    rec = extractor.extract(text, published="2024-05-10").record
    assert [e["type"] for e in rec["events"]] == ["sentence"]
    text = "Omar Haddad was sentenced on 2 May 2024 for taking part in the protest of 11 July 2023."
    rec = extractor.extract(text, published="2024-05-10").record
    assert ("protest", "2023-07-11") in [(e["type"], e["date"]) for e in rec["events"]]


def test_an_appearance_in_court_and_a_detention_order_are_acts(extractor: Extractor) -> None:
    # ug-2024-besigye (voanews.com) "appeared in a military court in Kampala on Wednesday",
    # ng-2025-alefia "when he appears in court on Wednesday", az-2011-dzhaniyev (refworld)
    # "sanctioned Zeynally's pretrial imprisonment", lk-2022-mudalige "a 72-hour detention
    # order", vn-2010-lecongdinh (jurist.org) "affirmed the sentences"
    text = (
        "Omar Haddad appeared in a military court in Amman on 2 May 2024. "
        "On 3 May 2024 a judge sanctioned Omar Haddad's pretrial imprisonment for three months."
    )
    rec = extractor.extract(text, published="2024-05-10").record
    got = [(e["type"], e["date"]) for e in rec["events"]]
    assert ("trial", "2024-05-02") in got and ("detention", "2024-05-03") in got
