"""Russian acts go to whom the dependency parse gives them (lemma/attach.py)."""

from __future__ import annotations

from typing import Any

from vigil.extract import Extractor


def rec(extractor: Extractor, text: str) -> dict[str, Any]:
    return extractor.extract(text, language="ru").record


def test_a_name_hanging_from_another_noun_is_no_victim(extractor: Extractor) -> None:
    r = rec(extractor, "Ивана Петрова задержали на акции в поддержку Алексея Навального.")
    assert [(e["type"], e["victims"]) for e in r["events"]] == [("arrest", ["Иван Петров"])]


def test_a_charge_is_whom_its_predicate_charges(extractor: Extractor) -> None:
    r = rec(extractor, "По делу Алексея Навального задержали Ивана Петрова по ч. 1 ст. 282.1 УК.")
    assert [(c["person"], c["article"]) for c in r["charges"]] == [("Иван Петров", "282.1.1")]


def test_the_subject_of_another_verb_is_no_victim(extractor: Extractor) -> None:
    r = rec(
        extractor,
        "Мария Иванова, вдова убитого Петра Иванова, задержана полицией.",
    )
    arrests = [e["victims"] for e in r["events"] if e["type"] == "arrest"]
    assert arrests == [["Мария Иванова"]]
