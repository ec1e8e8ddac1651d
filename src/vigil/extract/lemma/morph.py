"""Names in the nominative and lemma keys of name words, from pymorphy3's analyses."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from vigil.extract.lemma.model import parses

_NAME_TAGS = ("Name", "Surn", "Patr")


def _name_parses(word: str) -> list[Any]:
    """Analyses as a surname, given name or patronymic, surnames first ("Кенджибеков" is a
    surname in the nominative before it is a plural of a given name)."""
    out = [p for p in parses(word) if any(t in p.tag for t in _NAME_TAGS)]
    # A word the dictionary does not know is guessed as a surname before a given name
    # ("Чугаева" is Чугаев's case, not a woman called Чугаева).
    order = _NAME_TAGS if any(p.is_known for p in out) else ("Surn", "Name", "Patr")
    return sorted(
        out,
        key=lambda p: (
            "plur" in p.tag,
            order.index(next(t for t in order if t in p.tag)),
        ),
    )


_ADJECTIVAL = re.compile(r"^(\w+[сц]к)(?:ий|ого|ому|им|ом|ая|ой|ую|ою)$", re.I)


@lru_cache(maxsize=100_000)
def name_key(word: str) -> str:
    """One key for every case of a name word: "Амировой", "Амирова" -> "амиров".

    pymorphy3 puts surnames of both genders under the masculine nominative; words it
    does not know as names (most Central Asian names) lose a case ending instead.
    """
    if not word or word.isascii() or not word[0].isalpha():
        return word.lower()
    if "-" in word:
        return "-".join(name_key(w) for w in word.split("-"))
    adjectival = _ADJECTIVAL.match(word)
    if adjectival:
        # "Бяляцким", "Бяляцкого": an adjectival surname in any case -> "бяляцкий"
        return adjectival.group(1).lower().replace("ё", "е") + "ий"
    named = _name_parses(word)
    if named and "plur" in named[0].tag and _NOMINATIVE_SURNAME.search(word):
        # "Сарсенгалиев" read only as a plural of a given name: a surname the dictionary
        # does not know, in the nominative
        return word.lower().replace("ё", "е")
    if named:
        return str(named[0].normal_form).replace("ё", "е")
    low = word.lower().replace("ё", "е")
    for end in ("ому", "ыми", "ого", "ой", "ым", "ом", "ем", "ым", "ую", "у", "а", "я", "е", "ю"):
        if low.endswith(end) and len(low) - len(end) >= 3:
            return low[: -len(end)]
    return low


# Endings of surnames in the nominative, for surnames the dictionary does not know.
_NOMINATIVE_SURNAME = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ова|ева|ина|ына|ский|ская|цкий|цкая|ян|янц|дзе|швили|ули|енко|ук|юк|ич|их|ых|бек|улы|кызы|уулу|оглы)$",
    re.I,
)


# A masculine surname in the genitive: "Габова", "Липцера" (a consonant before the "а").
_GENITIVE_SURNAME = re.compile(r"[бвгджзклмнпрстфхцчшщ]а$", re.I)
_ADJECTIVAL_FEMININE = re.compile(r"(?:ская|цкая)$", re.I)


def _gender(words: list[str]) -> str | None:
    """The gender of a name: an adjectival feminine surname ("Белоцерковская") decides,
    else the first given name the dictionary knows ("Ника" could be Ник's genitive)."""
    if any(_ADJECTIVAL_FEMININE.search(w) for w in words[1:]):
        return "femn"
    for w in words:
        for p in _name_parses(w):
            if p.tag.gender in ("masc", "femn") and "Name" in p.tag:
                return str(p.tag.gender)
    return None


def is_nominative(words: list[str]) -> bool:
    """Whether every word of a name can be read in the nominative (agreeing in gender
    with the given name: "Ивана Петрова" is not, though "Петрова" alone could be)."""
    gender = _gender(words) if len(words) > 1 else None
    for w in words:
        if w.isascii() or not w[0].isalpha():
            continue
        if not parses(w)[0].is_known and _NOMINATIVE_SURNAME.search(w):
            continue
        ps = parses(w)
        named = _name_parses(w) or [p for p in ps if p.tag.POS == "NOUN"] or list(ps)
        if gender:
            named = [p for p in named if p.tag.gender in (gender, None)] or named
        if not any("nomn" in p.tag for p in named[:4]):
            return False
    return True


def nominative(words: list[str]) -> list[str]:
    """The words of a name put in the nominative, agreeing in gender where one word knows it.

    "Канаткана Амренова" -> ["Канаткан", "Амренов"]; a word that cannot be inflected stays.
    """
    gender = _gender(words)
    out = []
    oblique = False  # whether a word was put in the nominative
    for w in words:
        if w.isascii() or not w[0].isalpha() or "-" in w:
            out.append(w)
            continue
        named = _name_parses(w)
        if gender:
            named = [p for p in named if p.tag.gender in (gender, None)] or named
        # one person's name is singular ("Антонины" is no plural of Антонин)
        named = [p for p in named if "plur" not in p.tag] or named
        if named and not any("nomn" in p.tag for p in named[:2]):
            form = named[0].inflect({"nomn"})
            out.append(_cased(w, str(form.word)) if form else w)
            oblique = oblique or form is not None
        elif not named and oblique and gender == "masc" and _GENITIVE_SURNAME.search(w):
            # "Константина Габова", "Алексея Липцера": a surname the dictionary does not
            # know follows its given name's case
            out.append(w[:-1])
        else:
            out.append(w)
    return out


def _cased(orig: str, new: str) -> str:
    return new[:1].upper() + new[1:] if orig[:1].isupper() else new


def is_name_word(word: str) -> bool:
    """False for a capitalised word the dictionary knows only as a common word
    ("Медиаменеджера", "Ташкентского"); True for names and unknown words."""
    if word.isascii() or " " in word:
        return True
    if "-" in word.strip("-"):
        # "Блогера-кулинара", "Астана-Алматы": common words or places joined are no name
        return any(
            is_name_word(part) and "Geox" not in parses(part)[0].tag
            for part in word.split("-")
            if part
        )
    ps = parses(word)
    if _name_parses(word):
        return True
    return not any(p.is_known for p in ps[:1])
