"""The redaction policy: each category with examples it must catch, facts it must leave."""

from __future__ import annotations

import pytest

from vigil.redaction import redact_text

MARK = "[withheld]"


@pytest.mark.parametrize(
    ("text", "secret", "category"),
    [
        ("Call +7 701 555 12 34 now.", "+7 701 555 12 34", "phone"),
        ("Call +7 (701) 555-12-34 now.", "+7 (701) 555-12-34", "phone"),
        ("Her number is 8 (727) 272-12-34.", "8 (727) 272-12-34", "phone"),
        ("Office +380 44 123 4567.", "+380 44 123 4567", "phone"),
        ("tel: 555 12 34 88", "555 12 34 88", "phone"),
        ("His passport No. N12345678 was taken.", "N12345678", "id_number"),
        ("ID card number 004512345 seized.", "004512345", "id_number"),
        ("IIN 850101300123 is on file.", "850101300123", "id_number"),
        ("She lives at ul. Abaya 15 in Almaty.", "Abaya 15", "address"),
        ("They searched apt. 42 at dawn.", "apt. 42", "address"),
        ("flat 7, building 3, was searched", "flat 7", "address"),
        ("He lives at 42 Lenin Street.", "42 Lenin Street", "address"),
        ("She lives in microdistrict Samal-2 with her son.", "Samal-2", "address"),
        ("He suffers from diabetes and needs care.", "diabetes", "medical"),
        ("She was diagnosed with cancer in prison.", "cancer", "medical"),
    ],
)
def test_each_category_is_withheld(text: str, secret: str, category: str) -> None:
    result = redact_text(text)
    assert secret not in result.text
    assert MARK in result.text
    assert category in result.by_category()


@pytest.mark.parametrize(
    "text",
    [
        "Arrested under article 174 of the Criminal Code on 12 March 2021 at 10:30.",
        "Sentenced to 7 years; fined 2,500,000 tenge.",
        "The trial in case No. 7514-21-00-1/215 opened on 2021-03-12.",
        "Police detained 15 people in Almaty.",
        "Article 164, part 2 of the Penal Code.",
    ],
)
def test_facts_the_public_needs_are_left(text: str) -> None:
    assert redact_text(text).text == text


def test_confidential_values_and_releases() -> None:
    text = "Her sister Dana Amirova (tel. +7 701 555 12 34) said she was fine."
    hidden = redact_text(text, confidential=["Dana Amirova"])
    assert "Dana" not in hidden.text and "555" not in hidden.text
    assert hidden.by_category()["confidential"] == ["Dana Amirova"]
    shown = redact_text(text, confidential=["Dana Amirova"], released=["dana amirova"])
    assert "Dana Amirova" in shown.text and "555" not in shown.text


def test_confidential_names_match_whole_words_only() -> None:
    assert redact_text("Danara spoke.", confidential=["Dana"]).text == "Danara spoke."


def test_the_medical_detail_is_withheld_not_the_sentence() -> None:
    """Issue 14.5: "Ensure he receives insulin and adequate medical care." was published
    as "[withheld]."."""
    out = redact_text("Ensure he receives insulin and adequate medical care.")
    assert out.text == f"Ensure he receives {MARK} and adequate medical care."


def test_which_medical_kinds_are_withheld_is_the_policys_choice() -> None:
    from vigil.redaction.policy import _compile, raw_policy

    text = "He was denied medical care for his asthma."
    assert redact_text(text).text == f"He was denied medical care for his {MARK}."
    raw = raw_policy()
    assert "care" not in raw["categories"]["medical"]["withheld_kinds"]
    raw["categories"]["medical"]["withheld_kinds"] = ["care"]
    stricter = _compile(raw)
    assert redact_text(text, rules=stricter).text == f"He was denied {MARK} for his asthma."


def test_an_unknown_list_in_a_pattern_fails_loudly() -> None:
    from vigil.errors import ConfigError
    from vigil.redaction.policy import _compile

    raw = {"categories": {"x": {"patterns": ["{{no_such_list}} \\d+"]}}}
    with pytest.raises(ConfigError, match="no_such_list"):
        _compile(raw)
