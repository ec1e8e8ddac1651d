"""Write one person's name the ways reports write it, to build test sets and benchmarks.

Used by ``scripts/make_name_pairs.py`` (the labelled pairs) and ``bench/bench_resolve.py``
(100,000 generated mentions); not used when resolving. Transliteration tables are in
``data/translit.yaml`` (with their sources), base names in ``data/base_names.yaml``. These
tables are independent of the matcher's folding (``fold.yaml``) on purpose.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from vigil.resolve.fold import load_data

_CYR_VOWELS = set("аеёиоуыэюяіїєәөүұйъь'")
FORMS = ("gf", "fg", "gpf", "fgp", "ini2", "ini1", "upper", "comma")


@dataclass(frozen=True)
class BasePerson:
    """A fictional person: names in the culture's own script, family name in masculine form."""

    culture: str
    given: str
    family: str
    gender: str
    father: str | None = None  # father's given name, for the patronymic
    middle: str | None = None  # Vietnamese middle name


@cache
def _translit() -> dict[str, Any]:
    data: dict[str, Any] = load_data("translit")
    return data


@cache
def cultures() -> dict[str, Any]:
    data: dict[str, Any] = load_data("base_names")
    return data


def transliterate(text: str, system: str) -> str:
    """Write ``text`` in ``system`` ("native" leaves it as it is)."""
    if system == "native":
        return text
    tables = _translit()
    if system in tables["latin"]:
        spec = tables["latin"][system] or {}
        for pattern, repl in spec.get("pre", []):
            text = re.sub(pattern, repl, text)
        if not spec.get("keep_marks"):
            text = "".join(
                c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
            )
            text = unicodedata.normalize("NFC", text)
        for pattern, repl in spec.get("post", []):
            text = re.sub(pattern, repl, text)
        return text
    spec = tables["cyrillic"][system]
    low_text = text.lower()
    for pattern, repl in spec.get("pre", []):
        low_text = re.sub(pattern, repl, low_text)
    # keep capitals: re-apply them by word after the rewrite (pre rules work on lower case)
    caps = [w[:1].isupper() for w in text.split()]
    upper = [w.isupper() and len(w) > 2 for w in text.split()]
    out: list[str] = []
    for i, ch in enumerate(low_text):
        value = spec["table"].get(ch, ch)
        if isinstance(value, dict):
            prev = low_text[i - 1] if i else " "
            if not prev.isalpha() and prev != "'":
                value = value.get("initial", value["default"])
            elif prev in _CYR_VOWELS:
                value = value.get("after_vowel", value["default"])
            else:
                value = value["default"]
        out.append(str(value))
    words = "".join(out).split(" ")
    fixed = []
    for index, word in enumerate(words):
        if index < len(upper) and upper[index]:
            word = word.upper()
        elif index < len(caps) and caps[index]:
            word = _capitalise(word)
        fixed.append(word)
    return " ".join(fixed)


def _capitalise(word: str) -> str:
    parts = re.split(r"([-.])", word)
    return "".join(p[:1].upper() + p[1:] for p in parts)


def family_form(person: BasePerson, family: str | None = None) -> str:
    """The family name in the person's gender (Amirov -> Amirova)."""
    name = family or person.family
    if person.gender == "m":
        return name
    grammar = cultures()[person.culture]["grammar"]
    rules: list[tuple[str, str]] = {
        "ru": [("ский$", "ская"), ("цкий$", "цкая"), ("ой$", "ая"), ("(ов|ев|ёв|ин|ын)$", r"\1а")],
        "by": [
            ("скі$", "ская"),
            ("цкі$", "цкая"),
            ("аў$", "ава"),
            ("оў$", "ова"),
            ("ёў$", "ёва"),
            ("(ін|ын)$", r"\1а"),
        ],
        "uk": [("ський$", "ська"), ("цький$", "цька"), ("(ов|ев|ін)$", r"\1а")],
        "az": [("(ov|ev|yev)$", r"\1a"), ("(ов|ев)$", r"\1а")],
    }.get(grammar, [])
    for pattern, repl in rules:
        if re.search(pattern, name):
            return re.sub(pattern, repl, name)
    return name


def patronymic(person: BasePerson) -> str | None:
    """Russian-, Belarusian- or Ukrainian-style patronymic from the father's given name."""
    father = person.father
    if father is None:
        return None
    grammar = cultures()[person.culture]["grammar"]
    f = person.gender == "f"
    if grammar == "ru":
        if father.endswith("ий"):
            return father[:-2] + ("ьевна" if f else "ьевич")
        if father.endswith("й"):
            return father[:-1] + ("евна" if f else "евич")
        if father.endswith(("а", "я")):
            return father[:-1] + ("инична" if f else "ич")
        if father[-1] in "жшчщц":
            return father + ("евна" if f else "евич")
        return father + ("овна" if f else "ович")
    if grammar == "by":
        if father.endswith(("й", "ь")):
            return father[:-1] + ("еўна" if f else "евіч")
        if father.endswith("а"):
            return father[:-1] + ("ічна" if f else "іч")
        return father + ("аўна" if f else "авіч")
    if grammar == "uk":
        if father.endswith("а"):
            return father[:-1] + ("аївна" if f else "айович")
        if father.endswith("о"):
            return father[:-1] + ("івна" if f else "ович")
        if father.endswith("й"):
            return father[:-1] + ("ївна" if f else "йович")
        return father + ("івна" if f else "ович")
    return None


def _initial(word: str) -> str:
    return word[:1] + "."


def _pick(entry: str, russian: bool) -> str:
    latin, _, cyrillic = entry.partition("|")
    return cyrillic if russian and cyrillic else latin


def render(person: BasePerson, form: str, system: str) -> str:
    """The person's name in one structural form (``FORMS``) and one spelling system."""
    spec = cultures()[person.culture]
    russian = system in spec.get("russian_systems", [])
    given = _pick(person.given, russian)
    family = family_form(person, _pick(person.family, russian)) if russian else None
    if family is None:
        family = family_form(person, _pick(person.family, False))
    if russian and person.gender == "f":
        family = re.sub("(ов|ев)$", r"\1а", _pick(person.family, True))
    pat = patronymic(person)
    if spec["grammar"] == "vi":
        middle = person.middle or ""
        text = {
            "gf": f"{given} {middle} {family}",
            "fg": f"{family} {middle} {given}",
            "gpf": f"{given} {family}",
            "upper": f"{family} {middle} {given}",
        }.get(form, f"{family} {middle} {given}")
    else:
        text = {
            "gf": f"{given} {family}",
            "fg": f"{family} {given}",
            "gpf": f"{given} {pat} {family}" if pat else f"{given} {family}",
            "fgp": f"{family} {given} {pat}" if pat else f"{family} {given}",
            "ini2": f"{family} {_initial(given)}{_initial(pat) if pat else ''}",
            "ini1": f"{_initial(given)} {family}",
            "upper": f"{family} {given}",
            "comma": f"{family}, {given}",
        }[form]
    words = transliterate(text, system).split()
    if form == "upper":
        size = len(transliterate(family, system).split())
        words = [w.upper() for w in words[:size]] + words[size:]
    return " ".join(words)


def systems(culture: str) -> list[str]:
    spec = cultures()[culture]
    return ["native", *spec["systems"], *spec.get("russian_systems", [])]


def random_person(culture: str, rng: random.Random, gender: str | None = None) -> BasePerson:
    spec = cultures()[culture]
    gender = gender or rng.choice("mf")
    given = rng.choice(spec["given_m" if gender == "m" else "given_f"])
    father = rng.choice(spec["given_m"]) if spec["grammar"] in ("ru", "by", "uk") else None
    middle = rng.choice(spec["middle_" + gender]) if spec["grammar"] == "vi" else None
    return BasePerson(culture, given, rng.choice(spec["family"]), gender, father, middle)
