"""One list per concept (issue 10): honorifics, name particles, patronymic words, month
names and number words each live in one data file, and no Python module or other data file
keeps its own copy (copies drifted: four honorific lists disagreed)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from vigil.extract.dates import month_names, short_months
from vigil.extract.numbers import number
from vigil.resolve.lexicon import lexicon, strip_honorific, written_name_words

SRC = Path(__file__).resolve().parents[2] / "src" / "vigil"

# Each concept: a few of its words (folded) and the one data file allowed to list them.
CONCEPTS = {
    "honorifics": ({"mrs", "prof", "sheikh", "mme"}, "resolve/data/names.yaml"),
    "patronymic words": ({"kyzy", "uulu", "ugli", "qizi"}, "resolve/data/names.yaml"),
    "name particles": ({"van", "von", "della", "dos"}, "resolve/data/names.yaml"),
    "month names": ({"january", "february", "november", "december"}, "extract/data/dates.yaml"),
    "number words": ({"seven", "eleven", "twelve", "nineteen"}, "extract/data/numbers.yaml"),
    "country aliases": (
        {"britain", "laos", "moldova", "the philippines"},
        "extract/data/places.yaml",
    ),
    "institution nouns": (
        {"procuracy", "directorate", "prosecution", "tribunal"},
        "extract/data/organizations.yaml",
    ),
}


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def _python_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append(node.value)
            # regex alternations written as one string: "mr|mrs|ms"
            found.extend(re.split(r"[|()?:\\\s]+", node.value))
    return found


def _holders(words: set[str]) -> set[str]:
    holders = set()
    for path in SRC.rglob("*"):
        if path.suffix == ".yaml":
            texts = _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
        elif path.suffix == ".py":
            texts = _python_literals(path)
        else:
            continue
        seen = {t.strip().lower() for t in texts}
        if len(words & seen) >= 3:
            holders.add(str(path.relative_to(SRC)))
    return holders


@pytest.mark.parametrize("concept", sorted(CONCEPTS))
def test_a_concept_has_one_list(concept: str) -> None:
    words, home = CONCEPTS[concept]
    assert _holders(words) == {home}


def test_the_one_lists_serve_every_reader() -> None:
    written = written_name_words()
    assert "Mme" in written.honorifics and "Г-н" in written.honorifics
    assert {"al", "bin", "van"} <= set(written.particles)
    assert "o'g'li" in written.patronymic_words
    assert strip_honorific("journalist Sahil") == "Sahil"  # descriptors go from name keys
    assert len(lexicon().honorifics) > len(written.honorifics)
    assert strip_honorific("Prof. Ayman Nour") == "Ayman Nour"
    assert strip_honorific("Mme Aminata Traoré") == "Aminata Traoré"
    assert strip_honorific("Ma Jian") == "Ma Jian"  # a family name, not an honorific here
    assert month_names()[0] == "january" and "sept" in short_months()
    assert "june" not in short_months()
    assert number("nineteen") == 19
