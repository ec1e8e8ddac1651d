"""Russian charges and sentences as reports of several sites write them (data/ru/legal.yaml)."""

from __future__ import annotations

from typing import Any

import pytest

from vigil.extract import Extractor


def rec(extractor: Extractor, text: str) -> dict[str, Any]:
    return extractor.extract(text, language="ru").record


def charges(extractor: Extractor, text: str) -> set[tuple[str, str | None, str | None]]:
    return {(c["person"], c["article"], c["offence"]) for c in rec(extractor, text)["charges"]}


@pytest.mark.parametrize(
    ("text", "article"),
    [
        # a dot after the part's number
        ("Ивана Петрова судили по ч. 2. ст. 411 УК.", "411.2"),
        # a bare number before the code's name
        ("Ивана Петрова задержали по обвинению в «оправдании терроризма» (205.2 УК).", "205.2"),
        # a dash of any kind in the article's number
        (
            "Суд признал Ивана Петрова виновным по части 3 статьи 244−1 Уголовного кодекса.",
            "244-1.3",
        ),
    ],
)
def test_article_forms(extractor: Extractor, text: str, article: str) -> None:
    assert [c["article"] for c in rec(extractor, text)["charges"]] == [article]


@pytest.mark.parametrize(
    ("text", "offence"),
    [
        ("Ивана Петрова задержали по делу об оправдании терроризма.", "оправдание терроризма"),
        (
            "Суд возбудил в отношении Ивана Петрова дело по статье об организации беспорядков.",
            "организация беспорядков",
        ),
        (
            "Ивана Петрова приговорили к восьми годам лишения свободы за государственную измену.",
            "государственная измена",
        ),
        (
            "Ивана Петрова задержали за незаконное проведение шествия в Ереване.",
            "незаконное проведение шествия",
        ),
        (
            "Ивана Петрова привлекли к административной ответственности за организацию "
            "публичного мероприятия.",
            "организация публичного мероприятия",
        ),
        ('Ивана Петрова признали виновным в "дискредитации" армии.', "дискредитация армии"),
    ],
)
def test_offence_without_article(extractor: Extractor, text: str, offence: str) -> None:
    assert ("Иван Петров", None, offence) in charges(extractor, text)


def test_for_names_an_offence_only_with_an_offence_word(extractor: Extractor) -> None:
    text = "Ивана Петрова приговорили к двум годам колонии за репортаж с акции."
    assert not rec(extractor, text)["charges"]


def test_offences_split_outside_quotes_and_a_participle_stays(extractor: Extractor) -> None:
    got = charges(
        extractor,
        'Ивана Петрова признали виновным в "клевете", "оскорблении судьи" и в "действиях, '
        'грубо нарушающих общественный порядок".',
    )
    offences = {o for _, _, o in got}
    assert "клевета" in offences and "оскорбление судьи" in offences
    assert any(o and o.endswith("грубо нарушающих общественный порядок") for o in offences)


def test_two_protocols_two_offences(extractor: Extractor) -> None:
    got = charges(
        extractor,
        'На Ивана Петрова составили два протокола - за "дискредитацию" армии и за '
        "неповиновение требованию полицейского.",
    )
    assert {o for _, _, o in got} == {
        "дискредитация армии",
        "неповиновение требованию полицейского",
    }


def test_offence_ends_before_the_next_clause_subject(extractor: Extractor) -> None:
    got = charges(extractor, "По делу о контрабанде валюты суд арестовал Ивана Петрова.")
    assert got == {("Иван Петров", None, "контрабанда валюты")}


def test_a_person_named_in_the_offence_is_not_charged(extractor: Extractor) -> None:
    got = charges(
        extractor,
        "Ивана Петрова задержали по подозрению в финансировании терроризма через фонд "
        "проповедника Олега Сидорова.",
    )
    assert {p for p, _, _ in got} == {"Иван Петров"}


def test_the_fuller_telling_of_an_offence_wins(extractor: Extractor) -> None:
    got = charges(
        extractor,
        "Ивана Петрова осудили по обвинению в клевете. Суд признал Ивана Петрова виновным "
        "в клевете из корыстных побуждений.",
    )
    assert got == {("Иван Петров", None, "клевета из корыстных побуждений")}


def test_an_offence_takes_the_article_given_it_elsewhere(extractor: Extractor) -> None:
    got = charges(
        extractor,
        "Сотрудников издания обвинили в контрабанде валюты в составе организованной группы "
        "(статья 206.3.2 УК). Ранее по делу о контрабанде валюты суд арестовал Ивана Петрова.",
    )
    assert ("Иван Петров", "206.3.2") in {(p, a) for p, a, _ in got}


def test_the_case_told_before_goes_to_those_it_is_opened_against(extractor: Extractor) -> None:
    got = charges(
        extractor,
        "Против трех сотрудников издания Toplum TV завели уголовные дела о контрабанде "
        "(статья 206.3.2 УК). Дело завели на корреспондента Ивана Петрова и оператора "
        "Олега Сидорова.",
    )
    assert {(p, a) for p, a, _ in got} == {("Иван Петров", "206.3.2"), ("Олег Сидоров", "206.3.2")}


def test_an_article_and_the_same_offence_in_words_are_one_charge(extractor: Extractor) -> None:
    got = charges(
        extractor,
        "Ивана Петрова подозревают в экстремизме. На Ивана Петрова завели дело по ст. 276 УК "
        "(публичные призывы к экстремистской деятельности).",
    )
    assert {a for _, a, _ in got} == {"276"}


def test_their_charge_goes_to_everyone_named_before(extractor: Extractor) -> None:
    got = charges(
        extractor,
        "По делу проходят правозащитники Иван Петров и Олег Сидоров. Правозащитникам грозит "
        "до 12 лет - их обвиняют в контрабанде денег.",
    )
    assert {p for p, _, _ in got} == {"Иван Петров", "Олег Сидоров"}


def test_the_blogger_is_the_person_called_a_blogger(extractor: Extractor) -> None:
    got = charges(
        extractor,
        "Блогер Иван Петров выпустил видео. Об этом сообщил правозащитник Олег Сидоров. "
        "Суд признал блогера виновным в оскорблении президента.",
    )
    assert {p for p, _, _ in got} == {"Иван Петров"}
    # named after the sentence that calls him so
    got = charges(
        extractor,
        "Речь шла о задержании блогера по обвинению в вымогательстве. Видео показал "
        "редактор Олег Сидоров. На нем блогер Иван Петров.",
    )
    assert {p for p, _, _ in got} == {"Иван Петров"}


def test_the_source_of_a_sentence_is_not_charged(extractor: Extractor) -> None:
    got = charges(
        extractor,
        "Как рассказала Мария Петрова, продолжаются следственные действия по делу об экстремизме.",
    )
    assert not got


def test_a_court_is_never_charged(extractor: Extractor) -> None:
    text = "Бишкекский горсуд рассматривает дело о подготовке к организации массовых беспорядков."
    assert not rec(extractor, text)["charges"]


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            "Отбывающий 20-летний срок режиссер Иван Петров прекратил голодовку.",
            {"penalty": "imprisonment", "term_months": 240},
        ),
        (
            "Суд приговорил Ивана Петрова к трем годам ограничения свободы.",
            {"penalty": "restriction"},
        ),
    ],
)
def test_penalties(extractor: Extractor, text: str, sentence: dict[str, Any]) -> None:
    got = rec(extractor, text)["sentences"]
    assert [s["penalty"] for s in got] == [sentence["penalty"]], got
    assert all(got[0].get(k) == v for k, v in sentence.items())


def test_a_penalty_the_law_provides_is_not_given(extractor: Extractor) -> None:
    text = "Ивана Петрова арестовали на 10 суток. Статья предполагает штраф или арест на 15 суток."
    got = rec(extractor, text)["sentences"]
    assert [s.get("note") for s in got] == ["10 days"]


def test_a_charge_named_tells_a_charge_event(extractor: Extractor) -> None:
    r = rec(
        extractor,
        "Журналиста Ивана Петрова задержали по подозрению в финансировании терроризма.",
    )
    assert [e["victims"] for e in r["events"] if e["type"] == "charge"] == [["Иван Петров"]]


def test_a_conviction_brings_no_charge_event(extractor: Extractor) -> None:
    r = rec(extractor, "Суд признал Ивана Петрова виновным в клевете.")
    assert r["charges"] and not [e for e in r["events"] if e["type"] == "charge"]


def test_offences_after_a_fine_and_as_imputed(extractor: Extractor) -> None:
    assert charges(
        extractor, "Ивана Петрова оштрафовали на 30 тысяч рублей за дискредитацию армии."
    ) == {("Иван Петров", None, "дискредитация армии")}
    assert charges(
        extractor, "Суд арестовал Ивана Петрова. Ему вменяют участие в незаконном формировании."
    ) == {("Иван Петров", None, "участие в незаконном формировании")}


def test_an_offence_keeps_its_adjective(extractor: Extractor) -> None:
    # "мелком" is read as the adjective before "хулиганстве", not as "мелок" (chalk)
    assert charges(
        extractor, "Ивана Петрова арестовали на 15 суток по статье о мелком хулиганстве."
    ) == {("Иван Петров", None, "мелкое хулиганство")}


def test_a_case_opened_in_the_next_sentence_is_the_named_persons(extractor: Extractor) -> None:
    r = rec(extractor, "Иван Петров задержан. Уголовное дело возбуждено по ч. 1 ст. 280.3 УК РФ.")
    assert [(c["person"], c["article"]) for c in r["charges"]] == [("Иван Петров", "280.3.1")]
    assert [e["victims"] for e in r["events"] if e["type"] == "charge"] == [["Иван Петров"]]


def test_a_law_described_charges_nobody(extractor: Extractor) -> None:
    r = rec(extractor, "Иван Петров задержан. Статья 280.3 УК РФ предусматривает до пяти лет.")
    assert r["charges"] == []
