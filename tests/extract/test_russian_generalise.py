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
