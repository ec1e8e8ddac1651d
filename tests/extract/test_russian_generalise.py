"""Russian extraction rules that recur across sites (issue 13): each pins one mechanism."""

from __future__ import annotations

from typing import Any

from vigil.extract import Extractor


def rec(extractor: Extractor, text: str) -> dict[str, Any]:
    return extractor.extract(text, language="ru").record


def test_a_line_is_a_sentence(extractor: Extractor) -> None:
    """A byline on its own line is not the same sentence as the list item under it."""
    text = "Автор: Андрей Свиридов\nИвана Петрова оштрафовали на 50 МРП за участие в митинге."
    fined = {s["person"] for s in rec(extractor, text)["sentences"]}
    assert fined == {"Иван Петров"}


def test_an_offence_told_shorter_gives_way_to_the_fuller(extractor: Extractor) -> None:
    text = (
        "Ивана Петрова судят по делу об «участии» в ФБК.\n"
        "Ивана Петрова обвиняют в участии в деятельности экстремистского сообщества ФБК."
    )
    offences = [c["offence"] for c in rec(extractor, text)["charges"]]
    assert offences == ["участие в деятельности экстремистского сообщества ФБК"]


def sentences(extractor: Extractor, text: str) -> set[tuple[str, str, int | None]]:
    return {
        (s["person"], s["penalty"], s.get("term_months")) for s in rec(extractor, text)["sentences"]
    }


def test_the_maximum_a_law_sets_is_no_sentence(extractor: Extractor) -> None:
    text = (
        "Суд отправил Ивана Петрова в СИЗО как обвиняемого по делу об участии в "
        "«экстремистском сообществе» (часть 2 статьи 282.1 УК РФ, максимальное наказание — "
        "шесть лет лишения свободы)."
    )
    assert sentences(extractor, text) == set()


def test_a_ban_given_with_a_sentence_as_asked(extractor: Extractor) -> None:
    text = (
        "Суд приговорил журналиста Ивана Петрова к восьми годам колонии. "
        "Также, как и просила прокуратура, на протяжении четырех лет ему запрещается "
        "выступать администратором сетевых ресурсов."
    )
    assert sentences(extractor, text) == {
        ("Иван Петров", "imprisonment", 96),
        ("Иван Петров", "restriction", None),
    }


def test_a_ban_told_without_a_sentence_is_no_penalty(extractor: Extractor) -> None:
    text = "Ивану Петрову запретили заниматься журналистикой, сообщили в редакции."
    assert sentences(extractor, text) == set()


def test_a_sentence_naming_nobody_goes_on_with_the_penalties_before_it(
    extractor: Extractor,
) -> None:
    text = (
        "Суд приговорил журналиста Ивана Петрова к наказанию в виде 2,5 лет лишения свободы. "
        "Условно. С испытательным сроком в 3 года и запретом заниматься публичной "
        "деятельностью."
    )
    assert sentences(extractor, text) == {
        ("Иван Петров", "imprisonment", 30),
        ("Иван Петров", "restriction", None),
    }


def test_the_conditions_of_a_restriction_are_one_restriction(extractor: Extractor) -> None:
    text = (
        "Суд приговорил к трем годам ограничения свободы блогера Ивана Петрова. "
        "Суд также запретил ему заниматься журналистикой и покидать дом ночью."
    )
    assert sentences(extractor, text) == {("Иван Петров", "restriction", None)}


def test_a_term_in_brackets_after_a_name(extractor: Extractor) -> None:
    text = (
        "Суды вынесли по меньшей мере пять тюремных приговоров. Среди пострадавших — "
        "правозащитник Ильхамиз Гулиев (три года), активист Раиль Аббасов (шесть лет и "
        "шесть месяцев)."
    )
    assert sentences(extractor, text) == {
        ("Ильхамиз Гулиев", "imprisonment", 36),
        ("Раиль Аббасов", "imprisonment", 78),
    }


def test_days_given_for_an_act_named_in_any_words(extractor: Extractor) -> None:
    text = "В январе 2021 года Ивану Петрову дали 10 суток за шествие в поддержку Навального."
    record = rec(extractor, text)
    assert [(s["person"], s["note"]) for s in record["sentences"]] == [("Иван Петров", "10 days")]
    assert [(c["person"], c["offence"]) for c in record["charges"]] == [
        ("Иван Петров", "шествие в поддержку")
    ]


def test_a_fine_told_without_its_amount(extractor: Extractor) -> None:
    text = "Месяц назад Ивана Петрова тоже задерживали до начала митинга и потом штрафовали."
    assert sentences(extractor, text) == {("Иван Петров", "fine", None)}


def test_the_act_a_penalty_was_given_for_is_the_articles_charge(
    extractor: Extractor,
) -> None:
    text = (
        "Ивана Петрова арестовали на 10 суток за протест. "
        "Ивана Петрова признали виновным по статье 20.2 КоАП."
    )
    assert [c["article"] for c in rec(extractor, text)["charges"]] == ["20.2"]


def articles(extractor: Extractor, text: str) -> list[str | None]:
    return sorted(c["article"] or "" for c in rec(extractor, text)["charges"])


def test_an_article_in_its_written_forms(extractor: Extractor) -> None:
    assert articles(extractor, "Ивана Петрова обвиняют по ст.ст. 212, 213 и 318 УК РФ.") == [
        "212",
        "213",
        "318",
    ]
    assert articles(extractor, "Ивану Петрову предъявили обвинение по ст. 207.3 ч. 2 УК РФ.") == [
        "207.3.2"
    ]
    assert articles(
        extractor, "Против Ивана Петрова возбуждено дело по частям 1 и 2 статьи 342 УК."
    ) == [
        "342.1",
        "342.2",
    ]
    # a number after the list that is no article
    assert articles(extractor, "Ивана Петрова судили по ст. 212 и 15 суток держали в ИВС.") == [
        "212"
    ]


def test_offences_listed_with_their_articles(extractor: Extractor) -> None:
    text = (
        "Ивана Петрова обвиняют в участии в экстремистском сообществе (ч. 2 ст. 282.1 УК РФ) "
        "и в финансировании экстремизма (ст. 282.3 УК РФ)."
    )
    got = {(c["article"], c["offence"]) for c in rec(extractor, text)["charges"]}
    assert got == {
        ("282.1.2", "участие в экстремистском сообществе"),
        ("282.3", "финансирование экстремизма"),
    }


def test_penalties_in_more_forms(extractor: Extractor) -> None:
    assert sentences(extractor, "Ивана Петрова приговорили к пяти с половиной годам колонии.") == {
        ("Иван Петров", "imprisonment", 66)
    }
    assert sentences(extractor, "Ивана Петрова приговорили к 300 часам обязательных работ.") == {
        ("Иван Петров", "restriction", None)
    }
    fine = rec(extractor, "Ивана Петрова приговорили к штрафу в 500 тысяч рублей.")["sentences"]
    assert [(s["amount"], s["currency"]) for s in fine] == [(500000.0, "RUB")]


def test_a_role_noun_before_a_name_in_the_genitive_is_the_next_names(
    extractor: Extractor,
) -> None:
    text = "Адвокат Ивана Петрова Анна Волкова сообщила, что его обвиняют по статье 319 УК РФ."
    record = rec(extractor, text)
    assert {p["name"]: p["role"] for p in record["persons"]} == {
        "Иван Петров": "victim",
        "Анна Волкова": "lawyer",
    }
    assert [c["person"] for c in record["charges"]] == ["Иван Петров"]


def test_a_name_after_a_speech_verbs_clause_is_no_speaker(extractor: Extractor) -> None:
    text = "Адвокат Павел Иванов сообщил, что Ивана Петрова задержали."
    assert [e["victims"] for e in rec(extractor, text)["events"]] == [["Иван Петров"]]


def test_a_state_bodys_regional_office_acts_and_is_not_searched(extractor: Extractor) -> None:
    text = (
        "7 октября 2018 года сотрудники УФСБ по Смоленской области совместно с бойцами СОБРа "
        "провели обыски в рамках расследования дела о продолжении деятельности общины."
    )
    record = rec(extractor, text)
    kinds = {o["name"]: o["kind"] for o in record["organizations"]}
    assert kinds == {"УФСБ по Смоленской области": "state_body", "СОБРа": "state_body"}
    assert record["charges"] == []
    assert [e["victims"] for e in record["events"] if e["type"] == "search"] in ([], [[]])


def test_a_guessed_charge_is_no_charge(extractor: Extractor) -> None:
    text = (
        "Андрей Прокудин предполагает, что обыск в доме Павла Кузьмина может проходить по "
        "делу об экстремистской организации."
    )
    assert rec(extractor, text)["charges"] == []


def test_common_words_or_places_joined_by_a_hyphen_are_no_name() -> None:
    from vigil.extract.lemma.morph import is_name_word

    assert not is_name_word("Блогера-кулинара")
    assert not is_name_word("Астана-Алматы")
    assert is_name_word("Салтыков-Щедрин")


def test_a_name_put_in_the_nominative_agrees_in_gender_and_number() -> None:
    from vigil.extract.lemma.morph import nominative

    assert nominative(["Ника", "Белоцерковская"]) == ["Ника", "Белоцерковская"]
    assert nominative(["Антонины", "Фаворской"]) == ["Антонина", "Фаворская"]
    assert nominative(["Константина", "Габова"]) == ["Константин", "Габов"]


def events(extractor: Extractor, text: str) -> list[tuple[str, list[str]]]:
    return [(e["type"], e["victims"]) for e in rec(extractor, text)["events"]]


def test_an_act_told_of_a_list_after_a_colon(extractor: Extractor) -> None:
    text = (
        "По информации депутата Кристине Варданян, задержаны:\n"
        "- Тарон Манукян — сын депутата парламента;\n"
        "- Арсен Мартоян — член городского комитета."
    )
    assert ("arrest", ["Тарон Манукян", "Арсен Мартоян"]) in events(extractor, text)


def test_all_three_are_the_persons_named_before(extractor: Extractor) -> None:
    text = (
        "Об обысках у журналистов Игоря Сергунина, Вадима Кобзева и Алексея Липцера стало "
        "известно утром. Всех троих сразу задержали."
    )
    assert ("arrest", ["Игорь Сергунин", "Вадим Кобзев", "Алексей Липцер"]) in events(
        extractor, text
    )


def test_sent_to_pre_trial_detention_and_extradited(extractor: Extractor) -> None:
    assert events(extractor, "Вечером суд отправил Ивана Петрова в СИЗО.") == [
        ("detention", ["Иван Петров"])
    ]
    assert events(extractor, "Россия экстрадировала Ивана Петрова в Таджикистан.") == [
        ("restriction", ["Иван Петров"])
    ]


def test_the_outlet_a_report_cites_is_no_victim(extractor: Extractor) -> None:
    text = (
        "В ходе следственных действий были проведены обыски, сообщает сайт со ссылкой на Интерфакс."
    )
    assert [v for _, v in events(extractor, text)] in ([], [[]])


def test_an_abbreviation_is_its_own_lemma() -> None:
    from vigil.extract.lemma.model import lemma

    assert lemma("СИЗО") == "сизо"
