"""The name-structure lexicon (``data/names.yaml``), folded once at load."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vigil.resolve.fold import fold_word, load_data, spell


def _folded(word: str) -> str:
    readings = fold_word(word)
    return readings[0] if readings else ""


@dataclass(frozen=True)
class FamilyEnding:
    ending: str  # folded
    gender: str | None  # "m", "f" or None
    stem_end: str  # what replaces the ending in the stem
    strength: int  # 2 = almost always a family name, 1 = also ends given names


@dataclass(frozen=True)
class Lexicon:
    honorifics: frozenset[str]
    articles: frozenset[str]
    sun_articles: frozenset[str]
    abd_prefix: re.Pattern[str]
    abd_words: frozenset[str]
    nasab: frozenset[str]
    patronymic_words: dict[str, str]
    patronymic_suffixes: tuple[tuple[str, str], ...]
    patronymic_suffix_set: tuple[str, ...]
    family_endings: tuple[FamilyEnding, ...]
    family_ending_set: tuple[str, ...]
    family_plain_endings: tuple[str, ...]
    given_like_family: frozenset[str]
    given_endings: tuple[str, ...]
    vietnamese_family: frozenset[str]
    vietnamese_also_given: frozenset[str]
    vietnamese_markers: dict[str, str]
    given_groups: dict[str, int]  # folded given name -> group number


@dataclass(frozen=True)
class WrittenNameWords:
    """The lexicon's words around names as people write them (not folded), for extraction,
    which matches them in running text."""

    honorifics: tuple[str, ...]  # capitalised: "Mr", "Maître", "Г-н"
    long_name_honorifics: tuple[str, ...]
    name_like_honorifics: tuple[str, ...]
    particles: tuple[str, ...]  # small words inside a name: de, van, al, bin ...
    patronymic_words: tuple[str, ...]  # kyzy, uulu, o'g'li ...


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


@cache
def written_name_words() -> WrittenNameWords:
    data = load_data("names")
    return WrittenNameWords(
        honorifics=tuple(_capitalised(w) for w in data["honorifics"]),
        long_name_honorifics=tuple(_capitalised(w) for w in data["long_name_honorifics"]),
        name_like_honorifics=tuple(_capitalised(w) for w in data["name_like_honorifics"]),
        particles=tuple(data["particles"] + data["articles"] + data["nasab"]),
        patronymic_words=tuple(data["patronymic_words"]),
    )


def strip_honorific(name: str) -> str:
    """``name`` without a leading honorific ("Mr A. Amirova" -> "A. Amirova")."""
    head, _, rest = name.strip().partition(" ")
    if rest and _folded(head.rstrip(".")) in lexicon().honorifics:
        return rest.strip()
    return name.strip()


@cache
def lexicon() -> Lexicon:
    data = load_data("names")

    def fset(key: str) -> frozenset[str]:
        return frozenset(_folded(w) for w in data[key] if _folded(w))

    endings = sorted(
        (
            FamilyEnding(_folded(e), g, _folded(stem) if stem else "", int(s))
            for e, g, stem, s in data["family_endings"]
        ),
        key=lambda fe: len(fe.ending),
        reverse=True,
    )
    suffixes = sorted(
        ((_folded(s), g) for s, g in data["patronymic_suffixes"]),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    groups: dict[str, int] = {}
    for number, line in enumerate(data["given_equivalents"]):
        for spelling in line:
            for word_readings in (fold_word("".join(str(spelling).split())),):
                for reading in word_readings:
                    groups.setdefault(reading, number)
    return Lexicon(
        honorifics=fset("honorifics") | fset("after_name_honorifics") | fset("descriptors"),
        articles=fset("articles"),
        sun_articles=frozenset(spell(_folded(w)) for w in data["sun_articles"]),
        abd_prefix=re.compile(data["abd_prefix"]),
        abd_words=fset("abd_words"),
        nasab=fset("nasab"),
        patronymic_words={_folded(w): g for w, g in data["patronymic_words"].items()},
        patronymic_suffixes=tuple(suffixes),
        patronymic_suffix_set=tuple(s for s, _ in suffixes),
        family_endings=tuple(endings),
        family_ending_set=tuple(fe.ending for fe in endings),
        family_plain_endings=tuple(_folded(e) for e in data["family_plain_endings"]),
        given_like_family=fset("given_like_family") | frozenset(groups),
        given_endings=tuple(_folded(e) for e in data["given_endings"]),
        vietnamese_family=fset("vietnamese_family"),
        vietnamese_also_given=fset("vietnamese_also_given"),
        vietnamese_markers={_folded(w): g for w, g in data["vietnamese_markers"].items()},
        given_groups=groups,
    )
