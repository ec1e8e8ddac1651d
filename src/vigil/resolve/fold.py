"""Fold a personal name to a Latin canonical form, whatever script or system it was written in.

The rules are data (``data/fold.yaml``, commented there); this module only applies them.
anyascii does the transliteration of every script we have no rule for (Greek, Arabic script,
Georgian, Vietnamese diacritics, ...). Our own decisions, and why:

* We transliterate Cyrillic and the Latin letters with a sound of their own ourselves, into an
  internal alphabet with one placeholder per sound (``Z`` = zh/j/dzh, ``S`` = sh, ``C`` = ch,
  ``T`` = ts): anyascii writes ``ж`` and ``ž`` differently (``zh`` / ``z``), and we need them
  equal so that ISO 9 and BGN/PCGN spellings of one name meet.
* A few letters mean different sounds in different systems (``j``, ``c``, ``ch``, ``x``), so a
  word is folded once per *reading* (English/BGN, Slavic Latin, Turkic Latin) and the matcher
  keeps the best pair. Guessing one system per name would be wrong for mixed sources.
* Vowel rules are few and only those the systems disagree on (ye/e, yo/e, y/i, ou/u), and
  doubled letters collapse. We do not fold e/a or o/u generally: Marat and Murat are two names.

``fold(name)`` returns the primary reading, spelled out in lower-case Latin (for display and
keys); ``fold_word(word)`` returns all internal readings of one word (for comparison).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from anyascii import anyascii

from vigil.datafiles import read_mapping

_WORD_SPLIT = re.compile(r"[^\w'ʼʻʿʾ`’‘ʹʺ”″.]+|_")


@dataclass(frozen=True)
class _Reading:
    pattern: re.Pattern[str]
    table: dict[str, str]
    after: tuple[tuple[re.Pattern[str], str], ...]
    loose: bool


@dataclass(frozen=True)
class _Rules:
    first: tuple[tuple[str, str], ...]
    chars: dict[int, str]
    before: tuple[tuple[re.Pattern[str], str], ...]
    readings: dict[str, _Reading]
    after: tuple[tuple[re.Pattern[str], str], ...]
    spell: dict[int, str]
    skeleton: dict[int, str]
    ambiguous: re.Pattern[str]  # any letter some strict reading reads its own way


def load_data(name: str) -> dict[str, Any]:
    """The resolver's data file ``data/<name>.yaml`` (word lists, transliteration rules)."""
    return read_mapping("vigil.resolve", "data", name, what="resolver data file")


@cache
def _rules() -> _Rules:
    data = load_data("fold")
    readings: dict[str, _Reading] = {}
    for reading, spec in data["readings"].items():
        table = {**data["digraphs"], **spec["map"]}
        alternatives = sorted(table, key=len, reverse=True)
        pattern = re.compile("|".join(re.escape(a) for a in alternatives))
        after = tuple((re.compile(p), r) for p, r in spec.get("after", []))
        readings[reading] = _Reading(pattern, table, after, bool(spec.get("loose")))
    return _Rules(
        first=tuple((a, b) for a, b in data["first"]),
        chars=str.maketrans(data["chars"]),
        before=tuple((re.compile(p), r) for p, r in data["before"]),
        readings=readings,
        after=tuple((re.compile(p), r) for p, r in data["after"]),
        spell=str.maketrans(data["spell"]),
        skeleton=str.maketrans(data["skeleton"]),
        ambiguous=re.compile(
            "|".join(
                sorted(
                    {re.escape(k) for spec in data["readings"].values() for k in spec["map"]},
                    key=len,
                    reverse=True,
                )
            )
        ),
    )


@lru_cache(maxsize=200_000)
def _prepare(word: str) -> str:
    rules = _rules()
    text = unicodedata.normalize("NFC", word).lower()
    for old, new in rules.first:
        text = text.replace(old, new)
    text = text.translate(rules.chars)
    if not text.isascii():
        # anyascii per letter, so that our upper-case placeholders stay as they are; it may
        # emit upper case or punctuation for some scripts: keep lower-case letters only.
        text = "".join(
            ch if ch.isascii() else "".join(c for c in anyascii(ch).lower() if c.isalpha())
            for ch in text
        )
    for pattern, repl in rules.before:
        text = pattern.sub(repl, text)
    return text


def _read(text: str, reading: str) -> str:
    rules = _rules()
    spec = rules.readings[reading]
    table = spec.table
    out = spec.pattern.sub(lambda m: table[m.group(0)], text)
    for rule, repl in (*spec.after, *rules.after):
        out = rule.sub(repl, out)
    return out


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> tuple[str, ...]:
    """All distinct strict internal readings of one word, primary first; () for no letters."""
    text = _prepare(word)
    if not text:
        return ()
    rules = _rules()
    names = [n for n, r in rules.readings.items() if not r.loose]
    if not rules.ambiguous.search(text):  # no letter the readings disagree on: one reading
        names = names[:1]
    seen: dict[str, None] = {}
    for name in names:
        folded = _read(text, name)
        if folded:
            seen.setdefault(folded, None)
    return tuple(seen)


@lru_cache(maxsize=200_000)
def fold_loose(word: str) -> tuple[str, ...]:
    """The loose readings of one word, one per loose reading, in a fixed order."""
    text = _prepare(word)
    return tuple(_read(text, n) for n, r in _rules().readings.items() if r.loose)


def spell(internal: str) -> str:
    """Write an internal folded form in plain lower-case Latin (``Z`` -> ``j``, ...)."""
    return internal.translate(_rules().spell)


@lru_cache(maxsize=200_000)
def skeleton(internal: str) -> str:
    """Phonetic-ish key: first letter, then consonants with vowels dropped and classes merged."""
    if not internal:
        return ""
    mapped = internal.translate(_rules().skeleton)
    head, tail = mapped[0], re.sub(r"[aeiou]", "", mapped[1:])
    return head + re.sub(r"(.)\1+", r"\1", tail)


def split_words(name: str) -> list[str]:
    """Split a name into words on spaces, hyphens and punctuation other than apostrophes."""
    return [w for w in _WORD_SPLIT.split(name) if w and w.strip(".")]


@lru_cache(maxsize=100_000)
def fold(name: str) -> str:
    """Latin lower-case canonical form of ``name``: the primary reading of each word.

    >>> fold("Айжангуль Амирова") == fold("Ajzhangul Amirova") == fold("Aijangül Amirova")
    True
    """
    words = (fold_word(w) for w in split_words(name))
    return " ".join(spell(r[0]) for r in words if r)
