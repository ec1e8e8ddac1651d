"""Organisation cues found on the tuning parts of the real-report corpora (real-en, real-en2):
news outlets named by what the text calls them, and capitals that name no body. Texts are
short and written here; none is copied from a report."""

from __future__ import annotations

from vigil.extract import Extractor


def _orgs(extractor: Extractor, text: str) -> set[str]:
    rec = extractor.extract(text, published="2024-05-10").record
    return {o["name"] for o in rec["organizations"]}


def test_a_dateline_or_a_capitalised_lede_names_no_body(extractor: Extractor) -> None:
    """ "CAIRO (Reuters) -" (reuters, apnews copies), "HONG KONG:" (hongkongfp), "AFTER
    BEING BEATEN in ..." (a magazine lede): capitals, but no acronym."""
    orgs = _orgs(
        extractor,
        "BAKU (Reuters) - Police detained the blogger Tural Guliyev, CPJ said.\n"
        "BISHKEK: Two reporters were questioned.\n"
        "AFTER BEING BEATEN in a police station, the reporter Ilkin Rzayev fled.",
    )
    assert orgs == {"Reuters", "CPJ"}, orgs


def test_an_outlet_named_before_news_site_or_after_a_periodical_word(
    extractor: Extractor,
) -> None:
    """ "the Abzas Media investigative news site" (rferl, cpj), "the monthly “Mulyankan”"
    (ifex), "in an interview with “TV Pirveli”" (civil.ge)."""
    orgs = _orgs(
        extractor,
        "A court remanded Sevda Nuriyeva, a reporter with the Kanal Sahil investigative news "
        "site. Police released Ram Thapa, editor of the monthly “Lokdarpan”, on Monday. "
        "He said in an interview with “Imedi Pirveli” that he had been beaten.",
    )
    assert {"Kanal Sahil", "Lokdarpan", "Imedi Pirveli"} <= orgs, orgs
    assert "Pashto-language" not in _orgs(
        extractor, "She reports for the Pashto-language news site Khyber Awaz."
    )


def test_a_credit_word_a_small_kind_word_or_a_title_is_no_part_of_the_name() -> None:
    """ "Via Cuban Democratic Directorate" (a photo source line), "Georgian Dream party"
    (civil.ge, oc-media), "CPJ Africa Advocacy Coordinator" (cpj.org)."""
    from vigil.extract.orgs import tidy

    assert tidy("Via Pinar Democratic Directorate") == "Pinar Democratic Directorate"
    assert tidy("Courtesy Tarlac City Police Office") == "Tarlac City Police Office"
    assert tidy("Free Armenia party") == "Free Armenia"
    assert tidy("Citizens for Change party in the Nov") == "Citizens for Change"
    assert tidy("Front Line Defenders Coordinator") == "Front Line Defenders"
    assert tidy("The Economist") == "The Economist"


def test_an_outlet_the_text_cites_as_its_source(extractor: Extractor) -> None:
    """ "told BenarNews" (benarnews), "told Myanmar Now" (rsf), "according to Pakistan’s
    Express Tribune" (pen), "Credit: Meydan TV" (index on censorship); a person told is not."""
    orgs = _orgs(
        extractor,
        "“We were not informed,” a lawyer for the activists told PapuaNews. She told Yangon "
        "Now that he was safe. According to Pakistan’s Daily Courier, he vanished in May.\n"
        "Credit: Kanal Doğu TV\n"
        "Police told Karim Aliyev to leave. He told Reuters on Monday. A source told "
        "Kurdistan 24 that he was held.\n(Photo: Seyma Karaca/Twitter)\nPhoto: Ilkin Rzayev\n",
    )
    assert {"PapuaNews", "Yangon Now", "Daily Courier", "Kanal Doğu TV", "Reuters"} <= orgs
    assert "Kurdistan 24" in orgs, orgs
    assert not [o for o in orgs if {"Aliyev", "Monday", "Karaca", "Rzayev"} & set(o.split())]


def test_a_place_and_a_small_district_court_name_one_court(extractor: Extractor) -> None:
    """ "the Lenin district court" (viasna), "Central Jakarta district court" (benarnews)."""
    orgs = _orgs(
        extractor,
        "On Monday the Frunze district court in Minsk sentenced the blogger Ales Dubrouski. "
        "The East Jakarta district court heard the case of Yohan Wenda. The district court "
        "refused.",
    )
    assert {"Frunze district court", "East Jakarta district court"} <= orgs, orgs
