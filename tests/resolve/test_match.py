"""compare(): same person, review or different, with reasons."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.resolve.match import compare
from vigil.resolve.mention import PersonMention, Relative


def m(name: str, **facts: object) -> PersonMention:
    return PersonMention(id=name, name=name, **facts)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ajzhangul Amirova", "Айжангуль Амирова"),
        ("Amirova Aizhangul Serikovna", "Ayzhangul Amirova"),
        ("Амирова А.С.", "Ajzhangul Serikovna Amirova"),
        ("Alaa Abd el-Fattah", "Alaa Abdel Fatah"),
        ("Mohamed Hassan", "Muhammad Hasan"),
        ("Nguyễn Thị Hương", "Huong Nguyen"),
        ("Ilgar Mammadov", "İlqar Məmmədov"),
        ("Sviatlana Tsikhanouskaya", "Святлана Ціханоўская"),
        ("Ali Hassan", "Hassan Ali"),
    ],
)
def test_variants_are_the_same_person(a: str, b: str) -> None:
    decision = compare(m(a), m(b))
    assert decision.verdict == "same", decision.reasons
    assert 0.85 <= decision.score <= 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ajzhangul Amirova", "Elmurat Amirov"),  # brother: -ov / -ova
        ("Ajzhangul Amirova", "Aigerim Amirova"),  # sister
        ("Aleksandr Petrov", "Aleksandra Petrova"),
        ("Ajzhangul Serikovna Amirova", "Ajzhangul Maratovna Amirova"),  # other father
        ("Nguyen Van Hung", "Nguyen Van Dung"),
        ("Nguyen Van Linh", "Nguyen Thi Linh"),
        ("Amal Abd al-Rahman", "Jamal Abd al-Rahman"),
    ],
)
def test_relatives_and_namesakes_are_different(a: str, b: str) -> None:
    decision = compare(m(a), m(b))
    assert decision.verdict == "different", decision.reasons
    assert decision.conflict


def test_a_single_initial_is_only_a_proposal() -> None:
    assert compare(m("A. Amirova"), m("Ajzhangul Amirova")).verdict == "review"


def test_a_recorded_relation_forbids_the_merge() -> None:
    son = m("Serik Amirov", relatives=(Relative("Serik Amirov", "father"),))
    decision = compare(son, m("Serik Amirov"))
    assert decision.verdict == "different" and decision.conflict
    assert any("father" in r for r in decision.reasons)
    assert compare(m("Serik Amirov"), m("Serik Amirov")).verdict == "same"


def test_birth_dates_decide_between_namesakes() -> None:
    a = m("Ajzhangul Amirova", birth_date="1985-03-02")
    assert compare(a, m("Ajzhangul Amirova", birth_date="1991-07-12")).verdict == "different"
    assert compare(a, m("Ajzhangul Amirova", birth_date="1985")).verdict == "same"


def test_agreeing_facts_turn_a_review_into_same() -> None:
    a, b = m("A. Amirova", birth_date="1985-03-02"), m("Ajzhangul Amirova")
    assert compare(a, b).verdict == "review"
    b = m("Ajzhangul Amirova", birth_date="1985-03-02")
    decision = compare(a, b)
    assert decision.verdict == "same" and "birth date agrees" in decision.reasons


def test_a_different_country_asks_a_person() -> None:
    a = m("Ajzhangul Amirova", country="Kazakhstan")
    assert compare(a, m("Ajzhangul Amirova", country="Kyrgyzstan")).verdict == "review"
    assert compare(a, m("Ajzhangul Amirova", country="Казахстан")).verdict == "same"


def test_aliases_are_compared_too() -> None:
    a = PersonMention("1", "Ajzhangul Amirova", aliases=("Aizhan Serikova",))
    assert compare(a, m("Aizhan Serikova")).verdict == "same"


@given(st.text(max_size=40), st.text(max_size=40))
@settings(max_examples=200, deadline=None)
def test_any_text_gives_a_decision(a: str, b: str) -> None:
    decision = compare(m(a), m(b))
    assert decision.verdict in {"same", "review", "different"}
    assert 0.0 <= decision.score <= 1.0


def test_a_name_agreeing_fully_ends_the_search_among_aliases(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Issue 14: a report of thousands of names gave persons dozens of aliases each, and
    # every pair of aliases of every pair of mentions was compared (9 s of CPU).
    from vigil.resolve import match

    aliases = tuple(f"Aigerim Tulegenova{'-' * i}x" for i in range(1, 20))
    a = PersonMention("a", "Aigerim Tulegenova", aliases=aliases)
    b = PersonMention("b", "Aigerim Tulegenova", aliases=aliases[::-1])
    compared: list[tuple[str, str]] = []
    real = match.compare_names

    def counted(x, y):  # type: ignore[no-untyped-def]
        compared.append((x.raw, y.raw))
        return real(x, y)

    match._name_pair.cache_clear()
    monkeypatch.setattr(match, "compare_names", counted)
    found = match.best_name_match(a, b)
    assert (found.verdict, found.score) == ("same", 1.0)
    assert len(compared) == 1
