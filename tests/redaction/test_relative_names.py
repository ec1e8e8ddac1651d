"""Relatives' names are withheld by the policy itself, even where extraction missed them."""

from __future__ import annotations

import pytest

from vigil.redaction.policy import redact_text


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("Her brother Marat Serikov said that officers searched the flat.", "Marat Serikov"),
        ("His wife, Aigul Bekova, was questioned.", "Aigul Bekova"),
        ("the mother of the activist, Zhanna Ivanova, said", "Zhanna Ivanova"),
        ("Her son Daniyar, 12, was at home.", "Daniyar"),
        ("her father-in-law Bolat Kenes was summoned", "Bolat Kenes"),
    ],
)
def test_names_after_kinship_words_are_withheld(text: str, hidden: str) -> None:
    out = redact_text(text)
    assert hidden not in out.text
    assert "[withheld]" in out.text
    assert [w.category for w in out.withheld] == ["relative_name"]


@pytest.mark.parametrize(
    "text",
    [
        "the daughter of Ajzhangul Amirova was detained",  # the person at risk keeps her name
        "her brother said nothing to the police",
        "Brotherhood Party leader Ali Khan",
    ],
)
def test_the_person_at_risk_and_plain_text_stay(text: str) -> None:
    assert redact_text(text).text == text


def test_a_reviewer_can_release_a_relative_name() -> None:
    text = "Her brother Marat Serikov said"
    assert redact_text(text, released=["Marat Serikov"]).text == text
