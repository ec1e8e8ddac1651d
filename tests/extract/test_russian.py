"""Russian reports: the natasha model entry and the lemma stages reading data/ru/."""

from __future__ import annotations

from typing import Any

import pytest

from vigil.extract import Extractor
from vigil.extract.evaluate import score_record
from vigil.extract.languages import entry_for
from vigil.resolve.match import compare
from vigil.resolve.mention import PersonMention
from vigil.sources import read_bytes


def rec(extractor: Extractor, text: str, published: str | None = None) -> dict[str, Any]:
    return extractor.extract(text, published=published, language="ru").record


def test_language_entries_route_reports() -> None:
    assert entry_for("ru")[0].code == "ru"
    assert entry_for(None, "Полиция задержала активиста в центре города.")[0].code == "ru"
    ent, warning = entry_for("kk")
    assert ent.code == "ru" and warning and "read as 'ru'" in warning
    ent, warning = entry_for("de")
    assert ent.code == "en" and warning and "English" in warning
    assert entry_for(None, "Police detained the activist.") == (entry_for("en")[0], None)


@pytest.mark.parametrize(
    ("text", "article", "law", "country"),
    [
        ("Ивана Петрова обвинили по ч. 2 ст. 174 УК РК.", "174.2", "УК РК", "KZ"),
        ("Ивана Петрова обвиняют по статье 342 УК Республики Беларусь.", "342", None, "BY"),
        ("На Ивана Петрова составили протокол по ст. 20.3.3 КоАП РФ.", "20.3.3", "КоАП РФ", "RU"),
        ("Ивану Петрову вменили п. «а» ч. 2 ст. 213 УК РФ.", "213.2", "УК РФ", "RU"),
        ("На Ивана Петрова завели дело по ст. 276 п. 2 УК.", "276.2", "УК", None),
        ("Ивану Петрову вменили часть 11-ю статьи 488 КоАП.", "488.11", "КоАП", None),
    ],
)
def test_legal_forms_read_as_written(
    extractor: Extractor, text: str, article: str, law: str | None, country: str | None
) -> None:
    charges = rec(extractor, text)["charges"]
    assert [c["article"] for c in charges] == [article]
    assert charges[0]["person"] == "Иван Петров"
    if law:
        assert charges[0]["law"] == law
    if country:
        assert charges[0]["country"] == country


def test_parts_listed_give_one_charge_each(extractor: Extractor) -> None:
    r = rec(extractor, "Ивана Петрова обвинили по ч. 1 и 2 ст. 342 УК.")
    assert sorted(c["article"] for c in r["charges"]) == ["342.1", "342.2"]


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            "Суд приговорил Ивана Петрова к 5 годам лишения свободы в колонии общего режима.",
            {"penalty": "imprisonment", "term_months": 60},
        ),
        (
            "Суд приговорил Ивана Петрова к восьми годам колонии.",
            {"penalty": "imprisonment", "term_months": 96},
        ),
        (
            "Ивана Петрова приговорили к трем годам ограничения свободы.",
            {"penalty": "restriction"},
        ),
        (
            "Суд назначил Ивану Петрову штраф 345 тысяч тенге.",
            {"penalty": "fine", "amount": 345000, "currency": "KZT"},
        ),
        (
            "Суд оштрафовал Ивана Петрова на 15 тысяч рублей.",
            {"penalty": "fine", "amount": 15000, "currency": "RUB"},
        ),
        (
            "Ивана Петрова приговорили к 2 годам лишения свободы условно.",
            {"penalty": "imprisonment", "term_months": 24, "note": "suspended"},
        ),
        (
            "Ивана Петрова отправили под административный арест на 15 суток.",
            {"penalty": "imprisonment", "term_months": None, "note": "15 days"},
        ),
    ],
)
def test_penalties(extractor: Extractor, text: str, sentence: dict[str, Any]) -> None:
    got = rec(extractor, text)["sentences"]
    assert any(all(s.get(k) == v for k, v in sentence.items()) for s in got), got
    assert all(s["person"] == "Иван Петров" for s in got)


def test_administrative_arrest_is_a_detention_not_a_sentence_event(extractor: Extractor) -> None:
    r = rec(extractor, "Суд приговорил Ивана Петрова к 15 суткам ареста.")
    assert [e["type"] for e in r["events"]] == ["detention"]


def test_a_possible_penalty_is_not_a_sentence(extractor: Extractor) -> None:
    assert not rec(extractor, "Ивану Петрову грозит до 8 лет лишения свободы.")["sentences"]


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        ("6 января 2012 года задержали Ивана Петрова.", None, "2012-01-06"),
        ("06.01.2012 задержали Ивана Петрова.", None, "2012-01-06"),
        ("Ивана Петрова задержали в четверг.", "2012-01-07", "2012-01-05"),
        ("Ивана Петрова задержали накануне.", "2012-01-07", "2012-01-06"),
        (
            "5 января 2012 года прошел митинг. На следующий день задержали Ивана Петрова.",
            None,
            "2012-01-06",
        ),
        ("Ивана Петрова задержали весной 2022 года.", None, "2022"),
        ("Ивана Петрова задержали 6 января.", None, None),
    ],
)
def test_dates(extractor: Extractor, text: str, published: str | None, date: str | None) -> None:
    events = [e for e in rec(extractor, text, published)["events"] if e["type"] == "arrest"]
    assert [e["date"] for e in events] == [date]


def test_name_in_nominative_every_form_an_alias(extractor: Extractor) -> None:
    r = rec(
        extractor,
        "Полицейские задержали Канаткана Амренова. Позже Амренову вменили хулиганство. "
        "О задержании Амренова сообщили активисты.",
    )
    (p,) = r["persons"]
    assert p["name"] == "Канаткан Амренов"
    assert set(p["aliases"]) >= {"Канаткана Амренова", "Амренову", "Амренова"}


def test_sister_and_brother_stay_apart(extractor: Extractor) -> None:
    r = rec(
        extractor,
        "Айжангуль Амирову задержали в Актау. Ее брат Эльмурат Амиров сообщил об этом. "
        "Амирова находится в изоляторе.",
    )
    names = sorted(p["name"] for p in r["persons"])
    assert names == ["Айжангуль Амирова", "Эльмурат Амиров"]


def test_same_person_across_scripts_is_one_case() -> None:
    ru = PersonMention(id="ru", name="Айжангуль Амирова")
    en = PersonMention(id="en", name="Ajzhangul Amirova")
    brother = PersonMention(id="b", name="Эльмурат Амиров")
    assert compare(ru, en).verdict == "same"
    assert compare(en, brother).verdict == "different"


def test_events_take_the_pronoun_and_the_noun_back(extractor: Extractor) -> None:
    r = rec(
        extractor,
        "Суд арестовал Ивана Петрова и Олега Сидорова. Их обвинили в хулиганстве. "
        "Журналиста Бориса Смирнова задержали. Его обвинили в клевете.",
    )
    charges = {(c["person"], c["offence"]) for c in r["charges"]}
    assert ("Иван Петров", "хулиганство") in charges
    assert ("Олег Сидоров", "хулиганство") in charges
    assert ("Борис Смирнов", "клевета") in charges


def test_organisation_abbreviation_and_court_with_city(extractor: Extractor) -> None:
    r = rec(
        extractor,
        "Сотрудники Государственного комитета национальной безопасности задержали "
        "Ивана Петрова. ГКНБ не комментирует. Пресненский районный суд Москвы "
        "арестовал его.",
    )
    orgs = {o["name"]: o for o in r["organizations"]}
    assert "ГКНБ" in orgs["Государственного комитета национальной безопасности"]["aliases"]
    assert orgs["Пресненский районный суд Москвы"]["kind"] == "court"


def test_eval_matches_a_name_in_any_case() -> None:
    pred = {"persons": [{"name": "Канаткан Амренов", "aliases": []}]}
    gold = {"persons": [{"name": "Канаткана Амренова", "aliases": []}]}
    assert score_record(pred, gold)["persons"].tp == 1
    other = {"persons": [{"name": "Асет Кенджибеков", "aliases": []}]}
    assert score_record(other, gold)["persons"].tp == 0


def test_eval_matches_an_offence_in_any_case() -> None:
    pred = {"persons": [], "charges": [{"person": "А Б", "offence": "в контрабанде валюты"}]}
    gold = {"persons": [], "charges": [{"person": "А Б", "offence": "контрабанда валюты"}]}
    assert score_record(pred, gold)["charges"].tp == 1


# Bad input: read or warned about, never a crash.
KAZAKH = "Полиция задержала активистку Әлия Қасымова и Ұлан Өмірбек в Алматы. Іс қозғалды."


@pytest.mark.parametrize(
    "text",
    [
        KAZAKH,
        "Police detained Ivan Petrov. Полиция задержала Ивана Петрова. Полиция ұстады.",
        "Politsiya zaderzhala aktivista Ivana Petrova v Almaty 6 yanvarya 2012 goda.",
        "ч. ст. УК РФ ( « » — 0 суток штраф тысяч на к годам",
        "",
        "Иван\x00Петров\x07 задержан \x1b.",
    ],
)
def test_bad_input_never_crashes(extractor: Extractor, text: str) -> None:
    res = extractor.extract(text)
    assert isinstance(res.record["persons"], list)
    assert not any("failed" in w for w in res.warnings), res.warnings


def test_kazakh_letters_in_names(extractor: Extractor) -> None:
    names = {p["name"] for p in extractor.extract(KAZAKH).record["persons"]}
    assert any("Қасымова" in n or "Өмірбек" in n for n in names), names


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_single_byte_russian_files_are_read(extractor: Extractor, encoding: str) -> None:
    text = (
        "Полиция задержала журналиста Ивана Петрова в Минске 6 января 2012 года. "
        "Его обвинили по ч. 2 ст. 342 УК Республики Беларусь. Суд приговорил его "
        "к пяти годам лишения свободы в колонии общего режима."
    )
    doc = read_bytes(text.encode(encoding), "report.txt")
    assert doc.text.strip() == text
    res = extractor.extract(doc.text, published=doc.published, language=doc.language)
    assert res.record["language"] == "ru"
    assert [c["article"] for c in res.record["charges"]] == ["342.2"]


def test_the_russian_model_loads_only_for_russian() -> None:
    ex = Extractor()
    ex.extract("Police detained Ivan Petrov in Minsk.")
    assert ex.models._loaded == {}
    ex.extract("Полиция задержала Ивана Петрова в Минске.", language="ru")
    assert set(ex.models._loaded) == {"ru"}
