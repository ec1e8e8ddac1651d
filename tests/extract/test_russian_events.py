"""Russian events (data/ru/events.yaml): one act told twice is one event."""

from __future__ import annotations

from vigil.extract import Extractor


def test_an_act_told_of_nobody_then_of_named_people_is_one_event(extractor: Extractor) -> None:
    r = extractor.extract(
        "22 октября 2025 года полиция задержала 20 участников митинга в Тбилиси. "
        "Среди задержанных — активисты Важа Гаприндашвили и Лика Басилая.",
        language="ru",
    ).record
    arrests = [e for e in r["events"] if e["type"] == "arrest"]
    assert len(arrests) == 1, arrests
    assert arrests[0]["date"] == "2025-10-22"
    assert len(arrests[0]["victims"]) == 2


def test_an_act_of_nobody_named_stays_when_nobody_is_named(extractor: Extractor) -> None:
    r = extractor.extract(
        "22 октября 2025 года полиция задержала 20 участников митинга в Тбилиси.",
        language="ru",
    ).record
    assert [(e["type"], e["victims"]) for e in r["events"] if e["type"] == "arrest"] == [
        ("arrest", [])
    ]


def test_triggers_told_on_several_sites(extractor: Extractor) -> None:
    """Forms the tuning reports of several sites use (dw.com, udf.by, novayagazeta: "судили",
    "судят"; news.tj: "объявлен в розыск") and their kin."""
    cases = {
        "Ивана Петрова судят по делу о вандализме.": "trial",
        "Ивана Петрова судили за неповиновение администрации колонии.": "trial",
        "Ивана Петрова похитили в Грозном.": "disappearance",
        "Ивана Петрова нашли мертвым в камере.": "killing",
        "Ивана Петрова выпустили из спецприемника.": "release",
        "Иван Петров объявлен в розыск.": "restriction",
        "Ивана Петрова лишили гражданства.": "restriction",
        "Ивана Петрова не пустили в Россию.": "restriction",
    }
    for text, etype in cases.items():
        r = extractor.extract(text, language="ru").record
        assert [e["type"] for e in r["events"]] == [etype], text


def test_judging_by_is_no_trial(extractor: Extractor) -> None:
    r = extractor.extract(
        "Судя по событиям последнего времени, Ивана Петрова не оставят в покое.", language="ru"
    ).record
    assert not [e for e in r["events"] if e["type"] == "trial"]


def test_an_act_told_again_of_some_of_its_persons_is_one_event(extractor: Extractor) -> None:
    r = extractor.extract(
        "Суд начал рассматривать дело Ивана Петрова и Анны Смирновой 10 апреля 2025 года. "
        "Ивана Петрова судят по делу о фейках.",
        language="ru",
    ).record
    trials = [e for e in r["events"] if e["type"] == "trial"]
    assert len(trials) == 1, trials
    assert set(trials[0]["victims"]) == {"Иван Петров", "Анна Смирнова"}


def test_a_weekday_dates_the_acts_told_after_it(extractor: Extractor) -> None:
    r = extractor.extract(
        "В понедельник в Москве задержали активиста Ивана Петрова. "
        "Его доставили в ОВД, где составили протокол по статье 20.2 КоАП.",
        published="2024-03-05",
        language="ru",
    ).record
    assert {e["type"]: e["date"] for e in r["events"]} == {
        "arrest": "2024-03-04",
        "charge": "2024-03-04",
    }
